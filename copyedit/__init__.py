"""copyedit: find and fix the damage that rewritten articles carry."""

from __future__ import annotations

from copyedit.engine import FixResult, check_text, fix_text
from copyedit.model import Edit, Finding, Safety, Severity

__all__ = ["Edit", "Finding", "FixResult", "Safety", "Severity", "check_text", "fix_text"]
__version__ = "0.1.0"
