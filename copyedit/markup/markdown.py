"""Markdown: markdown-it finds the prose blocks; a small scanner masks inline markup in source offsets.

Every scan here stays linear on hostile input (long runs of spaces, backticks, brackets, unclosed ``<!--``), as
markdown-it's own parser does: an article that takes markdown-it milliseconds must not take this module minutes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from copyedit.markup import Block, ProseView

Span = tuple[int, int]

_MD = MarkdownIt("commonmark", {"inline_definitions": True}).enable("table")
_EOL = re.compile(r"\r\n|\r|\n")
_FRONT = {"---": ("---", "..."), "+++": ("+++",)}
_OPAQUE_BLOCKS = {"fence", "code_block", "html_block", "hr", "definition"}
_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "list_item"}
_MARKER = re.compile(r"[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*|[\w.!#$%&'*+/=?^`{|}~\-]+@[\w\-.]+)>")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>]+")
_URL_TRAIL = "?!.,:*_~'\";"
_RUN = re.compile(r"`+|\*+|_+|~+")
_BLANKS = re.compile(r"[ \t\n]*")
_ATX = re.compile(r"#+\s*")
_RAW_TEXT = re.compile(r"[ \t>]*<(?:script|style|textarea)(?=[\s>]|\Z)", re.IGNORECASE)
#: Links nested deeper than this are read as text (markdown-it's own limit for commonmark), so the recursion of
#: the inline scanner stays bounded.
_MAX_NESTING = 20
#: What each kind of inline HTML must end with (markdown-it's quick rejection, so an unclosed ``<!--`` or ``<a``
#: never sends the tag pattern to the end of the text at every ``<``): kind, terminator, shortest offset.
_HTML_ENDS = (("<!--", "-->", 4), ("<![CDATA[", "]]>", 9), ("<?", "?>", 2), ("<!", ">", 3), ("<", ">", 2))


@dataclass(frozen=True)
class _Analysis:
    """What one parse of a Markdown text yields: its prose view and its HTML comments."""

    view: ProseView
    comments: tuple[Span, ...]


def markdown_view(text: str) -> ProseView:
    """Mask everything in ``text`` that is not prose, so rules see words only and never edit markup."""
    return _analyse(text).view


def html_comments(text: str) -> tuple[Span, ...]:
    """Source span of every HTML comment that markdown-it reads as HTML, in order: in an HTML block or as
    inline HTML. A ``<!--`` in a code span or block, in the front matter, in a link's target or an image's
    text, or inside ``<script>``, ``<style>`` or ``<textarea>``, is text and not a comment, so a suppression
    written there (often as an example of one) is not obeyed."""
    return _analyse(text).comments


def front_matter(text: str) -> Span | None:
    """Source span of the front matter (its fences included, the final line break not), or None when the text
    has none: the same block ``markdown_view`` masks, so a setting is read only where the parser sees one."""
    lines = _lines(text)
    front = _front_matter_lines(text, lines)
    return (0, lines[front - 1][1]) if front else None


def _analyse(text: str) -> _Analysis:
    """One pass over ``text``: the blocks of prose, what is masked, and the HTML comments met on the way."""
    lines = _lines(text)
    masked = bytearray(not ch.isspace() for ch in text)
    front = _front_matter_lines(text, lines)
    if front:
        _mask(masked, 0, lines[front - 1][1])
    env: dict = {}
    rest = lines[front][0] if front < len(lines) else len(text)
    tokens = _MD.parse("\n" * front + text[rest:], env)
    refs = set(env.get("references", {}))
    comments: list[Span] = []
    blocks = [block for block in _blocks(text, lines, tokens, masked, refs, comments) if block]
    view = "".join(ch if not m or ch in "\r\n" else " " for ch, m in zip(text, masked, strict=True))
    opaque = tuple(m.span() for m in re.finditer(rb"\x01+", masked))  # runs: merged and sorted
    return _Analysis(ProseView(text=view, blocks=tuple(blocks), opaque=opaque), tuple(sorted(comments)))


def _lines(text: str) -> list[Span]:
    """Each line's (start, end), ending excluded, as markdown-it numbers them (CR, LF and CRLF end a line)."""
    spans, start = [], 0
    for m in _EOL.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _front_matter_lines(text: str, lines: list[Span]) -> int:
    """Number of lines taken by YAML (``---``) or TOML (``+++``) front matter at the very start, else 0."""
    closers = _FRONT.get(text[slice(*lines[0])].rstrip(), ())
    if not closers:
        return 0
    return next((n for n, (a, b) in enumerate(lines[1:], start=2) if text[a:b].rstrip() in closers), 0)


def _block_comments(text: str, start: int, end: int) -> Iterator[Span]:
    """The comments in an HTML block's source: each ``<!--`` to the first ``-->`` after it, as a browser reads
    them (``<!-->`` and ``<!--->`` are empty comments); none in a raw-text element, and none unclosed."""
    if _RAW_TEXT.match(text, start, end):
        return
    i = text.find("<!--", start, end)
    while i >= 0:
        close = text.find("-->", i + 2, end)
        if close < 0:
            return
        yield (i, close + 3)
        i = text.find("<!--", close + 3, end)


def _blocks(
    text: str, lines: list[Span], tokens: list[Token], masked: bytearray, refs: set[str], comments: list[Span]
) -> Iterator[Block | None]:
    """Walk the block tokens: mask opaque blocks, unmask and scan each inline run of prose; collect the HTML
    comments of HTML blocks and of the inline runs in ``comments``."""
    containers: list[str] = []
    parent: Token | None = None
    cells: list[Span] = []
    for tok in tokens:
        if tok.type in _CONTAINERS:
            containers.append(_CONTAINERS[tok.type])
        elif tok.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif tok.type in _OPAQUE_BLOCKS and tok.map:
            _mask(masked, lines[tok.map[0]][0], lines[tok.map[1] - 1][1])
            if tok.type == "html_block":
                comments.extend(_block_comments(text, lines[tok.map[0]][0], lines[tok.map[1] - 1][1]))
        elif tok.type == "table_open" and tok.map:
            _mask(masked, *lines[tok.map[0] + 1])
        elif tok.type == "tr_open" and tok.map:
            cells = _row_cells(text, lines[tok.map[0]], len(containers))
        elif tok.type == "inline" and parent is not None:
            kind = _kind(parent, containers)
            spans = _inline_spans(text, lines, tok, parent, len(containers)) if kind != "table_cell" else cells[:1]
            del cells[:1]
            yield _prose_block(text, spans, masked, refs, kind, comments)
        if tok.nesting == 1:
            parent = tok


def _mask(masked: bytearray, start: int, end: int) -> None:
    masked[start:end] = b"\x01" * (end - start)


def _kind(parent: Token, containers: list[str]) -> str:
    """The block kind of an inline run, from its parent token and the innermost container."""
    if parent.type == "heading_open":
        return "heading"
    if parent.type in ("th_open", "td_open"):
        return "table_cell"
    return containers[-1] if containers else "paragraph"


def _inline_spans(text: str, lines: list[Span], tok: Token, parent: Token, depth: int) -> list[Span]:
    """Source span of each line of an inline token's content (markers and indentation left out)."""
    assert tok.map is not None
    contents = tok.content.split("\n")
    if parent.type == "heading_open" and parent.markup.startswith("#"):
        start, end = lines[tok.map[0]]
        pos = _end(_ATX, text, _after_markers(text, start, end, depth), end)
        return [(pos, min(end, pos + len(contents[0])))]
    spans = []
    for n, ((start, end), content) in enumerate(zip(lines[tok.map[0] :], contents, strict=False)):
        stop = start + len(text[start:end].rstrip())  # inner lines keep trailing space: `\\ ` is no hard break
        spans.append((max(start, stop - len(content.strip())), stop if n == len(contents) - 1 else end))
    return spans


def _after_markers(text: str, start: int, end: int, depth: int) -> int:
    """Skip the ``>`` and list markers of the ``depth`` enclosing containers, then blanks."""
    for _ in range(depth):
        start = _end(_MARKER, text, start, end)
    return _end(_BLANKS, text, start, end)


def _row_cells(text: str, line: Span, depth: int) -> list[Span]:
    """Source span of each cell of a table row, split like markdown-it does (``\\|`` does not split)."""
    start = _after_markers(text, *line, depth)
    end = line[0] + len(text[line[0] : line[1]].rstrip())
    bounds = [start - 1, *(i for i in range(start, end) if text[i] == "|" and text[i - 1] != "\\"), end]
    cols = [(a + 1, b) for a, b in pairwise(bounds)]
    if cols and cols[0][0] == cols[0][1]:
        cols.pop(0)
    if cols and cols[-1][0] == cols[-1][1]:
        cols.pop()
    return [_stripped(text, a, b) for a, b in cols]


def _stripped(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without its leading and trailing whitespace (a lazy regex is quadratic on a long run)."""
    cell = text[start:end]
    body = cell.strip()
    if not body:
        return (end, end)
    lead = len(cell) - len(cell.lstrip())
    return (start + lead, start + lead + len(body))


def _prose_block(
    text: str, spans: list[Span], masked: bytearray, refs: set[str], kind: str, comments: list[Span]
) -> Block | None:
    """Unmask the spans, re-mask their inline markup, and bound the block by its first and last prose char;
    add the source span of each inline HTML comment to ``comments``."""
    offsets: list[int] = []
    for i, (start, end) in enumerate(spans):
        masked[start:end] = bytes(end - start)
        offsets.extend(range(start, end))
        if i + 1 < len(spans):
            offsets.append(end)  # the line break stands for the whole gap to the next line
    content = "\n".join(text[a:b] for a, b in spans)
    scanner = _Inline(content, refs)
    for a, b in scanner.scan(0, len(content)):
        _mask(masked, offsets[a], offsets[b - 1] + 1)
    comments.extend((offsets[a], offsets[b - 1] + 1) for a, b in scanner.comments)
    prose = [j for j in offsets if not masked[j] and not text[j].isspace()]
    return Block(prose[0], prose[-1] + 1, kind) if prose else None


@dataclass
class _Run:
    """A run of ``*``, ``_`` or ``~``; ``start``/``end`` shrink as its characters pair up."""

    start: int
    end: int
    can_open: bool
    can_close: bool
    char: str
    size: int


class _Inline:
    """Scanner over one block's prose content (line breaks as ``\\n``); finds the ranges that are markup, and
    in ``comments`` the HTML comments among them.

    The caches keep it linear where a naive scan is quadratic: where each terminator of inline HTML and each
    length of backtick run is seen last, and the ``]`` that closes each ``[``.
    """

    def __init__(self, s: str, refs: set[str]) -> None:
        self.s = s
        self.refs = refs
        self.comments: list[Span] = []
        self._last: dict[str, int] = {}
        self._ticks: dict[int, int] | None = None
        self._labels: dict[Span, int | None] = {}
        self._depth = 0

    def scan(self, start: int, end: int) -> list[Span]:
        """Markup ranges in ``s[start:end]``: constructs as met left to right, then paired emphasis markers."""
        out: list[Span] = []
        runs: list[_Run] = []
        i = start
        while i < end:
            step = self._construct(i, end, out)
            if step > i:
                i = step
            elif self.s[i] in "*_~":
                runs.append(self._run(i, _end(_RUN, self.s, i, end)))
                i = runs[-1].end
            else:
                i += 1
        return out + _paired(runs)

    def _construct(self, i: int, end: int, out: list[Span]) -> int:
        """Mask the construct starting at ``i`` and return its end; ``i`` when there is none."""
        s, ch = self.s, self.s[i]
        if ch == "\\" and i + 1 < end and (s[i + 1] in _PUNCT or s[i + 1] == "\n"):
            out.append((i, i + 1))
            return i + 2
        if ch == "`":
            return self._code(i, end, out)
        if ch in "![":
            return self._link(i, end, out)
        if ch == "<":
            m = _AUTOLINK.match(s, i, end) or (HTML_TAG_RE.match(s, i, end) if self._may_be_html(i, end) else None)
            if m and s.startswith("<!--", i):
                self.comments.append(m.span())
        elif ch == "&":
            m = _ENTITY.match(s, i, end)
        elif ch in "hHwW" and (i == 0 or not s[i - 1].isalnum()):
            m = _URL.match(s, i, end)
            if m:
                out.append((i, _url_end(s, i, m.end())))
                return out[-1][1]
        else:
            return i
        if m:
            out.append((i, m.end()))
            return m.end()
        return i

    def _may_be_html(self, i: int, end: int) -> bool:
        """Whether the terminator that inline HTML starting at ``i`` needs occurs before ``end`` (markdown-it's
        quick rejection: otherwise the tag pattern runs to the end of the text at every unclosed ``<!--``)."""
        kind, term, shortest = next(k for k in _HTML_ENDS if self.s.startswith(k[0], i))
        if kind == "<!--" and self.s.startswith(("<!-->", "<!--->"), i):
            return True
        if term not in self._last:
            self._last[term] = self.s.rfind(term)
        last = self._last[term]
        return last >= i + shortest and (last < end or self.s.rfind(term, i + shortest, end) >= 0)

    def _code(self, i: int, end: int, out: list[Span]) -> int:
        """A code span opened by the backtick run at ``i``; an unclosed run is literal text."""
        n = _end(_RUN, self.s, i, end) - i
        if self._ticks is None:
            self._ticks = {len(m.group()): m.start() for m in re.finditer("`+", self.s)}
        if self._ticks.get(n, -1) < i + n:
            return i + n  # no run of that length later on: the run is text (and no search to the end)
        for m in _RUN.finditer(self.s, i + n, end):
            if m.group() == "`" * n:
                out.append((i, m.end()))
                return m.end()
        return i + n

    def _link(self, i: int, end: int, out: list[Span]) -> int:
        """A link keeps its text as prose (scanned in turn); an image is masked whole."""
        image = self.s[i] == "!"
        label = i + image
        if label >= end or self.s[label] != "[":
            return i
        close = self._label_end(label, end)
        tail = self._link_tail(label, close, end) if close is not None else None
        if close is None or tail is None:
            return i
        if image:
            out.append((i, tail))
        elif self._depth >= _MAX_NESTING:
            return i
        else:
            self._depth += 1
            out += [(i, label + 1), *self.scan(label + 1, close), (close, tail)]
            self._depth -= 1
        return tail

    def _label_end(self, start: int, end: int) -> int | None:
        """Offset of the ``]`` matching the ``[`` at ``start``, skipping escapes and code spans.

        The walk from ``start`` passes every ``[`` it meets the same way a walk from there would, so it
        records their ``]`` (or that there is none) too: a run of ``[`` is scanned once, not once each."""
        if (start, end) in self._labels:
            return self._labels[start, end]
        stack: list[int] = []
        j = start
        while j < end:
            ch = self.s[j]
            if ch == "`":
                j = self._code(j, end, [])
                continue
            if ch == "[":
                stack.append(j)
            elif ch == "]":
                self._labels[stack.pop(), end] = j
                if not stack:
                    return j
            j += 2 if ch == "\\" else 1
        self._labels.update(((k, end), None) for k in stack)
        return None

    def _link_tail(self, label: int, close: int, end: int) -> int | None:
        """End of ``(dest "title")``, ``[ref]``, ``[]`` or nothing after ``]`` for a real link, else None."""
        s, p = self.s, close + 1
        if p < end and s[p] == "(":
            q = _end(_BLANKS, s, p + 1, end)
            dest = parseLinkDestination(s, q, end)
            if dest.ok:
                q = _end(_BLANKS, s, dest.pos, end)
                title = parseLinkTitle(s, q, end) if q > dest.pos else None
                q = _end(_BLANKS, s, title.pos, end) if title and title.ok else q
            if q < end and s[q] == ")":
                return q + 1
        if p < end and s[p] == "[":
            k = self._label_end(p, end)
            if k is not None:
                ref = s[p + 1 : k] or s[label + 1 : close]
                return k + 1 if normalizeReference(ref) in self.refs else None
        return p if normalizeReference(s[label + 1 : close]) in self.refs else None

    def _run(self, i: int, j: int) -> _Run:
        """A delimiter run with CommonMark's flanking rules (``_`` may not open or close inside a word)."""
        s, ch = self.s, self.s[i]
        before = s[i - 1] if i > 0 else " "
        after = s[j] if j < len(s) else " "
        left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
        right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
        if ch == "~" and j - i != 2:
            left = right = False
        elif ch == "_":
            left, right = left and (not right or _punct(before)), right and (not left or _punct(after))
        return _Run(i, j, left, right, ch, j - i)


def _paired(runs: list[_Run]) -> list[Span]:
    """The delimiter characters that pair up as emphasis (CommonMark's algorithm, simplified).

    Like cmark's ``openers_bottom``: once a closer finds no opener, none below the top of the stack then can
    match a later closer of the same character, openness and length modulo 3, so no search goes there again
    (without it, many openers and closers that never match are quadratic)."""
    out: list[Span] = []
    openers: list[_Run] = []
    bottom: dict[tuple[str, bool, int], int] = {}
    for closer in runs:
        key = (closer.char, closer.can_open, closer.size % 3)
        while closer.can_close and closer.start < closer.end:
            low = bottom.get(key, 0)
            k = next((k for k in range(len(openers) - 1, low - 1, -1) if _matches(openers[k], closer)), -1)
            if k < 0:
                bottom[key] = len(openers)
                break
            opener = openers[k]
            use = 2 if min(opener.end - opener.start, closer.end - closer.start) >= 2 else 1
            out += [(opener.end - use, opener.end), (closer.start, closer.start + use)]
            opener.end -= use
            closer.start += use
            del openers[k + (opener.start < opener.end) :]
            for other, floor in bottom.items():
                bottom[other] = min(floor, len(openers))
        if closer.can_open and closer.start < closer.end:
            openers.append(closer)
    return out


def _matches(opener: _Run, closer: _Run) -> bool:
    """Same character, and CommonMark's rule of three for runs that can both open and close."""
    n, m = opener.size, closer.size
    both = opener.can_close or closer.can_open
    return opener.char == closer.char and not (both and (n + m) % 3 == 0 and (n % 3 or m % 3))


def _end(pattern: re.Pattern[str], s: str, i: int, end: int) -> int:
    """Where ``pattern`` matched at ``i`` ends (``i`` when it does not match)."""
    m = pattern.match(s, i, end)
    return m.end() if m else i


def _punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _url_end(s: str, start: int, end: int) -> int:
    """A bare URL without the trailing punctuation or unbalanced closing bracket that ends its sentence.

    The brackets are counted once and then kept up to date as the end moves back: counting again at each
    step is quadratic on a URL followed by a long run of ``)``."""
    count = {ch: s.count(ch, start, end) for ch in "()[]"}
    while end > start:
        ch = s[end - 1]
        opener = "(" if ch == ")" else "["
        unbalanced = ch in ")]" and count[opener] < count[ch]
        if ch not in _URL_TRAIL and not unbalanced:
            break
        if ch in count:
            count[ch] -= 1
        end -= 1
    return end
