"""A review page: one self-contained HTML file showing each article with its proposed fixes as tracked changes.

An editor accepts or rejects each change in a browser and downloads a patch of the accepted ones, with the
header `fix --patch-dir` writes, for `copyedit apply`, `git apply` or `patch -p1`. Python computes everything
the page shows (texts, edits, findings) and renders it, escaped; the page's script (html_review_assets/) only
keeps the decisions and writes the patch. The page reaches nothing outside itself (a Content-Security-Policy
says so), so it can be mailed or kept as a CI artifact.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from copyedit import apply as applying
from copyedit import engine, source
from copyedit.markup import ProseView, prose_view
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import PatchError, apply_patch, digest, parse_patch, patch_header, printable
from copyedit.report import LineIndex


@dataclass(frozen=True)
class Change:
    """One proposed change: its edits (offsets into the file's text, without a BOM), what it repairs, and the
    header lines a patch gives it."""

    edits: tuple[Edit, ...]
    codes: tuple[str, ...]
    messages: tuple[str, ...]
    safety: str
    line: int
    col: int
    #: The patch header's comment lines for this change ("# CODE line:col message\n").
    notes: tuple[str, ...]

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True)
class Comment:
    """A finding the page shows in the margin without a change: no fix, or one this run does not offer."""

    code: str
    message: str
    severity: str
    start: int
    line: int
    col: int
    why: str
    #: The replacement a fix this run does not offer would make (display-only, or unsafe without --unsafe-fixes).
    suggestion: str | None = None


@dataclass(frozen=True)
class FileReview:
    """One file as the page shows it, and what the page needs to write its patch."""

    #: The path as the diff names it (relative, forward slashes).
    name: str
    text: str
    sha256: str
    markup: str
    bom: bool = False
    changes: tuple[Change, ...] = ()
    comments: tuple[Comment, ...] = ()
    #: Fixes that overlap a proposed one: they wait for the next run, as a second pass.
    held: int = 0


@dataclass
class Patches:
    """What a set of patch files gives the page: the files, and a line for each patch or file it could not show."""

    files: list[FileReview] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- from a run of the rules -------------------------------------------------------------------------------------


def _key(f: Finding) -> tuple:
    return f.code, f.start, f.end, f.edits


def review_of(
    src: source.Source,
    name: str,
    found: Sequence[Finding],
    unsafe: bool,
    propose: Callable[[], list[Finding]],
) -> FileReview:
    """The page's view of one file: ``propose()`` (engine.proposals, one pass of non-overlapping fixes) is
    called only when some finding has a fix this run may offer."""
    proposed = propose() if any(engine.applicable(f, unsafe) for f in found) else []
    chosen = {_key(f) for f in proposed}
    lines = LineIndex(src.text)
    changes = []
    for f in proposed:
        line, col = lines.position(f.start)
        note = _note(f"{f.code} {line}:{col} {f.message}")
        changes.append(Change(f.edits, (f.code,), (f.message,), f.safety.value, line, col, (note,)))
    comments, held = [], 0
    for f in found:
        if _key(f) in chosen:
            continue
        if engine.applicable(f, unsafe):
            held += 1
            continue
        line, col = lines.position(f.start)
        suggestion = " … ".join(e.replacement for e in sorted(f.edits)) if f.edits else None
        comments.append(Comment(f.code, f.message, f.severity.value, f.start, line, col, _why(f), suggestion))
    sha = digest(src.encode())
    return FileReview(name, src.text, sha, src.markup, src.bom, tuple(changes), tuple(comments), held)


def _why(f: Finding) -> str:
    if f.fixable and f.safety is Safety.UNSAFE:
        return "an unsafe fix exists: run with --unsafe-fixes to review it"
    if f.edits:
        return "its fix is shown, never applied"
    return "no fix: a person decides"


def _note(text: str) -> str:
    """One comment line of a patch header, as patch_header writes it."""
    return patch_header("", "", [text]).splitlines(keepends=True)[-1]


# --- from patch files ---------------------------------------------------------------------------------------------

_NOTE = re.compile(r"# (\S+) (\d+):(\d+) (.*)$")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def from_patches(paths: Iterable[Path]) -> Patches:
    """The files that patch files (as `fix --patch-dir` writes them) change, read from the working folder as
    `copyedit apply` reads them; a patch whose file changed since it was made is named and left out."""
    out = Patches()
    seen: set[str] = set()
    for path in paths:
        label = printable(str(path))
        try:
            text = path.read_bytes().decode("utf-8")
            sections = parse_patch(text)
        except (OSError, UnicodeDecodeError, PatchError) as e:
            out.errors.append(f"{label}: cannot read the patch: {getattr(e, 'strerror', None) or e}")
            continue
        for fp, notes in zip(sections, _section_notes(text), strict=False):
            if fp.path in seen:
                out.errors.append(f"{label}: {printable(fp.path)}: a second patch for this file; the page shows one")
                continue
            try:
                applying.check_path(fp.path)
                data, _ = applying.read_inside(fp.path)
                src = source.decode(fp.path, data)
                old = ("\ufeff" if src.bom else "") + src.text
                new = apply_patch(fp, old, data)
            except (OSError, PatchError, applying.Unsafe, source.SourceError) as e:
                out.errors.append(f"{label}: {printable(fp.path)}: {getattr(e, 'strerror', None) or e}")
                continue
            if src.bom != new.startswith("\ufeff"):
                out.errors.append(f"{label}: {printable(fp.path)}: it adds or removes a byte-order mark; not shown")
                continue
            seen.add(fp.path)
            new = new[1:] if src.bom else new
            out.files.append(_patched_review(fp.path, src, new, data, notes))
    return out


def _section_notes(text: str) -> list[list[str]]:
    """The copyedit header's finding lines before each file's `---`/`+++` pair, in order."""
    lines = text.splitlines(keepends=True)
    out: list[list[str]] = []
    pending: list[str] = []
    in_header = True
    for i, line in enumerate(lines):
        if line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            out.append(pending)
            pending, in_header = [], False
        elif line.startswith("# "):
            if not in_header:
                pending, in_header = [], True
            if _NOTE.match(line.rstrip("\r\n")):
                pending.append(line if line.endswith("\n") else line + "\n")
        elif line.startswith("@@"):
            in_header = False
    return out


def _patched_review(name: str, src: source.Source, new: str, data: bytes, notes: list[str]) -> FileReview:
    """A patch's changes as edits on the file's text. Each header line goes to the edit nearest its line:col; an
    edit no line names joins the nearest named one on its line ("both … and … have" to "neither … nor … has")."""
    edits = _edits_between(src.text, new)
    lines = LineIndex(src.text)
    starts = [0] + [m.end() for m in re.finditer("\n", src.text)]
    named: dict[int, list[tuple[str, str, str]]] = {}
    for note in notes:
        m = _NOTE.match(note.rstrip("\n"))
        if not m or not edits:
            continue
        at = starts[min(int(m[2]), len(starts)) - 1] + int(m[3]) - 1
        nearest = min(range(len(edits)), key=lambda i: _distance(edits[i], at))
        named.setdefault(nearest, []).append((m[1], m[4], note))
    groups: dict[int, list[int]] = {}
    for i, e in enumerate(edits):
        same_line = [k for k in named if lines.position(edits[k].start)[0] == lines.position(e.start)[0]]
        owner = i if i in named or not same_line else min(same_line, key=lambda k: abs(edits[k].start - e.start))
        groups.setdefault(owner, []).append(i)
    catalogue = engine.catalogue()
    changes = []
    for owner, members in sorted(groups.items()):
        found = named.get(owner, [])
        codes = tuple(c for c, _, _ in found) or ("?",)
        safeties = {catalogue[c].safety.value if c in catalogue else "unknown" for c in codes}
        safety = "safe" if safeties == {"safe"} else "unsafe" if "unsafe" in safeties else "unknown"
        messages = tuple(m for _, m, _ in found) or ("a change in the patch that no header line names",)
        mine = tuple(edits[i] for i in members)
        line, col = lines.position(min(e.start for e in mine))
        changes.append(Change(mine, codes, messages, safety, line, col, tuple(n for _, _, n in found)))
    changes.sort(key=lambda c: c.start)
    return FileReview(name, src.text, digest(data), source.markup_for(name) or "text", src.bom, tuple(changes))


def _distance(e: Edit, at: int) -> int:
    return 0 if e.start - 1 <= at <= e.end + 1 else min(abs(at - e.start), abs(at - e.end))


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+", text)


#: Unchanged lines between two changed runs that are still compared word by word as one region: a paragraph
#: joined to the one before moves its words across the blank line between them.
_JOIN_LINES = 3


def _edits_between(old: str, new: str) -> list[Edit]:
    """Word-level edits that turn ``old`` into ``new``: changed lines first (runs of them a few lines apart taken
    together), then words within them; edits only a space or two apart are one ("that. Officials")."""
    a, b = _lines(old), _lines(new)
    a_at, b_at = [0], [0]
    for line in a:
        a_at.append(a_at[-1] + len(line))
    for line in b:
        b_at.append(b_at[-1] + len(line))
    regions: list[list[int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if regions and i1 - regions[-1][1] <= _JOIN_LINES:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    edits: list[Edit] = []
    for i1, i2, j1, j2 in regions:
        base, x, y = a_at[i1], _TOKEN.findall(old[a_at[i1] : a_at[i2]]), _TOKEN.findall(new[b_at[j1] : b_at[j2]])
        x_at = [0]
        for t in x:
            x_at.append(x_at[-1] + len(t))
        for t, p1, p2, q1, q2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
            if t != "equal":
                edits.append(Edit(base + x_at[p1], base + x_at[p2], "".join(y[q1:q2])))
    merged: list[Edit] = []
    for e in edits:
        gap = old[merged[-1].end : e.start] if merged else None
        if gap is not None and len(gap) <= 2 and not gap.strip():
            last = merged.pop()
            e = Edit(last.start, e.end, last.replacement + gap + e.replacement)
        merged.append(e)
    return merged


# --- the page -----------------------------------------------------------------------------------------------------

_ASSETS = "html_review_assets"


def _asset(name: str) -> str:
    return resources.files("copyedit").joinpath(_ASSETS, name).read_text(encoding="utf-8")


def embed_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` (so no `</script>`, no `<!--`), and no line
    separators that older scripts choke on."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page(files: Sequence[FileReview], errors: Sequence[str] = (), title: str = "copyedit review") -> str:
    """The whole page, as text."""
    from copyedit import __version__

    shown = [f for f in files if f.changes or f.comments]
    nonce = secrets.token_urlsafe(16)
    data = {"files": [_file_data(f) for f in shown], "version": __version__}
    total = sum(len(f.changes) for f in shown)
    unsafe = sum(c.safety != "safe" for f in shown for c in f.changes)
    g = 0
    sections = []
    for i, f in enumerate(shown):
        sections.append(_section(f, i, g))
        g += len(f.changes)
    csp = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
        "form-action 'none'; base-uri 'none'"
    )
    parts = [
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name=viewport content="width=device-width, initial-scale=1">\n',
        '<meta name=referrer content="no-referrer">\n',
        f"<title>{_e(title)}</title>\n<style nonce={nonce}>\n{_asset('review.css')}</style>\n</head>\n<body>\n",
        _toolbar(len(shown), total, unsafe),
        _file_list(shown, errors, len(files) - len(shown)),
        "<main id=files>\n",
        *sections,
        "</main>\n",
        _footer(__version__),
        f'<script type="application/json" id=copyedit-data>{embed_json(data)}</script>\n',
        f"<script nonce={nonce}>\n{_asset('review.js')}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def write_page(path: Path, files: Sequence[FileReview], errors: Sequence[str] = ()) -> None:
    """Write the page to ``path`` (a name that is not UTF-8 shows as U+FFFD on the page, never breaks it)."""
    path.write_bytes(page(files, errors).encode("utf-8", "replace"))


def _file_data(f: FileReview) -> dict:
    return {
        "name": f.name,
        "sha256": f.sha256,
        "bom": f.bom,
        "text": f.text,
        "head": patch_header(f.name, f.sha256, []),
        "changes": [
            {
                "edits": [[e.start, e.end, e.replacement] for e in sorted(c.edits)],
                "safety": c.safety,
                "codes": list(c.codes),
                "notes": list(c.notes),
            }
            for c in f.changes
        ],
    }


def _toolbar(files: int, changes: int, unsafe: int) -> str:
    unsafe_note = f", {unsafe} of them unsafe" if unsafe else ""
    return (
        "<header id=bar>\n<div class=title><h1>copyedit review</h1>"
        f"<p class=summary>{changes} proposed change(s) in {files} file(s){unsafe_note}. "
        "<span id=counts aria-live=polite></span></p></div>\n"
        "<div class=actions role=toolbar aria-label='All files'>"
        "<button type=button id=accept-safe>Accept all safe</button>"
        "<button type=button id=reject-all>Reject all</button>"
        "<button type=button id=download class=primary disabled>Download patch</button></div>\n"
        "<p class=keys>Keys: <kbd>n</kbd>/<kbd>j</kbd> next change, <kbd>p</kbd>/<kbd>k</kbd> previous, "
        "<kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>u</kbd> undecided, "
        "<kbd>m</kbd> Markdown syntax shown or hidden. Decisions are kept in this browser. "
        "<span id=download-note></span></p>\n"
        "<noscript><p class=warn>Accepting changes and downloading the patch need JavaScript; "
        "the proposed changes are shown below.</p></noscript>\n</header>\n"
    )


def _file_list(files: Sequence[FileReview], errors: Sequence[str], clean: int) -> str:
    rows = []
    for i, f in enumerate(files):
        safe = sum(c.safety == "safe" for c in f.changes)
        counts = f"{len(f.changes)} change(s)"
        if safe != len(f.changes):
            counts += f", {len(f.changes) - safe} unsafe"
        counts += f", {len(f.comments)} comment(s)" if f.comments else ""
        rows.append(
            f'<li><a href="#file-{i}">{_e(f.name)}</a> <span class=count>{counts}</span> '
            f"<span class=fstate data-file={i}></span></li>"
        )
    out = ["<nav id=toc aria-label=Files><h2>Files</h2>\n<ul>\n", "\n".join(rows), "\n</ul>\n"]
    if clean:
        out.append(f"<p class=clean>{clean} other file(s) with nothing to show.</p>\n")
    if not files:
        out.append("<p class=clean>No changes or comments: nothing to review.</p>\n")
    if errors:
        out.append("<div class=errors><h2>Not shown</h2><ul>")
        out += [f"<li>{_e(x)}</li>" for x in errors]
        out.append("</ul></div>\n")
    out.append("</nav>\n")
    return "".join(out)


def _footer(version: str) -> str:
    return (
        "<footer><p class=actions><button type=button class='primary download-again' disabled>Download patch"
        "</button></p><p>Only accepted changes go into the patch; undecided ones stay out. A fix that depends on "
        "another (a second pass) is not shown here: run copyedit again after applying the patch. "
        "Apply with <code>copyedit apply FILE.patch</code>, <code>git apply FILE.patch</code> or "
        f"<code>patch -p1 &lt; FILE.patch</code>.</p><p>copyedit {_e(version)}</p></footer>\n"
    )


def _section(f: FileReview, i: int, first: int) -> str:
    held = f"<p class=held>{f.held} more fix(es) overlap these; the next run may propose them.</p>" if f.held else ""
    safe = sum(c.safety == "safe" for c in f.changes)
    return (
        f'<section class=file id="file-{i}" data-file={i} aria-labelledby="file-{i}-h">\n'
        f'<div class=fhead><h2 id="file-{i}-h">{_e(f.name)}</h2>'
        f"<p class=fmeta>{len(f.changes)} change(s), {safe} safe; {len(f.comments)} comment(s); "
        f"sha256 <code>{f.sha256[:12]}…</code></p>"
        f"<div class=actions role=toolbar aria-label='This file'>"
        f"<button type=button class=file-accept data-file={i}>Accept all safe in this file</button>"
        f"<button type=button class=file-reject data-file={i}>Reject all in this file</button></div>{held}</div>\n"
        f"{_body(f, i, first)}</section>\n"
    )


# --- the article, with its changes in place ---------------------------------------------------------------------

_BLANK = re.compile(r"\r?\n(?:[ \t]*\r?\n)+")
_KIND_CLASS = {"title": "h", "heading": "h", "line": "h", "list_item": "li", "quote": "q", "table_cell": "tbl"}
#: Masked Markdown that is only syntax, hidden as a word processor would; other masked text (code, HTML, URLs)
#: shows as code.
_SYNTAX = re.compile(r"[\s#*_>\[\]!|~=+\-:`]*|\]\(.*|\(.*\)|\]\[.*|\s*\[[^\]]*\]:.*", re.DOTALL)
_BULLET = re.compile(r"[ \t]*[-*+]")
_CODE = re.compile(r"(`+)([^`].*?)\1", re.DOTALL)


def _blocks(text: str, changes: Sequence[Change]) -> list[tuple[int, int]]:
    """The text's paragraphs as (start, end); a blank-line break that a change touches does not split."""
    spans = [(c.start, c.end) for c in changes]
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(text):
        a, b = m.start(), m.end()
        if any(s < b and e > a for s, e in spans):
            continue
        out.append((pos, a))
        pos = b
    out.append((pos, len(text)))
    return out


def _body(f: FileReview, fi: int, first: int) -> str:
    view = prose_view(f.text, f.markup)
    blocks = _blocks(f.text, f.changes)
    changes = sorted(range(len(f.changes)), key=lambda c: f.changes[c].start)
    comments = sorted(range(len(f.comments)), key=lambda c: f.comments[c].start)
    out = []
    ci = ni = 0
    for n, (a, b) in enumerate(blocks):
        last = n == len(blocks) - 1
        mine = []
        while ci < len(changes) and (f.changes[changes[ci]].start <= b or last):
            mine.append(changes[ci])
            ci += 1
        notes = []
        while ni < len(comments) and (f.comments[comments[ni]].start <= b or last):
            notes.append(comments[ni])
            ni += 1
        if a == b and not mine and not notes:
            continue
        out.append(_row(f, fi, view, a, b, mine, notes, first))
    return "".join(out)


def _row(f: FileReview, fi: int, view: ProseView, a: int, b: int, mine: list[int], notes: list[int], first: int) -> str:
    kinds = [blk.kind for blk in view.blocks if blk.start < b and blk.end > a]
    cls = _KIND_CLASS.get(kinds[0], "p") if kinds else "raw"
    markup = f.markup if kinds else "text"  # code, front matter, HTML: every character as it stands
    inline = _inline(f, fi, view, a, b, mine, notes, first, markup)
    margin = [_balloon(f, c, first + c) for c in mine] + [_comment(f, fi, n) for n in notes]
    aside = f"<aside class=margin>{''.join(margin)}</aside>" if margin else "<aside class=margin></aside>"
    return f"<div class=row><div class='txt {cls}'>{inline}</div>{aside}</div>\n"


def _inline(
    f: FileReview, fi: int, view: ProseView, a: int, b: int, mine: list[int], notes: list[int], first: int, markup: str
) -> str:
    events: list[tuple[int, int, int, int]] = []  # (position, order, kind, index): comments before edits
    for c in mine:
        for k, e in enumerate(sorted(f.changes[c].edits)):
            events.append((e.start, 1, c, k))
    edits = sorted((e.start, e.end) for c in mine for e in f.changes[c].edits)
    for n in notes:
        at = f.comments[n].start
        for s, e in edits:
            if s < at < e:
                at = s
        events.append((max(a, min(at, b)), 0, -1, n))
    events.sort()
    out: list[str] = []
    pos = a
    for at, order, c, k in events:
        if at > pos:
            out.append(_plain(f.text, view.text, pos, at, markup))
            pos = at
        if order == 0:
            out.append(f'<a class=nref href="#note-{fi}-{k}" aria-label="comment {k + 1}">{k + 1}</a>')
            continue
        change = f.changes[c]
        e = sorted(change.edits)[k]
        out.append(_edit_html(f.text[e.start : e.end], e.replacement, change, first + c, k == 0))
        pos = max(pos, e.end)
    if b > pos:
        out.append(_plain(f.text, view.text, pos, b, markup))
    return "".join(out)


def _plain(text: str, view: str, a: int, b: int, markup: str) -> str:
    """Unchanged text; in Markdown, syntax that the prose view masks is hidden and masked code shows as code."""
    if markup != "markdown":
        return _e(text[a:b])
    out = []
    i = a
    while i < b:
        masked = view[i] != text[i]
        j = _masked_end(text, view, i, b) if masked else i
        while j < b and not masked and view[j] == text[j]:
            j += 1
        piece = text[i:j]
        line_start = not text[text.rfind("\n", 0, i) + 1 : i].strip()
        if not masked or not piece.strip():
            out.append(_e(piece))
        elif line_start and _BULLET.fullmatch(piece):
            out.append(f"<span class=bullet aria-hidden=true>•</span><span class=mk>{_e(piece)}</span>")
        elif m := _CODE.fullmatch(piece):
            tick = _e(m[1])
            out.append(f"<span class=mk>{tick}</span><code class=mc>{_e(m[2])}</code><span class=mk>{tick}</span>")
        elif _SYNTAX.fullmatch(piece):
            if line_start:  # "# Heading", "> quote": the space after the marker goes with it
                while j < b and text[j] in " \t" and view[j] == text[j]:
                    j += 1
                piece = text[i:j]
            out.append(f"<span class=mk>{_e(piece)}</span>")
        else:
            out.append(f"<code class=mc>{_e(piece)}</code>")
        i = j
    return "".join(out)


def _masked_end(text: str, view: str, i: int, b: int) -> int:
    """The end of the masked run at i, taking in spaces between masked characters on one line (masking leaves
    a space a space, so `code span` would be two runs)."""
    j = i
    while j < b:
        if view[j] != text[j]:
            j += 1
            continue
        k = j
        while k < b and text[k] in " \t":
            k += 1
        if k == j or k >= b or view[k] == text[k]:
            break
        j = k
    return j


def _shown(s: str) -> str:
    """Deleted or inserted text, with line breaks marked ¶ and a change of spaces alone marked ␣."""
    if s and not s.strip(" \t"):
        return f"<span class=sym aria-hidden=true>{'␣' * len(s)}</span><span class=real>{_e(s)}</span>"
    return "".join(
        "<span class=sym aria-hidden=true>¶</span>\n" if ch == "\n" else _e(ch) for ch in s.replace("\r\n", "\n")
    )


def _edit_html(old: str, new: str, change: Change, g: int, lead: bool) -> str:
    del_ = f"<del>{_shown(old)}</del>" if old else ""
    ins = f"<ins>{_shown(new)}</ins>" if new else ""
    if not lead:
        return f"<span class='chg {change.safety}' data-g={g}>{del_}{ins}</span>"
    tip = (
        f"<span class=tip role=tooltip id=tip-{g}><b>{_e(' '.join(change.codes))}</b> "
        f"<span class=saf>{_e(change.safety)}</span> {_e(' / '.join(change.messages))}"
        f"<span class=st> (undecided)</span></span>"
    )
    return (
        f"<span class='chg {change.safety}' data-g={g} id=chg-{g} tabindex=0 aria-describedby=tip-{g}>"
        f"{del_}{ins}{tip}</span>"
    )


def _balloon(f: FileReview, c: int, g: int) -> str:
    change = f.changes[c]
    messages = "".join(
        f"<p class=msg><b>{_e(code)}</b> {_e(msg)}</p>"
        for code, msg in zip(change.codes, change.messages, strict=False)
    )
    return (
        f"<div class='bal chgbal {change.safety}' data-g={g} id=bal-{g}>"
        f"<p class=meta><a href='#chg-{g}' class=goto>line {change.line}:{change.col}</a> "
        f"<span class=saf>{_e(change.safety)}</span> <span class=st>undecided</span></p>{messages}"
        f"<p class=btns><button type=button class=acc data-g={g}>Accept</button>"
        f"<button type=button class=rej data-g={g}>Reject</button></p></div>"
    )


def _comment(f: FileReview, fi: int, n: int) -> str:
    c = f.comments[n]
    suggestion = "" if c.suggestion is None else f"<p class=sugg>Suggested: “{_shown(c.suggestion)}”</p>"
    return (
        f"<div class='bal note' id=note-{fi}-{n}><p class=meta><span class=num>{n + 1}</span> <b>{_e(c.code)}</b> "
        f"line {c.line}:{c.col} <span class=sev>{_e(c.severity)}</span> <span class=tag>comment</span></p>"
        f"<p class=msg>{_e(c.message)}</p>{suggestion}<p class=why>{_e(c.why)}</p></div>"
    )
