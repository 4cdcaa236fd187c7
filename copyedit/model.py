"""Values that flow from rules to the engine and the reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Safety(StrEnum):
    """How far a fix may be trusted: safe fixes apply by default, unsafe ones on request."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display-only"


class Severity(StrEnum):
    """How much a finding matters to a reader."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``source[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Finding:
    """One piece of damage a rule found, with the edits that repair it."""

    code: str
    name: str
    start: int
    end: int
    message: str
    edits: tuple[Edit, ...] = field(default=())
    safety: Safety = Safety.SAFE
    severity: Severity = Severity.ERROR

    @property
    def fixable(self) -> bool:
        """Whether the finding carries edits that may be applied."""
        return bool(self.edits) and self.safety is not Safety.DISPLAY
