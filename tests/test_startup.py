"""A fast start: commands that need no parse never import spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from typer.testing import CliRunner
import copyedit.cli
result = CliRunner().invoke(copyedit.cli.app, {args!r})
assert result.exit_code == 0, result.output
print(sorted(m for m in ("spacy", "thinc", "lemminflect", "inflect") if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["rules"], ["--help"], ["rule", "FRG001"], ["check", "--help"]])
def test_command_does_not_import_spacy(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
