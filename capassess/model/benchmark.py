"""Benchmark packs: percentiles of many assessments per peer group, and cited figures.

A pack holds no unit's id, name or own value: per peer group and questionnaire node only
the number of units and the 10th, 25th, 50th, 75th and 90th percentiles (numpy's default
``linear`` method, rounded), for groups and nodes of at least ``built.min_group`` units.
"""

import itertools
from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt, field_validator, model_validator

from capassess.model.base import Frozen, Id, Label

PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)
METHOD: Literal["numpy-linear"] = "numpy-linear"
"""numpy.percentile's default method: linear interpolation between closest ranks
(Hyndman and Fan's definition 7)."""
BANK_TYPE_GROUPING = "bank-type"
Number = StrictInt | StrictFloat


class Percentiles(Frozen):
    """How many units had a value here, and the percentiles of those values."""

    count: Annotated[int, Field(ge=1, description="Units with a value for this node.")]
    p10: Number
    p25: Number
    p50: Number
    p75: Number
    p90: Number

    @model_validator(mode="after")
    def _ordered(self) -> "Percentiles":
        values = self.values()
        if any(b < a for a, b in itertools.pairwise(values)):
            raise ValueError("percentiles must not decrease from p10 to p90")
        return self

    def values(self) -> tuple[float, ...]:
        """p10, p25, p50, p75 and p90, in order."""
        return (self.p10, self.p25, self.p50, self.p75, self.p90)


Level = Annotated[Number, Field(ge=1, le=5)]


class LevelPercentiles(Percentiles):
    """Percentiles of scores, which lie on the maturity scale 1..5."""

    p10: Level
    p25: Level
    p50: Level
    p75: Level
    p90: Level


class PeerGroup(Frozen):
    """One peer group: its size, and the percentiles of each node and number question."""

    count: Annotated[int, Field(ge=1, description="Units in the group.")]
    nodes: dict[Id, LevelPercentiles] = Field(
        default_factory=dict,
        description="Scores (1..5) by node: 'overall', dimension and capability ids.",
    )
    numbers: dict[Id, Percentiles] = Field(
        default_factory=dict, description="Raw answers of number questions, by question id."
    )

    @field_validator("nodes", mode="before")
    @classmethod
    def _checked_as_levels(cls, value: object) -> object:
        # Percentiles built in code are checked as levels too (each field, with its place).
        if isinstance(value, dict):
            return {
                k: v.model_dump() if isinstance(v, Percentiles) else v for k, v in value.items()
            }
        return value


class Citation(Frozen):
    """Where a published figure was printed."""

    issuer: str = Field(min_length=1, description="Who published it (a bank, a regulator).")
    document: str = Field(min_length=1, description="The document's title.")
    year: Annotated[int, Field(ge=1900, le=2100)]
    page: StrictInt | str = Field(description="Page (or section) where the figure is printed.")
    url: str | None = None


class DisclosedFigure(Frozen):
    """A figure a bank or an authority published for a number question."""

    question: Id
    value: Number
    group: str | None = Field(None, description="The peer group or bank the figure describes.")
    unit: str | None = None
    source: Citation


class Built(Frozen):
    """How the pack was made."""

    tool: str = Field(description="capassess and its version.")
    grouping: str | None = Field(
        None, description="'bank-type', a group column, or empty for one group 'all'."
    )
    min_group: Annotated[int, Field(ge=2, description="Smallest group (and node) kept.")]
    method: Literal["numpy-linear"] = METHOD
    decimals: Annotated[int, Field(ge=0, le=6)] = 2
    model: str
    missing: str


class Assessed(Frozen):
    """The months of the earliest and latest assessment (months, so no single date shows)."""

    first: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
    last: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]


class BenchmarkPack(Frozen):
    """A benchmark pack file."""

    questionnaire: Annotated[
        str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*@[^@\s]+$", description="ID@VERSION")
    ]
    title: str | None = None
    illustrative: bool = Field(False, description="True for made-up data, for demonstration.")
    built: Built
    assessed: Assessed | None = None
    peer_groups: dict[Label, PeerGroup] = Field(default_factory=dict)
    disclosed: list[DisclosedFigure] = Field(default_factory=list)

    @property
    def questionnaire_id(self) -> str:
        """The questionnaire id without the version."""
        return self.questionnaire.split("@", 1)[0]

    @property
    def questionnaire_version(self) -> str:
        """The questionnaire version."""
        return self.questionnaire.split("@", 1)[1]
