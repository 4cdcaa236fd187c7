"""The command line: argument parsing, output and exit codes; the work is in the library."""

from __future__ import annotations

import dataclasses
import shutil
import sys
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.progress import track
from rich.table import Table

from copyedit import apply as applying
from copyedit import baseline, config, engine, languagetool, report, review, runner, source
from copyedit.cache import Cache
from copyedit.cli_server import server_app
from copyedit.model import Severity
from copyedit.nlp import ModelNotFound
from copyedit.patch import digest, patch_header, unified_diff
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
Markup = Annotated[
    str,
    typer.Option(
        "--markup",
        help="How to read the files: auto (by extension: .md and .markdown are Markdown, .txt and names without "
        "an extension plain text, a file named with any other extension is refused), text or markdown. "
        "Folders still yield only .txt, .md and .markdown files.",
    ),
]
LanguageTool = Annotated[
    str | None,
    typer.Option(
        "--languagetool",
        help="Also ask LanguageTool: off, local (needs the languagetool extra and Java) or a server URL; "
        "overrides the `languagetool` setting.",
    ),
]


HtmlPage = Annotated[
    Path | None,
    typer.Option(
        "--html",
        dir_okay=False,
        help="Write nothing else: write this HTML page, where an editor accepts or rejects each change in a browser "
        "and downloads a patch of the accepted ones.",
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


def _warn(message: str) -> None:
    err.print(f"[yellow]warning[/yellow]: {escape(message)}", markup=True, highlight=False)


def _jobs(paths: list[str], opts: dict, tally: Tally, progress: bool = True) -> Iterator[Job]:
    """Each readable input with its configuration; a bad file or configuration is reported and skipped."""
    found = source.discover(paths)
    warned: set[str | None] = set()
    for path, named in _progress(found) if progress else found:
        try:
            cfg = config.for_path(path)
            if cfg.path not in warned:
                warned.add(cfg.path)
                _warn_unknown_codes(_config_codes(cfg), f"{source.display(cfg.path or '')}: ")
            if not named and not cfg.wants(path):
                continue
            name = opts["stdin_filename"] if path == "-" else path
            chosen = source.markup_for(name, opts.get("markup", "auto"))
            if path == "-":
                src, stdin = source.decode(name, _stdin(opts)), True
            else:
                src, stdin = source.read(path), False
            src = dataclasses.replace(src, chosen_markup=chosen)
        except (source.SourceError, config.ConfigError) as e:
            _error(tally, escape(str(e)))
            continue
        select, ignore = cfg.selected(tuple(opts["select"] or ()), tuple(opts["ignore"] or ()) + cfg.ignored_for(name))
        yield Job(src, stdin, cfg, engine.select_rules(select, ignore), select, ignore)


def _stdin(opts: dict) -> bytes:
    """Standard input's bytes, read once, and no more than a file may hold (plus one byte, to tell it was more)."""
    if "stdin_bytes" not in opts:
        opts["stdin_bytes"] = sys.stdin.buffer.read(source.MAX_BYTES + 1)
    return opts["stdin_bytes"]


def _give_back_stdin(opts: dict) -> None:
    """`fix -` failed: print standard input unchanged (all of it), so an editor's filter never empties a buffer."""
    if opts.get("stdin_written"):
        return
    opts["stdin_written"] = True
    sys.stdout.flush()
    sys.stdout.buffer.write(_stdin(opts))
    shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _config_codes(cfg: config.Config) -> dict[str, Iterable[str] | None]:
    """The rule codes a configuration file names, by key."""
    per_file = [code for _, codes in cfg.per_file_ignores for code in codes]
    listed = {"select": cfg.select, "extend-select": cfg.extend_select, "ignore": cfg.ignore}
    return {**listed, "per-file-ignores": per_file}


def _warn_unknown_codes(chosen: dict[str, Iterable[str] | None], where: str = "") -> None:
    """One warning line for the rule-code prefixes that match no rule, so that a typo in `--select` is not a
    silent no-op. `LT:` codes are LanguageTool's, which are open-ended, so they are never unknown."""
    named = [(option, prefix) for option, prefixes in chosen.items() for prefix in dict.fromkeys(prefixes or ())]
    codes = tuple(engine.catalogue()) if named else ()
    unknown = [
        (option, prefix)
        for option, prefix in named
        if not any(c.startswith(prefix) for c in codes)
        and not (languagetool.PREFIX.startswith(prefix) or prefix.startswith(languagetool.PREFIX))
    ]
    if unknown:
        hint = " (codes are upper case)" if any(p != p.upper() for _, p in unknown) else ""
        listed = ", ".join(f"{option} {prefix}" for option, prefix in unknown)
        _warn(f"{where}{listed}: no such rule{hint}; `copyedit rules` lists them")


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
    results = runner.run(tasks, runner.default_jobs(opts.get("jobs")), store, extras)
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
    markup: Markup = "auto",
) -> None:
    """Report findings as path:line:col: CODE message. Exit 0 when clean or only suggestions are left, 1 with
    other findings, 2 on error."""
    fmt = _check_format(output_format)
    _check_options(select, ignore, markup)
    _check_baseline_target(write_baseline)
    tally = Tally()
    reports: list[report.FileReport] = []
    opts = {"select": select, "ignore": ignore, "stdin_filename": stdin_filename, "jobs": jobs, "no_cache": no_cache}
    opts["markup"] = markup
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
        try:
            count = baseline.write(write_baseline, reports)
        except baseline.BaselineError as e:
            err.print(f"[red]error[/red]: {escape(str(e))}")
            raise typer.Exit(2) from None
        err.print(f"Wrote {count} finding(s) to the baseline {escape(source.display(str(write_baseline)))}.")
        raise typer.Exit(2 if tally.errors else 0)
    _emit(fmt, reports)
    if tally.findings:
        err.print(f"Found {tally.findings} finding(s); {tally.fixable} fixable with `copyedit fix`.")
    raise typer.Exit(2 if tally.errors else 1 if tally.failing and not exit_zero else 0)


def _check_options(select: list[str] | None, ignore: list[str] | None, markup: str) -> None:
    """A bad --markup is a usage error (exit 2); a --select or --ignore code that matches no rule, a warning."""
    if markup not in source.MARKUPS:
        err.print(f"[red]error[/red]: --markup must be one of {', '.join(source.MARKUPS)}, not {escape(repr(markup))}")
        raise typer.Exit(2)
    _warn_unknown_codes({"--select": select, "--ignore": ignore})


def _check_baseline_target(path: Path | None) -> None:
    """Refuse a --write-baseline that cannot be written before the run, not after it (exit 2)."""
    if path is None:
        return
    name = escape(source.display(str(path)))
    if path.is_dir():
        err.print(f"[red]error[/red]: --write-baseline {name}: is a folder; name a file, such as {name}/baseline.json")
        raise typer.Exit(2)
    if not path.parent.is_dir():
        folder = escape(source.display(str(path.parent)))
        err.print(f"[red]error[/red]: --write-baseline {name}: there is no folder {folder}; create it first")
        raise typer.Exit(2)


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
    markup: Markup = "auto",
    html: HtmlPage = None,
) -> None:
    """Apply safe fixes in place (or print them as a diff). Standard input (-) is fixed to standard output; on
    any error it is printed unchanged (exit 2), so an editor's filter never empties a buffer."""
    opts = {"select": select, "ignore": ignore, "stdin_filename": stdin_filename, "jobs": jobs, "no_cache": no_cache}
    opts.update(unsafe_fixes=unsafe_fixes, markup=markup, exit_zero=exit_zero)
    if html is not None:
        _html_review(paths, opts, languagetool_setting, html)  # exits
    if "-" not in paths or diff or patch_dir:
        _fix_all(paths, opts, lt=languagetool_setting, diff=diff, patch_dir=patch_dir)  # exits
    _stdin(opts)  # read before anything can fail, so it can be given back
    try:
        _fix_all(paths, opts, lt=languagetool_setting)
    except typer.Exit as e:
        if e.exit_code == 2:
            _give_back_stdin(opts)
        raise
    except ModelNotFound:
        _give_back_stdin(opts)
        raise  # _guard says what is missing
    except Exception:
        _give_back_stdin(opts)
        traceback.print_exc()
        raise typer.Exit(2) from None


def _fix_all(
    paths: list[str], opts: dict, lt: str | None, diff: bool = False, patch_dir: Path | None = None
) -> NoReturn:
    """`fix`'s work; the summary counts a file only once it is written (or, with --diff, would be)."""
    _check_options(opts["select"], opts["ignore"], opts["markup"])
    tally = Tally()
    session = _languagetool(lt)
    for job, result in _run_jobs(list(_jobs(paths, opts, tally, progress=False)), opts, session, fix=True):
        src = job.src
        changed = result.text != src.text
        if not result.converged:
            _warn(f"{source.display(src.path)}: fixes did not settle after {engine.MAX_PASSES} passes")
        done = True
        if diff or patch_dir:
            if diff:
                _print_diff(_diff(src, result.text, _diff_path(src.path)))
            if patch_dir and changed:
                _write_patch(patch_dir, src, result, tally)
        elif job.from_stdin:
            sys.stdout.buffer.write(src.encode(result.text))
            opts["stdin_written"] = True
        elif changed:
            try:
                source.write(src, result.text)
            except source.SourceError as e:
                _error(tally, escape(str(e)))
                done = False
        if done:
            tally.applied += len(result.applied)
            tally.changed += changed
    verb = "Would fix" if diff or patch_dir else "Fixed"
    err.print(f"{verb} {tally.applied} finding(s) in {tally.changed} file(s).")
    failing = (diff or patch_dir) and tally.changed and not opts["exit_zero"]
    raise typer.Exit(2 if tally.errors else 1 if failing else 0)


def _print_diff(text: str) -> None:
    """A diff on standard output, with a file name that is not UTF-8 as its own bytes, as `diff` prints it."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()


def _write_patch(folder: Path, src: source.Source, result: engine.FixResult, tally: Tally) -> None:
    """Write folder/<path>.patch: a header naming each edit and the file's sha256, then the diff `--diff` prints."""
    name = _diff_path(src.path)
    notes = []
    lines = report.LineIndex(src.text)
    for f, at in zip(result.applied, result.origins, strict=True):
        line, col = lines.position(at)
        notes.append(f"{f.code} {line}:{col} {f.message}")
    text = patch_header(name, digest(src.encode()), notes) + _diff(src, result.text, name)
    target = folder.joinpath(*[part for part in Path(name + ".patch").parts if part not in ("..", "/")])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    except OSError as e:
        _error(tally, f"{target}: cannot write: {e.strerror or e}")


def _html_review(paths: list[str], opts: dict, lt: str | None, out: Path) -> NoReturn:
    """`fix --html`: the review page of the fixes one pass proposes; nothing is written to the files.
    Exit as `--diff` does: 1 when a change is proposed."""
    from copyedit import html_review

    if "-" in paths:
        err.print("[red]error[/red]: --html needs named files, not standard input")
        raise typer.Exit(2)
    _check_options(opts["select"], opts["ignore"], opts["markup"])
    tally = Tally()
    session = _languagetool(lt)
    files = []
    for job, found in _run_jobs(list(_jobs(paths, opts, tally, progress=False)), opts, session):
        unsafe = bool(opts["unsafe_fixes"]) or job.config.unsafe_fixes
        hook = session.hook(job.config, job.select, job.ignore)

        def propose(job: Job = job, unsafe: bool = unsafe, hook: Any = hook) -> list:
            return engine.proposals(job.src.text, job.src.markup, unsafe, job.rules, job.config, hook)

        files.append(html_review.review_of(job.src, _diff_path(job.src.path), found, unsafe, propose))
    proposed = _write_html(out, files, [], tally)
    failing = proposed and not opts["exit_zero"]
    raise typer.Exit(2 if tally.errors else 1 if failing else 0)


def _html_from_patches(patches: list[Path], out: Path) -> NoReturn:
    """`apply --html`: the review page of patch files, read with the files they name; nothing is applied."""
    from copyedit import html_review

    tally = Tally()
    found = html_review.from_patches(applying.patch_files(patches))
    for message in found.errors:
        _error(tally, escape(message))
    _write_html(out, found.files, found.errors, tally)
    raise typer.Exit(2 if tally.errors else 0)


def _write_html(out: Path, files: list, errors: list[str], tally: Tally) -> int:
    """Write the page and say what it holds; the number of changes it proposes."""
    from copyedit import html_review

    changes = sum(len(f.changes) for f in files)
    try:
        html_review.write_page(out, files, errors)
    except OSError as e:
        _error(tally, escape(f"{source.display(str(out))}: cannot write: {e.strerror or e}"))
        return changes
    shown = sum(bool(f.changes or f.comments) for f in files)
    err.print(f"Wrote {escape(source.display(str(out)))}: {changes} change(s) to review in {shown} file(s).")
    return changes


@app.command("apply")
def apply_patches(
    patches: Annotated[
        list[Path], typer.Argument(help="Patch files, or folders of *.patch files (as `fix --patch-dir` writes).")
    ],
    html: HtmlPage = None,
) -> None:
    """Apply reviewed, perhaps hand-edited patches to the files they name (relative to the working folder).

    A patch is refused whole when a file it names has changed since it was made, or lies outside the working
    folder, in .git or beyond a symbolic link; the others are still applied. Exit 2 if any patch was refused.
    """
    if html is not None:
        _html_from_patches(patches, html)  # exits
    tally = Tally()
    for path in applying.patch_files(patches):
        outcome = applying.apply_file(path)
        for message in outcome.errors:
            _error(tally, escape(message))
        tally.applied += outcome.applied
        tally.changed += len(outcome.changed)
    err.print(f"Applied {tally.applied} patch(es), changing {tally.changed} file(s).")
    raise typer.Exit(2 if tally.errors else 0)


@app.command("review")
@_guard
def review_fixes(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (a folder means its .txt and .md files).")],
    unsafe_fixes: Unsafe = False,
    select: Select = None,
    ignore: Ignore = None,
    markup: Markup = "auto",
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
    _check_options(select, ignore, markup)
    tally = Tally()
    out = Console(highlight=False)
    lt = _languagetool(None)
    opts = {"select": select, "ignore": ignore, "stdin_filename": "-", "markup": markup}
    for job in _jobs(paths, opts, tally, progress=False):
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


@app.command("lsp")
def language_server(
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Accepted for clients that add it: standard I/O is the only transport.")
    ] = False,
) -> None:
    """Run a language server for editors (LSP over standard input and output): diagnostics as you type in
    Markdown and plain-text documents, quick fixes, fix all, and "ignore here". Client options: select, ignore,
    unsafe-fixes, debounce (ms), ruleDocs (a URL with {code} or {anchor})."""
    from copyedit.lsp import serve

    serve()


app.add_typer(server_app, name="server")


def main() -> None:
    """Run the command in this process (`copyedit.client.main` is the console script, which may hand it to a
    server first)."""
    app()
