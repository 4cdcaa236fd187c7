"""The command line: argument parsing, output and exit codes; the work is in the library."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.progress import track
from rich.table import Table

from copyedit import baseline, config, engine, languagetool, report, review, runner, source
from copyedit.cache import Cache
from copyedit.cli_server import server_app
from copyedit.model import Severity
from copyedit.nlp import ModelNotFound
from copyedit.patch import PatchError, apply_patch, digest, parse_patch, patch_header, unified_diff
from copyedit.rule import Rule

app = typer.Typer(
    help="Find and fix the damage that rewritten articles carry: stray full stops, stranded clauses, "
    "broken paragraphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line, whatever the width

Paths = Annotated[
    list[str], typer.Argument(help="Files or folders (a folder means its .txt and .md files); - reads standard input.")
]
Select = Annotated[
    list[str] | None, typer.Option("--select", help="Only rules whose code starts with this (repeatable).")
]
Ignore = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip rules whose code starts with this (repeatable).")
]
Unsafe = Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply fixes marked unsafe.")]
StdinName = Annotated[
    str, typer.Option("--stdin-filename", help="Name (and so markup) for text read from standard input.")
]
Format = Annotated[str, typer.Option("--format", help="Output: text, json, sarif or github (workflow annotations).")]
ExitZero = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when findings are left (errors still exit 2).")
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Worker processes over files; default: the number of cores; 1 runs in this process."
    ),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the result cache (.copyedit_cache/).")
]
LanguageTool = Annotated[
    str | None,
    typer.Option(
        "--languagetool",
        help="Also ask LanguageTool: off, local (needs the languagetool extra and Java) or a server URL; "
        "overrides the `languagetool` setting.",
    ),
]


@dataclass
class Tally:
    """What a run saw, for the summary line and the exit code."""

    findings: int = 0
    #: Findings above suggestion severity: only these make `check` exit 1 (as in ruff and Vale).
    failing: int = 0
    fixable: int = 0
    changed: int = 0
    errors: int = 0
    applied: int = 0


@dataclass(frozen=True)
class Job:
    """One input to work on: its text, the settings that govern it, and the rules those select."""

    src: source.Source
    from_stdin: bool
    config: config.Config
    rules: tuple[Rule, ...]
    #: The rule-code prefixes chosen for this file, which also choose LanguageTool's `LT:` codes.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _error(tally: Tally, message: object) -> None:
    tally.errors += 1
    err.print(f"[red]error[/red]: {message}", markup=True, highlight=False)


def _jobs(paths: list[str], opts: dict, tally: Tally, progress: bool = True) -> Iterator[Job]:
    """Each readable input with its configuration; a bad file or configuration is reported and skipped."""
    found = source.discover(paths)
    for path, named in _progress(found) if progress else found:
        try:
            cfg = config.for_path(path)
            if not named and not cfg.wants(path):
                continue
            if path == "-":
                src, stdin = source.decode(opts["stdin_filename"], sys.stdin.buffer.read()), True
            else:
                src, stdin = source.read(path), False
        except (source.SourceError, config.ConfigError) as e:
            _error(tally, e)
            continue
        name = src.path if not stdin else opts["stdin_filename"]
        select, ignore = cfg.selected(tuple(opts["select"] or ()), tuple(opts["ignore"] or ()) + cfg.ignored_for(name))
        yield Job(src, stdin, cfg, engine.select_rules(select, ignore), select, ignore)


#: Runs over more files than this show a progress bar (on a terminal only).
PROGRESS_MIN_FILES = 20


T = TypeVar("T")


def _progress(found: Iterable[T], total: int | None = None) -> Iterable[T]:
    """The files, with a rich progress bar on standard error when it is a terminal and there are many."""
    total = total if total is not None else len(found) if isinstance(found, Sized) else 0
    if total < PROGRESS_MIN_FILES or not err.is_terminal:
        return found
    return track(found, total=total, description="copyedit", console=err, transient=True)


def _run_jobs(jobs: list[Job], opts: dict, lt: languagetool.Session, fix: bool = False) -> Iterable[tuple[Job, Any]]:
    """Each job with its findings (or FixResult), in input order: through the cache, over ``--jobs`` workers."""
    unsafe = bool(opts.get("unsafe_fixes"))
    codes = [tuple(r.code for r in j.rules) for j in jobs]
    tasks = [
        runner.Task(j.src.text, j.src.markup, c, j.config, fix, unsafe or j.config.unsafe_fixes)
        for j, c in zip(jobs, codes, strict=True)
    ]
    store = None if opts.get("no_cache") else Cache()
    extras = [lt.hook(j.config, j.select, j.ignore) for j in jobs]
    results = runner.run(tasks, opts.get("jobs") or runner.default_jobs(), store, extras)
    return _progress(zip(jobs, results, strict=True), len(jobs))


def _guard(fn):
    """Turn a missing model into one clear line and exit 2, not a traceback."""

    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ModelNotFound as e:
            err.print(f"[red]error[/red]: {e}")
            raise typer.Exit(2) from None

    run.__doc__, run.__name__ = fn.__doc__, fn.__name__
    run.__annotations__ = fn.__annotations__
    run.__wrapped__ = fn
    return run


def _check_format(fmt: str) -> str:
    if fmt not in report.FORMATS:
        err.print(f"[red]error[/red]: --format must be one of {', '.join(report.FORMATS)}, not {fmt!r}")
        raise typer.Exit(2)
    return fmt


def _emit(fmt: str, reports: list[report.FileReport]) -> None:
    """Print findings as the format asks: line formats as they come, documents once at the end."""
    if fmt == "json":
        typer.echo(report.as_json(reports))
    elif fmt == "sarif":
        typer.echo(report.as_sarif(reports, engine.select_rules()))


@app.command()
@_guard
def check(
    paths: Paths,
    select: Select = None,
    ignore: Ignore = None,
    unsafe_fixes: Unsafe = False,
    stdin_filename: StdinName = "-",
    output_format: Format = "text",
    exit_zero: ExitZero = False,
    baseline_file: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings that this baseline file does not hold.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Write every finding to this baseline file and exit 0.")
    ] = None,
    languagetool_setting: LanguageTool = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Report findings as path:line:col: CODE message. Exit 0 when clean or only suggestions are left, 1 with
    other findings, 2 on error."""
    fmt = _check_format(output_format)
    tally = Tally()
    reports: list[report.FileReport] = []
    opts = {"select": select, "ignore": ignore, "stdin_filename": stdin_filename, "jobs": jobs, "no_cache": no_cache}
    known = _load_baseline(baseline_file)
    lt = _languagetool(languagetool_setting)
    for job, found in _run_jobs(list(_jobs(paths, opts, tally, progress=False)), opts, lt):
        rep = report.FileReport(job.src.path, job.src.text, tuple(found))
        if write_baseline is not None:
            reports.append(rep)
            continue
        if baseline_file is not None:
            rep = baseline.new_findings(rep, known, baseline_file)
        for f in rep.findings:
            if fmt in ("text", "github"):
                typer.echo(report.text_line(rep, f) if fmt == "text" else report.github_line(rep, f))
            tally.findings += 1
            tally.failing += f.severity is not Severity.SUGGESTION
            tally.fixable += engine.applicable(f, unsafe_fixes or job.config.unsafe_fixes)
        reports.append(rep)
    if write_baseline is not None:
        count = baseline.write(write_baseline, reports)
        err.print(f"Wrote {count} finding(s) to the baseline {write_baseline}.")
        raise typer.Exit(2 if tally.errors else 0)
    _emit(fmt, reports)
    if tally.findings:
        err.print(f"Found {tally.findings} finding(s); {tally.fixable} fixable with `copyedit fix`.")
    raise typer.Exit(2 if tally.errors else 1 if tally.failing and not exit_zero else 0)


def _load_baseline(path: Path | None) -> Counter[tuple[str, str, str]]:
    if path is None:
        return Counter()
    try:
        return baseline.load(path)
    except baseline.BaselineError as e:
        err.print(f"[red]error[/red]: {e}")
        raise typer.Exit(2) from None


@app.command()
@_guard
def fix(
    paths: Paths,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the unified diff instead of writing; exit 1 if anything would change.")
    ] = False,
    unsafe_fixes: Unsafe = False,
    select: Select = None,
    ignore: Ignore = None,
    stdin_filename: StdinName = "-",
    exit_zero: ExitZero = False,
    languagetool_setting: LanguageTool = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    patch_dir: Annotated[
        Path | None,
        typer.Option(
            "--patch-dir",
            file_okay=False,
            help="Write nothing to the files; write DIR/<path>.patch for each file that would change, with a header "
            "listing the edits, for review and `copyedit apply`; exit 1 if any was written.",
        ),
    ] = None,
) -> None:
    """Apply safe fixes in place (or print them as a diff). Standard input (-) is fixed to standard output."""
    tally = Tally()
    opts = {"select": select, "ignore": ignore, "stdin_filename": stdin_filename, "jobs": jobs, "no_cache": no_cache}
    opts["unsafe_fixes"] = unsafe_fixes
    lt = _languagetool(languagetool_setting)
    for job, result in _run_jobs(list(_jobs(paths, opts, tally, progress=False)), opts, lt, fix=True):
        src = job.src
        tally.applied += len(result.applied)
        changed = result.text != src.text
        tally.changed += changed
        if not result.converged:
            err.print(f"[yellow]warning[/yellow]: {src.path}: fixes did not settle after {engine.MAX_PASSES} passes")
        if diff or patch_dir:
            if diff:
                sys.stdout.write(_diff(src, result.text, _diff_path(src.path)))
            if patch_dir and changed:
                _write_patch(patch_dir, src, result, tally)
        elif job.from_stdin:
            sys.stdout.buffer.write(src.encode(result.text))
        elif changed:
            try:
                source.write(src, result.text)
            except source.SourceError as e:
                _error(tally, e)
    verb = "Would fix" if diff or patch_dir else "Fixed"
    err.print(f"{verb} {tally.applied} finding(s) in {tally.changed} file(s).")
    raise typer.Exit(2 if tally.errors else 1 if (diff or patch_dir) and tally.changed and not exit_zero else 0)


def _write_patch(folder: Path, src: source.Source, result: engine.FixResult, tally: Tally) -> None:
    """Write folder/<path>.patch: a header naming each edit and the file's sha256, then the diff `--diff` prints."""
    name = _diff_path(src.path)
    notes = []
    for f, at in zip(result.applied, result.origins, strict=True):
        line, col = report.position(src.text, at)
        notes.append(f"{f.code} {line}:{col} {f.message}")
    text = patch_header(name, digest(src.encode()), notes) + _diff(src, result.text, name)
    target = folder.joinpath(*[part for part in Path(name + ".patch").parts if part not in ("..", "/")])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    except OSError as e:
        _error(tally, f"{target}: cannot write: {e.strerror or e}")


@app.command("apply")
def apply_patches(
    patches: Annotated[
        list[Path], typer.Argument(help="Patch files, or folders of *.patch files (as `fix --patch-dir` writes).")
    ],
) -> None:
    """Apply reviewed, perhaps hand-edited patches to the files they name (relative to the working folder).

    A patch is refused whole when a file it names has changed since it was made; the others are still applied.
    Exit 2 if any patch was refused.
    """
    tally = Tally()
    for path in [q for p in patches for q in (sorted(p.rglob("*.patch")) if p.is_dir() else [p])]:
        tally.applied += _apply_one(path, tally)
    err.print(f"Applied {tally.applied} patch(es), changing {tally.changed} file(s).")
    raise typer.Exit(2 if tally.errors else 0)


def _apply_one(path: Path, tally: Tally) -> bool:
    """Apply every file of one patch, or none of them: a patch with one stale file is stale as a whole."""
    try:
        files = parse_patch(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, PatchError) as e:
        _error(tally, f"{escape(str(path))}: cannot read the patch: {escape(getattr(e, 'strerror', None) or str(e))}")
        return False
    updates = []
    for fp in files:
        try:
            src = source.read(fp.path)
            # Patches see a BOM as part of the first line, as git does (see _diff).
            patched = apply_patch(fp, ("\ufeff" if src.bom else "") + src.text, src.encode())
            if patched.startswith("\ufeff"):
                src, patched = dataclasses.replace(src, bom=True), patched[1:]
            elif src.bom:
                src = dataclasses.replace(src, bom=False)
            updates.append((src, patched))
        except source.SourceError as e:
            _error(tally, escape(f"{path}: refused: {e}"))
            return False
        except PatchError as e:
            _error(tally, escape(f"{path}: refused: {fp.path}: {e}"))
            return False
    for src, text in updates:
        if src.encode(text) != Path(src.path).read_bytes():
            try:
                source.write(src, text)
            except source.SourceError as e:
                _error(tally, escape(str(e)))
                continue
            tally.changed += 1
    return True


@app.command("review")
@_guard
def review_fixes(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (a folder means its .txt and .md files).")],
    unsafe_fixes: Unsafe = False,
    select: Select = None,
    ignore: Ignore = None,
) -> None:
    """Show each proposed fix in context and ask: y apply it, n leave it, s skip the rest of the file, q quit.

    The accepted fixes of each file are written when its review ends (quitting keeps what was accepted).
    """
    if "-" in paths or not sys.stdin.isatty():
        err.print(
            "[red]error[/red]: copyedit review asks about each fix, so it needs a terminal and named files; "
            "without one, use `copyedit fix --patch-dir DIR` and `copyedit apply DIR`"
        )
        raise typer.Exit(2)
    tally = Tally()
    out = Console(highlight=False)
    lt = _languagetool(None)
    for job in _jobs(paths, {"select": select, "ignore": ignore, "stdin_filename": "-"}, tally, progress=False):
        unsafe = unsafe_fixes or job.config.unsafe_fixes
        hook = lt.hook(job.config, job.select, job.ignore)
        found = engine.proposals(job.src.text, job.src.markup, unsafe, job.rules, job.config, hook)
        outcome = review.review_file(out, job.src, found)
        if outcome.accepted:
            try:
                review.write(job.src, outcome.accepted)
                tally.applied, tally.changed = tally.applied + len(outcome.accepted), tally.changed + 1
            except source.SourceError as e:
                _error(tally, escape(str(e)))
        if outcome.quit:
            break
    err.print(f"Applied {tally.applied} fix(es) in {tally.changed} file(s).")
    raise typer.Exit(2 if tally.errors else 0)


def _languagetool(setting: str | None) -> languagetool.Session:
    """LanguageTool for this run: a bad --languagetool is a usage error; an unusable server only a warning."""
    if setting is not None and not languagetool.is_setting(setting):
        err.print(f"[red]error[/red]: --languagetool must be off, local or an http(s) URL, not {escape(setting)!r}")
        raise typer.Exit(2)
    return languagetool.Session(lambda line: err.print(f"[yellow]warning[/yellow]: {escape(line)}"), setting)


@app.command("config")
def show_config(
    path: Annotated[str, typer.Argument(help="A file or folder; default: the working folder.")] = ".",
) -> None:
    """Print the effective configuration for a file or folder, and the file it comes from."""
    try:
        cfg = config.for_folder(path) if Path(path).is_dir() else config.for_path(path)
    except config.ConfigError as e:
        err.print(f"[red]error[/red]: {e}")
        raise typer.Exit(2) from None
    typer.echo(cfg.as_toml(), nl=False)


def _diff(src: source.Source, new: str, name: str) -> str:
    """The file's diff as git sees its bytes: a BOM is part of the first line, so the patch applies to it."""
    bom = "\ufeff" if src.bom else ""
    return unified_diff(bom + src.text, bom + new, name)


def _diff_path(path: str) -> str:
    """The path as a diff names it: relative, with forward slashes, so `git apply` finds the file."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix().lstrip("/")
    return p.as_posix()


@app.command("rules")
def list_rules(
    output_format: Annotated[str, typer.Option("--format", help="table, or markdown (docs/rules.md).")] = "table",
) -> None:
    """List every rule: code, name, fix safety and what it finds."""
    if output_format == "markdown":
        typer.echo(report.rules_markdown(engine.select_rules()), nl=False)
        return
    table = Table("code", "name", "fix", "what it finds")
    for r in engine.select_rules():
        table.add_row(r.code, r.name, r.safety.value, r.summary)
    Console().print(table)


@app.command("rule")
def explain(code: str) -> None:
    """Explain one rule, with its examples."""
    r = {x.code: x for x in engine.select_rules()}.get(code.upper())
    if r is None:
        err.print(f"[red]error[/red]: no rule {code!r}; `copyedit rules` lists them")
        raise typer.Exit(2)
    out = Console(highlight=False)
    out.print(f"[bold]{r.code}[/bold] {r.name} (fix: {r.safety.value}, severity: {r.severity.value})\n")
    out.print(Markdown(r.doc or r.message))
    for ex in r.examples:
        rows = [("bad", ex.text), ("fixed", ex.fixed)] if ex.bad is not None else [("ok", ex.text)]
        out.print()
        for label, text in rows:
            if text is not None:
                out.print(f"  {label + ':':7}{text}", markup=False)


app.add_typer(server_app, name="server")


def main() -> None:
    """Run the command in this process (`copyedit.client.main` is the console script, which may hand it to a
    server first)."""
    app()
