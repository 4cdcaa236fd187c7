"""Test-wide settings: property tests run the same examples on every run, so CI is reproducible; set
HYPOTHESIS_PROFILE=explore to search with fresh random examples."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
