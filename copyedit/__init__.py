"""copyedit: find and fix the damage that rewritten articles carry."""

from __future__ import annotations

from copyedit.batch import check_texts, fix_records, fix_texts
from copyedit.engine import FixResult, check_text, fix_text
from copyedit.model import Edit, Finding, Safety, Severity

__all__ = [
    "Edit",
    "Finding",
    "FixResult",
    "Safety",
    "Severity",
    "check_text",
    "check_texts",
    "fix_records",
    "fix_text",
    "fix_texts",
]
__version__ = "0.1.0"
