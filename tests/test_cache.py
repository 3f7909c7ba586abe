"""The user cache only ever makes things faster: never stale, never damaged, never shared
with other users, safe with concurrent writers; off when asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from capassess import cache
from capassess.catalog import load_questionnaire
from capassess.errors import InputError
from tests.conftest import DATA, ROOT

SHIPPED = ROOT / "questionnaires" / "branch-fintech.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(where))
    return where


def _entries(folder: Path, namespace: str) -> list[Path]:
    return sorted(folder.glob(f"{namespace}-*"))


def test_round_trip_and_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.write("x", "k", b"payload")
    assert cache.read("x", "k") == b"payload"
    assert cache.read("x", "other") is None
    monkeypatch.setenv(cache.ENV, "")
    assert cache.cache_dir() is None
    assert cache.read("x", "k") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[:-1],
        lambda d: d[:10],
        lambda d: b"",
        lambda d: d[:40] + b"X" + d[41:],
        lambda d: bytes(32) + d[32:],
    ],
    ids=["cut-one", "cut-short", "empty", "flipped", "wrong-digest"],
)
def test_a_damaged_entry_is_a_miss_and_removed(folder: Path, damage) -> None:  # type: ignore[no-untyped-def]
    cache.write("x", "k", b"some payload that is long enough to flip a byte of" * 3)
    (entry,) = _entries(folder, "x")
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.read("x", "k") is None
    assert not entry.exists()


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-to-device", "link-to-entry"])
def test_an_entry_that_is_not_a_regular_file_is_a_miss_without_blocking(
    folder: Path, kind: str
) -> None:
    """A FIFO in place of an entry used to block the command forever; a link to a
    device was read. Either is a miss now, answered at once, and removed."""
    cache.write("x", "k", b"payload")
    cache.write("x", "good", b"payload")
    (entry,) = [e for e in _entries(folder, "x") if e.name == "x-k"]
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    elif kind == "link-to-device":
        entry.symlink_to("/dev/zero")
    else:
        entry.symlink_to(folder / "x-good")
    run = subprocess.run(
        [sys.executable, "-c", "from capassess import cache; print(cache.read('x', 'k'))"],
        capture_output=True, text=True, timeout=20, check=False,
        env={**os.environ, cache.ENV: str(folder)},
    )  # fmt: skip
    assert run.returncode == 0 and run.stdout.strip() == "None", run.stderr
    assert kind == "folder" or (not entry.is_symlink() and not entry.exists())


def test_a_relative_cache_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative $CAPASSESS_CACHE_DIR (or $XDG_CACHE_HOME) would leave a cache folder in
    every folder the command is run from: the cache is off instead."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(cache.ENV, "relative-cache")
    assert cache.cache_dir() is None
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-xdg")
    assert cache.cache_dir() is None
    cache.write("x", "k", b"payload")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_others_may_write_is_not_used(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o777)
    assert cache.cache_dir() is None
    cache.write("x", "k", b"payload")
    assert not _entries(folder, "x")


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    cache.write("x", "k", b"payload")
    assert cache.read("x", "k") is None
    assert load_questionnaire(SHIPPED).id == "branch-fintech"


def test_questionnaire_never_stale(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    shutil.copy(SHIPPED, path)
    first = load_questionnaire(path)
    assert len(_entries(folder, "questionnaire")) == 1
    assert load_questionnaire(path) == first  # served from the cache
    text = path.read_text(encoding="utf-8").replace("version:", "version: '9.9'\n#", 1)
    path.write_text(text, encoding="utf-8")
    changed = load_questionnaire(path)
    assert changed.version == "9.9" != first.version
    assert len(_entries(folder, "questionnaire")) == 2


def test_questionnaire_from_a_damaged_entry_is_parsed_again(folder: Path) -> None:
    first = load_questionnaire(SHIPPED)
    (entry,) = _entries(folder, "questionnaire")
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert load_questionnaire(SHIPPED) == first


def test_an_invalid_questionnaire_is_not_cached(folder: Path, tmp_path: Path) -> None:
    from capassess.errors import InputError

    path = tmp_path / "q.yaml"
    path.write_text("id: broken\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            load_questionnaire(path)
    assert not _entries(folder, "questionnaire")


WRITER = """
import sys
from capassess import cache
for i in range(200):
    cache.write("race", "k", sys.argv[1].encode() * 5000)
    found = cache.read("race", "k")
    assert found is None or found in (b"a" * 5000, b"b" * 5000), len(found)
"""


def test_concurrent_writers_leave_a_whole_entry(folder: Path) -> None:
    env = {**os.environ, cache.ENV: str(folder)}
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, tag], env=env) for tag in "ab"]
    assert [r.wait(timeout=120) for r in runs] == [0, 0]
    assert cache.read("race", "k") in (b"a" * 5000, b"b" * 5000)
    assert not list(folder.glob(".*.tmp"))


def test_edited_template_is_compiled_anew(folder: Path, tmp_path: Path) -> None:
    from capassess.report.environment import render_template, report_environment

    (tmp_path / "t").mkdir()
    template = tmp_path / "t" / "x.md.j2"
    template.write_text("one {{ v }}", encoding="utf-8")
    assert render_template(report_environment(tmp_path / "t"), "x.md.j2", {"v": 1}) == "one 1"
    template.write_text("two {{ v }}", encoding="utf-8")
    assert render_template(report_environment(tmp_path / "t"), "x.md.j2", {"v": 1}) == "two 1"
    template.write_text("one {{ v }}", encoding="utf-8")
    assert render_template(report_environment(tmp_path / "t"), "x.md.j2", {"v": 2}) == "one 2"


RENDER = """
import sys
from capassess.report.environment import render_template, report_environment
print(render_template(report_environment(sys.argv[1]), "x.md.j2", {"v": 7}))
"""


def test_compiled_templates_on_disk_serve_new_processes(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "x.md.j2").write_text("seven {{ v }}", encoding="utf-8")
    env = {**os.environ, cache.ENV: str(folder)}
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", RENDER, str(tmp_path / "t")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == "seven 7"
    entries = _entries(folder, "template")
    assert len(entries) == 1
    entries[0].write_bytes(entries[0].read_bytes()[:-3])  # damaged: compiled again
    out = subprocess.run(
        [sys.executable, "-c", RENDER, str(tmp_path / "t")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "seven 7"


class _Planted:
    """Unpickling this runs code: the marker file appears if an entry is ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_planted_entry_never_runs_code_and_is_a_miss(folder: Path, tmp_path: Path) -> None:
    import pickle

    first = load_questionnaire(SHIPPED)
    (entry,) = _entries(folder, "questionnaire")
    key = entry.name.split("-", 1)[1]
    marker = tmp_path / "ran"
    # A well-formed entry (right key, valid checksum) whose payload is a pickle.
    cache.write("questionnaire", key, pickle.dumps(_Planted(marker)))
    assert load_questionnaire(SHIPPED) == first
    assert not marker.exists()


def _loads_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every questionnaire that is parsed rather than served from the cache."""
    from capassess import catalog

    parsed: list[str] = []
    real = catalog._load_questionnaire

    def counted(path: str | Path):  # type: ignore[no-untyped-def]
        parsed.append(str(path))
        return real(path)

    monkeypatch.setattr(catalog, "_load_questionnaire", counted)
    return parsed


def test_a_cached_questionnaire_is_served_without_parsing_and_equals_the_parsed_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _loads_counted(monkeypatch)
    first = load_questionnaire(SHIPPED)
    again = load_questionnaire(SHIPPED)
    assert parsed == [str(SHIPPED)]
    assert again == first and again is not first
    assert again.model_dump_json() == first.model_dump_json()


@pytest.mark.parametrize("change", ["version", "schema", "program"])
def test_another_version_schema_or_program_never_reads_an_entry(
    folder: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The key holds the tool's version, the models' shape and the program's files, so
    an entry written by any other capassess is never read: the file is parsed again."""
    import capassess
    from capassess import model_cache

    parsed = _loads_counted(monkeypatch)
    load_questionnaire(SHIPPED)
    if change == "version":
        monkeypatch.setattr(capassess, "__version__", capassess.__version__ + ".post1")
    elif change == "schema":
        monkeypatch.setattr(model_cache, "schema_of", lambda root: "other shape")
    else:
        monkeypatch.setattr(cache, "program_fingerprint", lambda: "other program")
    load_questionnaire(SHIPPED)
    assert parsed == [str(SHIPPED)] * 2
    assert len(_entries(folder, "questionnaire")) == 2


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not json at all",
        b'{"$m": "Questionnaire", "f": [], "s": []}',
        b'{"$m": "Dimension", "f": [], "s": []}',
        b"[" * 50_000,
        b'{"id": "x", "version": "1", "title": {"en": "x"}, "dimensions": []}',
    ],
    ids=["empty", "text", "fields-missing", "another-class", "deep", "plain-json"],
)
def test_a_corrupted_entry_with_a_valid_checksum_is_a_miss(
    folder: Path, monkeypatch: pytest.MonkeyPatch, payload: bytes
) -> None:
    """An entry whose checksum holds but whose snapshot does not fit the models (damaged
    before it was written, or written by other code) is ignored and parsed again."""
    parsed = _loads_counted(monkeypatch)
    first = load_questionnaire(SHIPPED)
    (entry,) = _entries(folder, "questionnaire")
    cache.write("questionnaire", entry.name.split("-", 1)[1], payload)
    assert load_questionnaire(SHIPPED) == first
    assert parsed == [str(SHIPPED)] * 2
    assert load_questionnaire(SHIPPED) == first  # written anew, served again
    assert parsed == [str(SHIPPED)] * 2


def test_with_the_cache_off_no_snapshot_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capassess import model_cache

    def refuse(model: object) -> bytes:
        raise AssertionError("a snapshot made with the cache off")

    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.setattr(model_cache, "to_snapshot", refuse)
    assert load_questionnaire(SHIPPED).id == "branch-fintech"


def test_a_questionnaire_with_text_that_has_no_utf8_form_is_refused_not_cached(
    folder: Path, tmp_path: Path
) -> None:
    """A lone surrogate written as a YAML escape ("\\ud800") is text no UTF-8 file,
    terminal or report can hold: the questionnaire is refused at its line, each time, and
    nothing is cached (tests/test_careful_yaml.py has the answers files' cases)."""
    source = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q.yaml"
    path.write_text(
        source.replace("{en: Tiny model,", '{en: "Tiny \\ud800 model",', 1), encoding="utf-8"
    )
    for _ in range(2):
        with pytest.raises(InputError, match=r"title.en: the text holds \\ud800"):
            load_questionnaire(path)
    assert not _entries(folder, "questionnaire")


# Answers files: served from the cache only when they check clean, never stale, bounded.

TINY = DATA / "good" / "tiny.yaml"
TINY_ANSWERS = DATA / "good" / "tiny-answers.yaml"


def _answers_read_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every answers file that is parsed rather than served from the cache."""
    from capassess import catalog

    parsed: list[str] = []
    real = catalog.read_yaml

    def counted(path: str | Path):  # type: ignore[no-untyped-def]
        parsed.append(str(path))
        return real(path)

    monkeypatch.setattr(catalog, "read_yaml", counted)
    return parsed


def _bank(tmp_path: Path, answers: str | None = None) -> tuple[Path, Path]:
    """A copy of the tiny questionnaire and its answers (``answers`` replacing them)."""
    folder = tmp_path / "qs"
    folder.mkdir(exist_ok=True)
    shutil.copy(TINY, folder / "tiny.yaml")
    path = tmp_path / "answers.yaml"
    path.write_text(answers or TINY_ANSWERS.read_text(encoding="utf-8"), encoding="utf-8")
    return folder, path


def test_an_answers_file_is_served_from_the_cache_and_equals_the_parsed_one(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capassess.catalog import load_assessment
    from capassess.scorecard import score_file

    qs, path = _bank(tmp_path)
    parsed = _answers_read_counted(monkeypatch)
    first, q1, warnings1 = load_assessment(path, extra=[qs])
    again, q2, warnings2 = load_assessment(path, extra=[qs])
    assert parsed == [str(path)]
    assert len(_entries(folder, "answers")) == 1
    assert again == first and again is not first and q2 == q1
    assert again.model_dump_json() == first.model_dump_json()
    assert warnings1 == warnings2 == []
    scored = [score_file(path, extra=[qs]).result for _ in range(2)]
    assert scored[0] == scored[1]


def test_an_edited_answers_file_is_read_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capassess.catalog import load_assessment

    qs, path = _bank(tmp_path)
    parsed = _answers_read_counted(monkeypatch)
    assert load_assessment(path, extra=[qs])[0].answers["g-level"].value == 2
    path.write_text(path.read_text(encoding="utf-8").replace("value: 2,", "value: 4,"), "utf-8")
    assert load_assessment(path, extra=[qs])[0].answers["g-level"].value == 4
    assert parsed == [str(path)] * 2
    assert len(_entries(folder, "answers")) == 2


def test_answers_with_problems_are_read_each_time_and_located(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached file that its questionnaire no longer takes without a word (here the
    questionnaire was edited since: an option the file names is gone) is read again, so
    every problem is located in it."""
    from capassess.catalog import load_assessment
    from capassess.errors import InputError

    qs, path = _bank(tmp_path)
    parsed = _answers_read_counted(monkeypatch)
    load_assessment(path, extra=[qs])
    questionnaire = qs / "tiny.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    option = "{id: bi, label: {en: BI, zh: 商业智能}"
    assert option in text
    edited = text.replace(option, "{id: bix, label: {en: BIX, zh: 商业智能平台}")
    questionnaire.write_text(edited, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            load_assessment(path, extra=[qs])
        (problem,) = [p for p in caught.value.problems if "bi" in p.message]
        assert (problem.path, problem.line, problem.column) == (str(path), 9, 3)
    assert parsed == [str(path)] * 3


def test_a_broken_answers_file_is_never_cached(folder: Path, tmp_path: Path) -> None:
    from capassess.catalog import load_assessment
    from capassess.errors import InputError

    broken = TINY_ANSWERS.read_text(encoding="utf-8").replace("a-number: 12", "a-number: many")
    qs, path = _bank(tmp_path, broken)
    for _ in range(2):
        with pytest.raises(InputError):
            load_assessment(path, extra=[qs])
    assert not _entries(folder, "answers")


def test_the_cache_keeps_only_the_newest_answers_files(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interview writes a new version of its file at every answer: the cache keeps the
    ``KEEP_ANSWERS`` most recent, and never touches the questionnaires' entries."""
    from capassess import model_cache
    from capassess.catalog import load_assessment

    monkeypatch.setattr(model_cache, "KEEP_ANSWERS", 3)
    qs, path = _bank(tmp_path)
    text = path.read_text(encoding="utf-8")
    for n in range(6):
        path.write_text(text.replace("a-number: 12", f"a-number: {n}"), encoding="utf-8")
        load_assessment(path, extra=[qs])
        newest = max(_entries(folder, "answers"), key=lambda p: p.stat().st_mtime_ns)
        os.utime(newest, ns=(n * 10**9, n * 10**9))  # mtimes one second apart
    kept = _entries(folder, "answers")
    assert len(kept) == 3
    assert sorted(p.stat().st_mtime_ns for p in kept) == [3 * 10**9, 4 * 10**9, 5 * 10**9]
    assert _entries(folder, "questionnaire")


def test_a_cached_answers_file_is_scored_without_the_yaml_library(
    folder: Path, tmp_path: Path
) -> None:
    """``score`` of a file read before does not import ruamel.yaml: what a second call
    costs is the scoring, not parsing."""
    qs, path = _bank(tmp_path)
    code = (
        "import sys\n"
        "from capassess.cli import main\n"
        f"args = ['--questionnaire-dir', {str(qs)!r}, 'score', {str(path)!r}]\n"
        "try:\n"
        "    main(args)\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('RUAMEL=' + str(any(m.startswith('ruamel') for m in sys.modules)))\n"
    )
    env = {**os.environ, cache.ENV: str(folder)}
    command = [sys.executable, "-c", code]

    def run() -> str:
        return subprocess.run(
            command, capture_output=True, text=True, env=env, check=True, timeout=120
        ).stdout

    runs = [run(), run()]
    assert "RUAMEL=True" in runs[0]
    assert "RUAMEL=False" in runs[1]
    assert runs[0].split("RUAMEL")[0] == runs[1].split("RUAMEL")[0]


@pytest.mark.parametrize(
    ("between", "computed"),
    [
        ("nothing", 1),  # the second call reads what the first stored
        ("program", 2),  # another program: the models may differ, computed again
        ("pydantic", 2),
        ("damaged", 2),  # an entry that is no fingerprint is computed again
        ("removed", 2),
    ],
)
def test_the_models_shape_is_kept_per_program(
    folder: Path, monkeypatch: pytest.MonkeyPatch, between: str, computed: int
) -> None:
    """The models' shape enters every key but is worked out from every field of every
    model class: it is kept in the cache under the program and pydantic that make it."""
    import pydantic

    from capassess import model_cache
    from capassess.model.questionnaire import Questionnaire
    from capassess.model.snapshot import schema_fingerprint

    calls: list[str] = []

    def counted(root: type) -> str:
        calls.append(root.__name__)
        return schema_fingerprint(root)

    monkeypatch.setattr(model_cache, "schema_fingerprint", counted)
    first = model_cache.schema_of(Questionnaire)
    if between == "program":
        monkeypatch.setattr(cache, "program_fingerprint", lambda: "other program")
    elif between == "pydantic":
        monkeypatch.setattr(pydantic, "VERSION", pydantic.VERSION + ".post1")
    elif between == "damaged":
        (entry,) = _entries(folder, model_cache.SCHEMAS)
        data = entry.read_bytes()
        import hashlib

        payload = b"x" * 63 + b"!"
        entry.write_bytes(hashlib.sha256(payload).digest() + payload)
        assert len(data) > 0
    elif between == "removed":
        for entry in _entries(folder, model_cache.SCHEMAS):
            entry.unlink()
    assert model_cache.schema_of(Questionnaire) == first == schema_fingerprint(Questionnaire)
    assert len(calls) == computed
