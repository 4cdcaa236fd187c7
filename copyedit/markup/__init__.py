"""Prose view of a source text: same length, markup masked, opaque ranges recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Kinds of prose block a rule may care about.
BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "quote", "table_cell")


@dataclass(frozen=True)
class Block:
    """A run of prose: ``view[start:end]``, in source offsets."""

    start: int
    end: int
    kind: str = "paragraph"


@dataclass(frozen=True)
class ProseView:
    """The source with everything but prose replaced by spaces (newlines kept).

    ``len(text) == len(source)``; an unmasked character equals the source's; every masked
    range is in ``opaque`` and no edit may touch it.
    """

    text: str
    blocks: tuple[Block, ...]
    opaque: tuple[tuple[int, int], ...] = field(default=())

    def touches_opaque(self, start: int, end: int) -> bool:
        """Whether an edit of ``[start, end)`` would change or straddle a masked range."""
        for a, b in self.opaque:
            if start < b and a < end:
                return True
            if start == end and a < start < b:
                return True
        return False


def prose_view(text: str, markup: str) -> ProseView:
    """The prose view of ``text`` read as ``markup`` ("text" or "markdown")."""
    if markup == "markdown":
        from copyedit.markup.markdown import markdown_view

        return markdown_view(text)
    from copyedit.markup.plain import plain_view

    return plain_view(text)
