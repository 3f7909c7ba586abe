"""Target files: the level a bank aims for per capability, with optional importance."""

from typing import Annotated

from pydantic import Field

from capassess.model.base import Frozen, Id, LevelNumber, NotBool

MAX_IMPORTANCE = 100.0
"""An importance multiplies a gap's priority; beyond a hundredfold it says nothing more."""


class TargetEntry(Frozen):
    """A target level and how much the capability matters (1 = as modelled)."""

    level: LevelNumber
    importance: Annotated[float, NotBool] = Field(
        1.0,
        gt=0,
        le=MAX_IMPORTANCE,
        description=f"How much more the capability matters than modelled: above 0, at most "
        f"{MAX_IMPORTANCE:g}.",
    )


class TargetFile(Frozen):
    """A target file: a default level and per-capability targets."""

    questionnaire: str | None = Field(None, description="ID or ID@VERSION it applies to.")
    name: str | None = None
    default: LevelNumber | None = Field(None, description="Target for capabilities not listed.")
    targets: dict[Id, LevelNumber | TargetEntry] = Field(default_factory=dict)

    def entry(self, capability_id: str) -> TargetEntry | None:
        """The target of one capability, if the file sets one."""
        value = self.targets.get(capability_id)
        if value is None:
            return TargetEntry(level=self.default) if self.default else None
        return value if isinstance(value, TargetEntry) else TargetEntry(level=value)
