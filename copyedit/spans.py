"""Fixed sets of character ranges that answer "does this span touch any of them?" by binary search.

A long document has thousands of masked ranges, findings and suppressions; comparing each finding with every
range makes a check quadratic in the document's length. Sorting the ranges once, with the furthest end reached
by any range starting before each point, answers each question in O(log n), whether or not the ranges overlap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Ranges:
    """Ranges ``[start, end)`` of source offsets, sorted once for lookups."""

    __slots__ = ("_reach", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        spans = sorted(ranges)
        self._starts = [a for a, _ in spans]
        #: The furthest end of the ranges up to each one, in start order.
        self._reach = list(accumulate((b for _, b in spans), max))

    def __len__(self) -> int:
        return len(self._starts)

    def _furthest(self, k: int) -> int:
        """The furthest end among the first ``k`` ranges (by start); -1 when there are none."""
        return self._reach[k - 1] if k else -1

    def touches(self, start: int, end: int) -> bool:
        """Whether some range overlaps ``[start, end)``, or holds an empty span strictly inside: an insertion at
        a range's edge does not touch it (the test of `ProseView.touches_opaque`)."""
        return self._furthest(bisect_left(self._starts, end)) > start

    def meets(self, start: int, end: int) -> bool:
        """Whether some range shares a point with the closed span ``[start, end]`` (touching ends count)."""
        return self._furthest(bisect_right(self._starts, end)) >= start

    def contains(self, offset: int) -> bool:
        """Whether some range holds ``offset`` (``start <= offset < end``)."""
        return self._furthest(bisect_right(self._starts, offset)) > offset
