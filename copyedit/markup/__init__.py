"""Prose view of a source text: same length, markup masked, opaque ranges recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Kinds of prose block a rule may care about ("line": a short unpunctuated line of plain text in sentence case,
#: a heading or a paragraph cut short).
BLOCK_KINDS = ("title", "heading", "line", "paragraph", "list_item", "quote", "table_cell", "overflow")


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


#: Longest block handed to the parser at once: spaCy's parser needs about 1 GB per 100,000 characters.
MAX_BLOCK = 20_000


def prose_view(text: str, markup: str) -> ProseView:
    """The prose view of ``text`` read as ``markup`` ("text" or "markdown")."""
    if markup == "markdown":
        from copyedit.markup.markdown import markdown_view

        view = markdown_view(text)
    else:
        from copyedit.markup.plain import plain_view

        view = plain_view(text)
    if all(b.end - b.start <= MAX_BLOCK for b in view.blocks):
        return view
    blocks = tuple(piece for b in view.blocks for piece in _split(view.text, b))
    return ProseView(view.text, blocks, view.opaque)


def _split(text: str, block: Block) -> list[Block]:
    """A block cut into pieces of at most MAX_BLOCK characters, after a sentence's full stop where there is one.
    Pieces cut elsewhere are "overflow" blocks, which rules about whole paragraphs leave alone."""
    pieces: list[Block] = []
    start, kind = block.start, block.kind
    while block.end - start > MAX_BLOCK:
        limit = start + MAX_BLOCK
        cut = max(text.rfind(". ", start, limit), text.rfind(".\n", start, limit))
        if cut > start:
            pieces.append(Block(start, cut + 1, kind))
            start = cut + 2
        else:
            space = text.rfind(" ", start + 1, limit)
            end = space if space > start else limit
            pieces.append(Block(start, end, "overflow"))
            start, kind = end, "overflow"
    pieces.append(Block(start, block.end, kind))
    return pieces
