"""Text from files is printed as written on the terminal: a title, a name or an option
that looks like rich markup (``[bold]``, ``[/]``) or an emoji code (``:thumbs_up:``)
is neither styled, nor turned into an emoji, nor an error. Every terminal view that
prints a questionnaire's or an answers file's words is run on such words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from capassess.cli import main

DATA = Path(__file__).parent / "data"

# (text in tiny.yaml, its replacement): titles of the questionnaire, a dimension, a
# capability, a question and two actions, each holding markup and an emoji code.
MARKED = {
    "title: {en: Tiny model,": 'title: {en: "Tiny [bold]model[/] :thumbs_up:",',
    "title: {en: Data,": 'title: {en: "Data [red]x[/red]",',
    "title: {en: Governance,": 'title: {en: "Gov [/] :smile:",',
    "text: {en: How is data governed?,": 'text: {en: "How [i]is[/i] data governed? :100:",',
    "title: {en: Name stewards,": 'title: {en: "Name [b]stewards[/b] :cn:",',
    "title: {en: Set up a data committee,": 'title: {en: "Committee [/dim] [link=x]y[/link]",',
}
NAME = "ACME [/] :thumbs_up: [bold]x"


@pytest.fixture()
def marked(tmp_path: Path) -> tuple[Path, Path]:
    text = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    for old, new in MARKED.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    answers = (DATA / "answers" / "tiny-full.yaml").read_text(encoding="utf-8")
    answers = answers.replace("name: Acme Bank", f"name: {json.dumps(NAME)}")
    (tmp_path / "a.yaml").write_text(answers, encoding="utf-8")
    # governance at level 1 and no data owner: its two actions are scheduled
    weak = answers.replace("g-level: 3", "g-level: 1").replace(
        "g-choice: partial", "g-choice: none"
    )
    (tmp_path / "weak.yaml").write_text(weak, encoding="utf-8")
    return folder, tmp_path / "a.yaml"


def _run(folder: Path, *args: str | Path) -> Result:
    runner = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"})
    return runner.invoke(main, ["--questionnaire-dir", str(folder), *map(str, args)])


def _shown(output: str, texts: list[str]) -> list[str]:
    """The texts not found as written in ``output``."""
    flat = " ".join(output.split())
    return [t for t in texts if " ".join(t.split()) not in flat]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("show", "tiny"), ["Tiny [bold]model[/] :thumbs_up:", "Gov [/] :smile:",
                            "How [i]is[/i] data governed? :100:", "Name [b]stewards[/b] :cn:"]),
        (("questionnaires",), ["Tiny [bold]model[/] :thumbs_up:"]),
        (("score", "{answers}"), ["Data [red]x[/red]", "Gov [/] :smile:", NAME]),
        (("plan", "{answers}", "--target-level", "5"),
         ["Gov [/] :smile:", "How [i]is[/i] data governed? :100:", NAME]),
        (("plan", "{weak}"), ["Gov [/] :smile:", "Name [b]stewards[/b] :cn:",
                              "Committee [/dim] [link=x]y[/link]"]),
    ],
)  # fmt: skip
def test_words_from_files_are_printed_as_written(
    marked: tuple[Path, Path], command: tuple[str, ...], expected: list[str]
) -> None:
    folder, answers = marked
    inputs = {"{answers}": str(answers), "{weak}": str(answers.parent / "weak.yaml")}
    args = [inputs.get(a, a) for a in command]
    result = _run(folder, *args)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _shown(result.stdout, expected) == []
    assert "👍" not in result.output and "😄" not in result.output


def test_a_benchmark_pack_is_printed_as_written(tmp_path: Path) -> None:
    peers = Path(__file__).parent.parent / "examples" / "peers"
    pack, title = tmp_path / "pack.yaml", "Peers [bold]2026[/] :thumbs_up:"
    runner = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"})
    built = runner.invoke(main, ["benchmark", "build", str(peers), "-o", str(pack),
                                 "--title", title, "--min-group", "2"])  # fmt: skip
    assert built.exit_code == 0, built.output
    shown = runner.invoke(main, ["benchmark", "show", str(pack)])
    assert shown.exit_code == 0, shown.output
    assert _shown(shown.stdout, [title]) == []
    assert "👍" not in shown.output
