"""``@record`` makes the class ``@dataclass(frozen=True)`` makes, without compiling code
at import: its objects have the same fields in the same order, compare, hash, print,
copy and refuse changes as the dataclass's own, and its ``__init__`` takes and refuses
the same calls."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from capassess import records
from capassess.records import record
from capassess.report import model


@dataclass(frozen=True)
class Plain:
    a: str
    b: float | None
    c: tuple[str, ...] = ()
    d: str | None = None


def _quick_class() -> type:
    """A new record class (its ``__init__`` not yet compiled)."""

    @record
    class Quick:
        a: str
        b: float | None
        c: tuple[str, ...] = ()
        d: str | None = None

    return Quick


Quick = _quick_class()
SHARED_AND_COMPILED = pytest.mark.parametrize(
    "compile_after", [1000, 0], ids=["shared", "compiled"]
)


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    (("x", 1.0), {}),
    (("x",), {"b": None}),
    ((), {"a": "x", "b": -0.0, "d": "y"}),
    (("x", 2, ("p", "q"), "z"), {}),
    (("x", 3.5), {"c": ("r",)}),
    (("x", float("nan")), {}),
]


def _as_plain(text: str) -> str:
    return text.replace("_quick_class.<locals>.Quick", "Plain").replace("Quick", "Plain")


@SHARED_AND_COMPILED
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_records_are_the_dataclass_s_own(
    args: tuple[object, ...], kwargs: dict[str, object], compile_after: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(records, "COMPILE_AFTER", compile_after)
    quick_class = _quick_class()
    plain, quick = Plain(*args, **kwargs), quick_class(*args, **kwargs)
    twin = quick_class(*args, **kwargs)
    compiled = quick_class.__init__.__code__.co_filename == "<string>"  # type: ignore[misc]
    assert compiled is (compile_after == 0)
    assert vars(quick) == vars(plain) and list(vars(quick)) == list(vars(plain))
    assert _as_plain(repr(quick)) == repr(plain)
    assert hash(quick) == hash(twin) == hash(plain)
    assert (quick == twin) is (plain == Plain(*args, **kwargs))  # type: ignore[arg-type]
    assert quick != plain and quick != vars(quick)
    assert dataclasses.replace(quick, d="new") == quick_class(**{**vars(quick), "d": "new"})
    assert dataclasses.asdict(quick) == dataclasses.asdict(plain)
    assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    assert [f.name for f in dataclasses.fields(quick)] == [
        f.name for f in dataclasses.fields(plain)
    ]


def test_records_refuse_changes_as_frozen_dataclasses_do() -> None:
    plain, quick = Plain("x", 1.0), Quick("x", 1.0)
    for target in (plain, quick):
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
            target.a = "changed"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'z'"):
            target.z = 1  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'b'"):
            del target.b  # type: ignore[misc]
    assert vars(quick) == {"a": "x", "b": 1.0, "c": (), "d": None}


def test_a_record_is_a_frozen_dataclass_to_introspection() -> None:
    assert dataclasses.is_dataclass(Quick)
    params = Quick.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.frozen, params.eq, params.init, params.repr) == (True, True, True, True)
    assert Quick.__match_args__ == Plain.__match_args__

    @dataclass(frozen=True)
    class Child(Quick):
        e: int = 0

    child = Child("x", 1.0, e=2)
    assert (child.a, child.e) == ("x", 2) and child == Child("x", 1.0, e=2)

    @record
    class Grandchild(Child):
        f: str = "f"

    made = Grandchild("x", 1.0, (), None, 3)
    assert vars(made) == {"a": "x", "b": 1.0, "c": (), "d": None, "e": 3, "f": "f"}
    assert repr(made) == "test_a_record_is_a_frozen_dataclass_to_introspection.<locals>." \
        "Grandchild(a='x', b=1.0, c=(), d=None, e=3, f='f')"  # fmt: skip


@SHARED_AND_COMPILED
@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), (("x",), {}), (("x", 1, (), None, "extra"), {}), (("x", 1), {"e": 1}),
     (("x", 1), {"a": "twice"}), ((), {"b": 1})],
)  # fmt: skip
def test_record_init_refuses_what_the_dataclass_refuses(
    args: tuple[object, ...], kwargs: dict[str, object], compile_after: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(records, "COMPILE_AFTER", compile_after)
    with pytest.raises(TypeError) as plain:
        Plain(*args, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError) as quick:
        _quick_class()(*args, **kwargs)
    assert _as_plain(str(quick.value)) == str(plain.value)


def test_the_shared_init_gives_way_to_the_compiled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "COMPILE_AFTER", 3)
    quick_class = _quick_class()
    made = [quick_class("x", float(n)) for n in range(5)]
    assert quick_class.__init__.__code__.co_filename == "<string>"  # type: ignore[misc]
    assert [vars(m) for m in made] == [vars(Plain("x", float(n))) for n in range(5)]


def test_a_class_s_own_methods_are_kept() -> None:
    @record
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __hash__(self) -> int:
            return 7

    assert repr(Own(1)) == "own" and hash(Own(1)) == 7 and Own(1) == Own(1)


def test_record_refuses_classes_whose_init_does_more() -> None:
    class Factory:
        items: list[str] = field(default_factory=list)

    class After:
        a: str

        def __post_init__(self) -> None:
            pass

    class Hidden:
        a: str = field(default="", repr=False)

    class KeywordOnly:
        a: str = field(default="", kw_only=True)

    class Order:
        a: str = ""
        b: str  # type: ignore[misc]

    class Setter:
        a: str

        def __setattr__(self, name: str, value: object) -> None:
            pass

    for cls in (Factory, After, Hidden, KeywordOnly, Order, Setter):
        with pytest.raises(TypeError):
            record(cls)


def test_every_report_model_class_is_a_record_with_the_quick_init() -> None:
    assert "__setattr__" in Plain.__init__.__code__.co_names  # the check tells them apart
    classes = [c for c in vars(model).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__]  # fmt: skip
    assert len(classes) >= 19
    for cls in classes:
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        # not the dataclass's own __init__, which sets each field through object.__setattr__
        names = cls.__init__.__code__.co_names  # type: ignore[misc]
        assert "__setattr__" not in names
