"""The headline figures of a plan, each on a stated base."""

from typing import Literal

from pydantic import Field

from capassess.model.base import Frozen


class BaseFigures(Frozen):
    """A score with the target and attainment taken over the same capabilities."""

    score: float | None
    target: float | None = Field(
        description="Weighted mean of the assessed capabilities' targets (global weights)."
    )
    attainment: float | None = Field(
        description="Σ g·(min(C, T) − 1) / Σ g·(T − 1) over the same capabilities."
    )
    capabilities: list[str] = Field(description="The assessed capabilities of the base.")
    base_score: float | None = Field(
        None,
        description="The score over exactly these capabilities (Σ g·C / Σ g), given when "
        "``score`` also counts capabilities not assessed (at their missing-policy value), so "
        "that score, target and attainment can be read on one base; else None.",
    )


class FoundationFigures(BaseFigures):
    """The foundation: its own figures and the level its lowest capability allows."""

    level: int | None = Field(
        description="The lowest level of its assessed capabilities: the overall level's cap "
        "(one not assessed caps nothing)."
    )
    lowest: list[str] = Field(description="The capabilities at that lowest level.")


class Headline(Frozen):
    """The overall score with target and attainment on its own base, the foundation beside."""

    basis: Literal["lessons"] = Field(
        "lessons",
        description="The overall score, target and attainment are over the lesson "
        "capabilities (the foundation stays out of the overall score), weighted as the "
        "overall score weighs them.",
    )
    overall: BaseFigures
    foundation: FoundationFigures | None = None
    counted_unanswered: list[str] = Field(
        default_factory=list,
        description="Lesson dimensions nobody answered (else capabilities nobody answered, "
        "in dimensions answered otherwise) whose missing-policy score counts in the overall.",
    )
