"""Hypothesis strategies for valid questionnaires and answers files, as YAML documents.

A ``Case`` holds both documents as plain dicts (written out with ``yamltext.emit``) and,
on the side, what the generator meant: each question's typed answer and each ``when``
condition as a small tree, so the tests can say what the scores must be.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from capassess.model.answers import NA_WORDS
from capassess.model.base import control_problem
from tests.fuzz.yamltext import Flow, FlowSeq

KINDS = ("level", "number", "multi", "choice", "bool")
KEYWORDS = {"and", "or", "not", "true", "false", "in", "contains", "answered"}
NA = "n/a"

# Legal but awkward text: YAML indicators, quotes, CJK, emoji, RTL, joiners, escapes.
ODD_TEXTS = (
    "Data governance",
    "数据治理与数据质量",
    "データ品質",
    "Ünïcödé café",
    "50% — yes/no: maybe",
    "#not a comment",
    "- not a list",
    "key: value",
    "[brackets] {braces}, commas",
    "'single' and \"double\" quotes",
    "null",
    "true",
    "~",
    "1.0",
    "0x1F",
    "@at `tick` |pipe >fold &anchor *alias !tag %percent",
    "emoji 🏦💳📈",
    "RTL שלום مرحبا",
    "zero\u200dwidth\u200bspace",
    "tab\tand\nnewline",
    "  padded  ",
    "全角：标点，符号。（括号）",
    "back\\slash",
    "\u00a0nbsp\u3000ideographic space",
    "a" * 120,
)


texts = st.one_of(
    st.sampled_from(ODD_TEXTS),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12),
    st.text("abcxyz ABC数据治理能力", min_size=1, max_size=12),
)
"""A non-empty text, sometimes random unicode, often deliberately awkward."""
names = texts.filter(lambda text: control_problem(text) is None)
"""A name a report shows (a subject's id, name or group, the assessor): one line, no
control or bidirectional character (shown_names)."""
LANG_SETS = st.sampled_from([("en", "zh"), ("en", "zh"), ("zh", "en"), ("en",), ("zh",)])
FLOW_OR_BLOCK = st.integers(0, 4)


@st.composite
def bilingual(draw: st.DrawFn) -> dict[str, str]:
    """A ``Text``: both languages, or only one (a warning, never an error)."""
    value = {lang: draw(texts) for lang in draw(LANG_SETS)}
    return Flow(value) if draw(FLOW_OR_BLOCK) else dict(value)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ID_TAIL = LETTERS + "0123456789_.-"
ids = st.builds(
    str.__add__,
    st.sampled_from(LETTERS),
    st.text(ID_TAIL, max_size=8) | st.text(ID_TAIL, min_size=63, max_size=63),
).filter(lambda ident: ident not in KEYWORDS)
weights = st.one_of(st.integers(1, 10), st.sampled_from([0.5, 0.25, 1.5, 2.25]),
                    st.floats(0.001, 1000))  # fmt: skip


@dataclass
class Case:
    """A valid questionnaire and answers, and what the generator meant by them."""

    questionnaire: dict[str, Any]
    answers: dict[str, Any] = field(default_factory=dict)
    typed: dict[str, Any] = field(default_factory=dict)
    """Question id -> typed value, ``NA``, or None (missing)."""
    conditions: dict[str, Any] = field(default_factory=dict)
    """Question id -> condition tree of its ``when``."""

    @property
    def ref(self) -> str:
        """``id@version`` of the questionnaire."""
        return f"{self.questionnaire['id']}@{self.questionnaire['version']}"

    def questions(self) -> list[dict[str, Any]]:
        """Every question, in file order."""
        return [
            question
            for dim in self.questionnaire["dimensions"]
            for cap in dim["capabilities"]
            for question in cap["questions"]
        ]

    def actions(self) -> list[dict[str, Any]]:
        """Every action, in file order."""
        return [
            action
            for dim in self.questionnaire["dimensions"]
            for cap in dim["capabilities"]
            for action in cap.get("actions", [])
        ]


# --- conditions ----------------------------------------------------------------------


def render(cond: Any) -> str:
    """A condition tree as ``when`` text."""
    op = cond[0]
    if op == "cmp":
        _, qid, sign, literal = cond
        return f"{qid} {sign} {_literal(literal)}"
    if op == "answered":
        return f"answered({cond[1]})"
    if op == "name":
        return str(cond[1])
    if op == "not":
        return f"not ({render(cond[1])})"
    return f"({render(cond[1])}) {op} ({render(cond[2])})"


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def holds(cond: Any, values: dict[str, Any]) -> bool:
    """Evaluate a condition tree over typed values (None: no value); see capassess.expr."""
    op = cond[0]
    if op == "answered":
        return values.get(cond[1]) is not None
    if op == "name":
        return bool(values.get(cond[1]))
    if op == "not":
        return not holds(cond[1], values)
    if op == "and":
        return holds(cond[1], values) and holds(cond[2], values)
    if op == "or":
        return holds(cond[1], values) or holds(cond[2], values)
    _, qid, sign, literal = cond
    value = values.get(qid)
    if value is None:
        return False
    checks = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        ">=": lambda a, b: a >= b,
        "<": lambda a, b: a < b,
        "in": lambda a, b: a in b,
        "contains": lambda a, b: b in a,
    }
    return bool(checks[sign](value, literal))


@st.composite
def simple_condition(draw: st.DrawFn, earlier: list[dict[str, Any]]) -> Any:
    """A comparison over one earlier question, of a kind that suits its type."""
    q = draw(st.sampled_from(earlier))
    qid, kind = q["id"], q["type"]
    if draw(st.integers(0, 5)) == 0:
        return ("answered", qid)
    if kind == "level":
        return ("cmp", qid, draw(st.sampled_from([">=", "==", "<", "!="])), draw(st.integers(1, 5)))
    if kind == "number":
        return ("cmp", qid, draw(st.sampled_from([">=", "<"])), round(q["thresholds"][1]))
    options = [o["id"] for o in q.get("options", [])]
    if kind == "choice":
        if draw(st.booleans()):
            return ("cmp", qid, "==", draw(st.sampled_from(options)))
        return ("cmp", qid, "in", draw(st.lists(st.sampled_from(options), min_size=1)))
    if kind == "multi":
        return ("cmp", qid, "contains", draw(st.sampled_from(options)))
    return ("name", qid) if draw(st.booleans()) else ("cmp", qid, "==", draw(st.booleans()))


@st.composite
def conditions(draw: st.DrawFn, earlier: list[dict[str, Any]]) -> Any:
    """A ``when`` condition over earlier questions: a comparison, maybe combined."""
    cond = draw(simple_condition(earlier))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return ("not", cond)
    if shape == 1:
        return (draw(st.sampled_from(["and", "or"])), cond, draw(simple_condition(earlier)))
    return cond


# --- the questionnaire ---------------------------------------------------------------


OPTION_SCORES = st.one_of(st.sampled_from([0, 0.25, 0.5, 1, 1.0]), st.floats(0, 1))


def _not_na(name: str) -> bool:
    """False for a name that reads as the n/a marker (no option may be called so)."""
    return name.strip().lower() not in NA_WORDS


@st.composite
def options(draw: st.DrawFn, min_size: int, positive: bool) -> list[dict[str, Any]]:
    """Options with unique ids; ``positive``: their scores do not all be 0."""
    option_ids = draw(st.lists(ids.filter(_not_na), min_size=min_size, max_size=4, unique=True))
    labels = bilingual().filter(lambda text: all(_not_na(t) for t in text.values()))
    out = [Flow(id=i, label=draw(labels), score=draw(OPTION_SCORES)) for i in option_ids]
    if positive and sum(o["score"] for o in out) <= 0:
        out[0]["score"] = 1
    return out


@st.composite
def number_fields(draw: st.DrawFn) -> dict[str, Any]:
    """Thresholds (strictly ascending), direction, unit and bounds of a number question."""
    values = st.one_of(st.integers(-1000, 10_000), st.floats(-1e6, 1e6, allow_subnormal=False))
    thresholds = sorted(draw(st.sets(values, min_size=4, max_size=4)))
    if any(b - a < 1e-6 for a, b in itertools.pairwise(thresholds)):
        thresholds = [thresholds[0] + 10 * i for i in range(4)]  # keep them distinguishable
    out: dict[str, Any] = {"thresholds": FlowSeq(thresholds)}
    if draw(st.booleans()):
        out["better"] = draw(st.sampled_from(["higher", "lower"]))
    if draw(st.booleans()):
        out["unit"] = draw(bilingual())
    if draw(st.booleans()):
        out["min"] = math.floor(thresholds[0]) - draw(st.integers(0, 50))
    if draw(st.booleans()):
        out["max"] = math.ceil(thresholds[-1]) + draw(st.integers(1, 50))
    return out


@st.composite
def questions(draw: st.DrawFn, qid: str, earlier: list[dict[str, Any]], case: Case) -> Any:
    """One question of any type; maybe conditional on an earlier one."""
    kind = draw(st.sampled_from(KINDS))
    q: dict[str, Any] = {"id": qid, "type": kind, "text": draw(bilingual())}
    if draw(st.booleans()):
        q["weight"] = draw(weights)
    if draw(st.integers(0, 3)) == 0:
        q["evidence"] = draw(st.sampled_from(["none", "optional", "required"]))
    if draw(st.integers(0, 4)) == 0:
        q["help"] = draw(bilingual())
    if earlier and draw(st.integers(0, 3)) == 0:
        cond = draw(conditions(earlier))
        case.conditions[qid] = cond
        q["when"] = render(cond)
    if kind == "level":
        q["levels"] = [draw(bilingual()) for _ in range(5)]
    elif kind in ("choice", "multi"):
        q["options"] = draw(options(2 if kind == "choice" else 1, positive=kind == "multi"))
    elif kind == "number":
        q.update(draw(number_fields()))
    return q


@st.composite
def ahp_matrix(draw: st.DrawFn, children: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """A perfectly consistent AHP matrix over ``children`` and the weights it encodes."""
    w = {child: draw(st.integers(1, 9)) for child in children}
    items = draw(st.permutations(children))
    n = len(items)
    form = draw(st.sampled_from(["full", "upper", "strict"] if n > 1 else ["full", "upper"]))
    start = {"full": lambda i: 0, "upper": lambda i: i, "strict": lambda i: i + 1}[form]
    rows = []
    for i in range(n - 1 if form == "strict" else n):
        row = []
        for j in range(start(i), n):
            ratio = Fraction(w[items[i]], w[items[j]])
            row.append(int(ratio) if ratio.denominator == 1 else f"{ratio}")
        rows.append(FlowSeq(row))
    return {"items": FlowSeq(items), "matrix": rows}, w


@st.composite
def actions(draw: st.DrawFn, action_id: str, earlier: list[str]) -> dict[str, Any]:
    """An action; it depends only on earlier actions, so there is no cycle."""
    action: dict[str, Any] = {
        "id": action_id,
        "title": draw(bilingual()),
        "level": draw(st.integers(2, 5)),
        "effort": draw(st.sampled_from(["low", "medium", "high"])),
        "impact": draw(st.sampled_from(["low", "medium", "high"])),
        "duration_months": draw(st.sampled_from([1, 3, 6, 12, 120]) | st.integers(1, 120)),
    }
    if draw(st.integers(0, 4)) == 0:
        action["description"] = draw(bilingual())
    if earlier and draw(st.booleans()):
        action["depends_on"] = FlowSeq(draw(st.lists(st.sampled_from(earlier), unique=True)))
    return action


def _with_weights(draw: st.DrawFn, node: dict[str, Any], key: str, children: list[Any]) -> None:
    """Give the children of ``node`` AHP weights, sometimes, when there are two or more."""
    if len(children) >= 2 and draw(st.integers(0, 4)) == 0:
        node["ahp"], _ = draw(ahp_matrix([c["id"] for c in children]))
    node[key] = children


@st.composite
def questionnaires(draw: st.DrawFn) -> Case:
    """A valid questionnaire of 1-3 dimensions, 1-3 capabilities each, 1-4 questions each."""
    shape = draw(
        st.lists(
            st.lists(st.tuples(st.integers(1, 4), st.integers(0, 2)), min_size=1, max_size=3),
            min_size=1,
            max_size=3,
        )
    )
    n_ids = sum(1 + sum(1 + nq + na for nq, na in dim) for dim in shape)
    pool = iter(draw(st.lists(ids, min_size=n_ids, max_size=n_ids, unique=True)))
    root: dict[str, Any] = {
        "id": draw(ids),
        "version": draw(st.sampled_from(["1", "1.0", "2024.1", "0.9+b", "3-rc"])),
        "title": draw(bilingual()),
    }
    case = Case(root)
    if draw(st.booleans()):
        root["description"] = draw(bilingual())
    if draw(st.booleans()):
        root["model"] = draw(st.sampled_from(["weighted-mean", "staged"]))
    if draw(st.booleans()):
        root["missing"] = draw(st.sampled_from(["lowest", "exclude", "error"]))
    if draw(st.integers(0, 3)) == 0:
        root["levels"] = [{"level": i, "name": draw(bilingual())} for i in range(1, 6)]
    refs = draw(st.lists(ids, max_size=2, unique=True))
    earlier_q: list[dict[str, Any]] = []
    earlier_a: list[str] = []
    dims = []
    for dim_shape in shape:
        dim: dict[str, Any] = {"id": next(pool), "title": draw(bilingual())}
        if draw(st.booleans()):
            dim["weight"] = draw(weights)
        caps = []
        for n_questions, n_actions in dim_shape:
            cap: dict[str, Any] = {"id": next(pool), "title": draw(bilingual())}
            if draw(st.booleans()):
                cap["weight"] = draw(weights)
            cap["target"] = draw(st.integers(1, 5))
            qs = []
            for _ in range(n_questions):
                qs.append(draw(questions(next(pool), earlier_q, case)))
                earlier_q.append(qs[-1])
            _with_weights(draw, cap, "questions", qs)
            acts = []
            for _ in range(n_actions):
                acts.append(draw(actions(next(pool), earlier_a)))
                earlier_a.append(acts[-1]["id"])
            if acts or draw(st.booleans()):
                cap["actions"] = acts
            if refs and draw(st.booleans()):
                cap["references"] = FlowSeq(draw(st.lists(st.sampled_from(refs), min_size=1)))
            caps.append(cap)
        _with_weights(draw, dim, "capabilities", caps)
        dims.append(dim)
    _with_weights(draw, root, "dimensions", dims)
    if refs:
        root["references"] = [{"id": r, "title": draw(bilingual())} for r in refs]
    if draw(st.integers(0, 3)) == 0:
        cap_ids = [c["id"] for d in dims for c in d["capabilities"]]
        targets = draw(st.dictionaries(st.sampled_from(cap_ids), st.integers(1, 5)))
        root["profiles"] = [{"id": draw(ids), "title": draw(bilingual()), "targets": targets}]
    return case


# --- answers -------------------------------------------------------------------------


@st.composite
def typed_value(draw: st.DrawFn, q: dict[str, Any]) -> Any:
    """A valid typed answer to ``q``."""
    kind = q["type"]
    if kind == "level":
        return draw(st.integers(1, 5))
    if kind == "choice":
        return draw(st.sampled_from([o["id"] for o in q["options"]]))
    if kind == "multi":
        all_ids = [o["id"] for o in q["options"]]
        picked = draw(st.sets(st.sampled_from(all_ids)))
        return [i for i in all_ids if i in picked]
    if kind == "bool":
        return draw(st.booleans())
    lo = q.get("min", q["thresholds"][0] - 100)
    hi = q.get("max", q["thresholds"][-1] + 100)
    near = [t for t in q["thresholds"] if lo <= t <= hi] + [lo, hi]
    return float(draw(st.sampled_from(near) | st.floats(lo, hi) | st.integers(math.ceil(lo),
                                                                             math.floor(hi))))  # fmt: skip


@st.composite
def raw_value(draw: st.DrawFn, q: dict[str, Any], value: Any) -> Any:
    """How a person might write ``value`` in an answers file."""
    kind = q["type"]
    if kind == "level":
        return draw(st.sampled_from([value, value, str(value), float(value)]))
    if kind == "choice":
        return draw(st.sampled_from([value, value, f" {value} "]))
    if kind == "multi":
        forms = [FlowSeq(value), list(value)]
        if value:
            forms.append(", ".join(value))
        if len(value) == 1:
            forms.append(value[0])
        return draw(st.sampled_from(forms))
    if kind == "bool":
        words = ["true", "yes", "Y", "是"] if value else ["false", "no", "N", "否"]
        return draw(st.sampled_from([value, value, *words]))
    forms: list[Any] = [value, repr(value)]
    if value == int(value) and abs(value) < 1e15:
        forms += [int(value), f"{int(value):,}", f"{int(value)}%"]
    return draw(st.sampled_from(forms))


MISSING_FORMS: tuple[Any, ...] = (None, "", "   ", {"value": None}, Flow(note="ask again"))
NA_FORMS = ("n/a", "N/A", " n/a ")


@st.composite
def answered(draw: st.DrawFn, case: Case | None = None) -> Case:
    """A valid questionnaire with valid answers: some values, some n/a, some missing."""
    case = case or draw(questionnaires())
    q = case.questionnaire
    complete = q.get("missing") == "error"  # then every question needs a value or n/a
    entries: dict[str, Any] = {}
    for question in case.questions():
        qid = question["id"]
        kind = draw(st.sampled_from(["value"] * 4 + ["n/a"] + ([] if complete else ["missing"])))
        if kind == "missing":
            case.typed[qid] = None
            form = draw(st.sampled_from(("absent", *MISSING_FORMS)))
            if form != "absent":
                entries[qid] = form
            continue
        if kind == "n/a":
            case.typed[qid], raw = NA, draw(st.sampled_from(NA_FORMS))
        else:
            case.typed[qid] = draw(typed_value(question))
            raw = draw(raw_value(question, case.typed[qid]))
        wrap = draw(st.integers(0, 3))
        if wrap == 1:
            raw = Flow(value=raw, evidence=draw(texts))
        elif wrap == 2:
            raw = {"value": raw, "note": draw(texts), "evidence": draw(texts)}
        elif question.get("evidence") == "required" and draw(st.booleans()):
            raw = {"value": raw, "evidence": draw(texts)}
        entries[qid] = raw
    order = draw(st.permutations(list(entries)))
    subject: dict[str, Any] = {"id": draw(names)}
    if draw(st.booleans()):
        subject["name"] = draw(names)
    if draw(st.booleans()):
        subject["kind"] = draw(st.sampled_from(["bank", "branch"]))
    if draw(st.booleans()):
        subject["group"] = Flow(region=draw(names), tier=draw(st.integers(1, 3)))
    doc: dict[str, Any] = {
        "questionnaire": case.ref if draw(st.integers(0, 3)) else q["id"],
        "subject": subject if draw(st.booleans()) else Flow(subject),
    }
    if draw(st.booleans()):
        doc["assessor"] = draw(names)
    if draw(st.booleans()):
        doc["date"] = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
    doc["answers"] = {qid: entries[qid] for qid in order}
    case.answers = doc
    return case
