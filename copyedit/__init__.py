"""copyedit: find and fix the damage that rewritten articles carry."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copyedit.api import check_text, fix_text
    from copyedit.batch import check_texts, fix_records, fix_texts
    from copyedit.engine import FixResult
    from copyedit.model import Edit, Finding, Safety, Severity

#: The public API and the module each name lives in: imported on first use, so that the `copyedit` command
#: can hand its work to a server without loading the engine first.
_API = {
    "Edit": "copyedit.model",
    "Finding": "copyedit.model",
    "Safety": "copyedit.model",
    "Severity": "copyedit.model",
    "FixResult": "copyedit.engine",
    "check_text": "copyedit.api",
    "fix_text": "copyedit.api",
    "check_texts": "copyedit.batch",
    "fix_records": "copyedit.batch",
    "fix_texts": "copyedit.batch",
}
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


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'copyedit' has no attribute {name!r}")
