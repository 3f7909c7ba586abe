"""Record two short interviews from a real pseudo-terminal into docs/ (English, Chinese).

Run ``python -m tests.interactive.record_sessions`` from the repository root after a
change to what the interview shows; the files are the screen as a person saw it, read
by a VT100 emulator, with the keys pressed noted beside the text.
"""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path

from tests.interactive.screen_driver import DOWN, LEFT, Screen

ROOT = Path(__file__).resolve().parents[2]
SIZE = (100, 400)  # tall enough that nothing scrolls away
SUBJECT = ["--subject-id", "acme", "--name", "Acme Bank", "--kind", "bank", "--group",
           "region=East", "--assessor", "A. Consultant", "--date", "2026-03-01"]  # fmt: skip

# (prompt to wait for, keys to press, what the keys were, for the reader)
Step = tuple[str, list[str], str]

ENGLISH: list[Step] = [
    ("dg-level>", ["7", "\r"], "7 Enter"),
    ("dg-level>", ["3", "\r"], "3 Enter"),
    ("Evidence (required", [*"Data governance charter 2025", "\r"], "typed, Enter"),
    ("dg-owner>", [DOWN, DOWN, DOWN, DOWN, "\r"], "Down Down Down Down Enter"),
    ("dg-policies>", [DOWN, " ", DOWN, DOWN, " ", "\r"], "Down Space Down Down Space Enter"),
    ("dg-culture>", ["<", "\r"], "< Enter"),
    ("dg-policies>", ["s", "\r"], "s Enter (the answer stays)"),
    ("dg-culture>", ["2", "\r"], "2 Enter"),
    ("di-level>", ["q", "\r"], "q Enter"),
]
CHINESE: list[Step] = [
    ("dg-level>", [*"很高", "\r"], "很高 回车"),
    ("dg-level>", ["3", "\r"], "3 回车"),
    ("证据（必填", [*"数据治理章程（2025版）", LEFT, LEFT, "年", "\r"], "输入、← ←、年、回车"),
    ("dg-owner>", ["D", "A", "T", "A", "-", "d", "e", "p", "t", "\r"], "DATA-dept 回车"),
    ("dg-policies>", ["1", "，", "9", "\r"], "1，9 回车"),
    ("dg-policies>", ["1", "-", "3", "\r"], "1-3 回车"),
    ("dg-culture>", ["3", "\r"], "3 回车"),
    ("di-level>", ["q", "\r"], "q 回车"),
]


def record(steps: list[Step], args: list[str], folder: Path) -> str:
    """Run ``capassess assess ARGS`` through ``steps``; the screen at the end, as text."""
    screen = Screen(folder, *args, dirs=(), size=SIZE)
    answered: dict[str, int] = {}
    for prompt, keys, _ in steps:
        answered[prompt] = answered.get(prompt, 0) + 1
        while screen.text.count(prompt) < answered[prompt]:  # a new prompt, not an old one
            screen.wait_for(prompt)
            screen.settle()
        screen.prompt(prompt)
        screen.send(*keys)
    screen.end()
    lines = screen.lines
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def page(
    title: str, intro: str, runs: list[tuple[list[str], list[Step], str]], words: tuple[str, str]
) -> str:
    parts = [f"# {title}\n", intro]
    folder = Path(tempfile.mkdtemp())
    for args, steps, text in runs:
        keys_word, at = words
        keys = "; ".join(f"`{note}` {at} `{prompt.rstrip('>')}`" for prompt, _, note in steps)
        shown = " ".join(shlex.quote(a) for a in args)
        parts.append(f"{text}\n\n{keys_word} {keys}.\n")
        parts.append(
            f"```console\n$ capassess assess {shown}\n{record(steps, args, folder)}\n```\n"
        )
    return "\n".join(parts)


def main() -> None:
    english = page(
        "An interview in English, recorded",
        "A real `capassess assess` run in a 100-column terminal (screen read by a VT100\n"
        "emulator, `NO_COLOR` look). A wrong level is refused with the reason, the arrow\n"
        "keys pick an option, `<` goes back and `s` moves on keeping the answer, `q` saves.\n",
        [(["-q", "bank-fintech", "-o", "acme.yaml", "--respondent", "CDO Li",
           *SUBJECT], ENGLISH, "A new interview; every answer is recorded as given by CDO Li.")],
        ("Keys pressed:", "at"),
    )  # fmt: skip
    chinese = page(
        "中文访谈实录",
        "在 100 列终端中真实运行 `capassess assess --lang zh`（屏幕内容由 VT100 仿真器读取）。\n"
        "错误输入以中文说明原因；选项编号不区分大小写；语言保存在答案文件中，\n"
        "`--resume` 无需再加 `--lang zh`。\n",
        [(["-q", "bank-fintech", "-o", "shili.yaml", "--lang", "zh", *SUBJECT],
          CHINESE, "新建访谈："),
         (["-o", "shili.yaml", "--resume"], [("di-level>", ["q", "\r"], "q 回车")],
          "继续访谈（未加 --lang，仍为中文）：")],
        ("按键：", "于"),
    )  # fmt: skip
    (ROOT / "docs" / "interview-recorded-en.md").write_text(english + "\n", encoding="utf-8")
    (ROOT / "docs" / "interview-recorded-zh.md").write_text(chinese + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
