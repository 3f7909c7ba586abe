"""``quick_init`` gives a frozen dataclass an ``__init__`` that makes the very object its
own ``__init__`` makes: same fields in the same order, same defaults, same errors."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from capassess.report import model
from capassess.report.records import quick_init


@dataclass(frozen=True)
class Plain:
    a: str
    b: float | None
    c: tuple[str, ...] = ()
    d: str | None = None


@quick_init
@dataclass(frozen=True)
class Quick:
    a: str
    b: float | None
    c: tuple[str, ...] = ()
    d: str | None = None


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    (("x", 1.0), {}),
    (("x",), {"b": None}),
    ((), {"a": "x", "b": -0.0, "d": "y"}),
    (("x", 2, ("p", "q"), "z"), {}),
    (("x", 3.5), {"c": ("r",)}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_quick_objects_are_the_dataclass_s_own(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, quick = Plain(*args, **kwargs), Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert vars(quick) == vars(plain) and list(vars(quick)) == list(vars(plain))
    assert repr(quick).replace("Quick", "Plain") == repr(plain)
    assert hash(quick) == hash(Quick(*args, **kwargs))  # type: ignore[arg-type]
    assert quick == Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.replace(quick, d="new").d == "new"
    assert dataclasses.asdict(quick) == dataclasses.asdict(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.a = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), (("x",), {}), (("x", 1, (), None, "extra"), {}), (("x", 1), {"e": 1}),
     (("x", 1), {"a": "twice"})],
)  # fmt: skip
def test_quick_init_refuses_what_the_dataclass_refuses(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    with pytest.raises(TypeError) as plain:
        Plain(*args, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TypeError) as quick:
        Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert str(quick.value).replace("Quick", "Plain") == str(plain.value)


def test_quick_init_refuses_classes_whose_init_does_more() -> None:
    @dataclass(frozen=True)
    class Factory:
        items: list[str] = field(default_factory=list)

    @dataclass(frozen=True)
    class After:
        a: str

        def __post_init__(self) -> None:
            pass

    @dataclass
    class Mutable:
        a: str

    for cls in (Factory, After, Mutable):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_every_report_model_class_is_quick_and_frozen() -> None:
    assert "__setattr__" in Plain.__init__.__code__.co_names  # the check tells them apart
    classes = [c for c in vars(model).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__]  # fmt: skip
    assert len(classes) >= 19
    for cls in classes:
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        # not the dataclass's own __init__, which sets each field through object.__setattr__
        names = cls.__init__.__code__.co_names  # type: ignore[misc]
        assert "__setattr__" not in names
