"""The command line: argument parsing, output and exit codes; the work is in the library."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from copyedit import engine, source
from copyedit.model import Finding
from copyedit.nlp import ModelNotFound
from copyedit.patch import unified_diff

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


@dataclass
class Tally:
    """What a run saw, for the summary line and the exit code."""

    findings: int = 0
    fixable: int = 0
    changed: int = 0
    errors: int = 0
    applied: int = 0
    files: list[str] = field(default_factory=list)


def _sources(paths: list[str], stdin_name: str, tally: Tally) -> Iterator[tuple[source.Source, bool]]:
    """Each readable input as a Source, and whether it came from standard input; a bad one is reported and skipped."""
    for path in source.discover(paths):
        try:
            if path == "-":
                yield source.decode(stdin_name, sys.stdin.buffer.read()), True
            else:
                yield source.read(path), False
        except source.SourceError as e:
            tally.errors += 1
            err.print(f"[red]error[/red]: {e}")


def _location(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _print_finding(path: str, text: str, f: Finding) -> None:
    line, col = _location(text, f.start)
    typer.echo(f"{path}:{line}:{col}: {f.code} {f.message}")


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


@app.command()
@_guard
def check(
    paths: Paths,
    select: Select = None,
    ignore: Ignore = None,
    unsafe_fixes: Unsafe = False,
    stdin_filename: StdinName = "-",
) -> None:
    """Report findings as path:line:col: CODE message. Exit 0 when clean, 1 with findings, 2 on error."""
    rules = engine.select_rules(select, ignore or ())
    tally = Tally()
    for src, _ in _sources(paths, stdin_filename, tally):
        for f in engine.check_text(src.text, src.markup, rules):
            _print_finding(src.path, src.text, f)
            tally.findings += 1
            tally.fixable += engine.applicable(f, unsafe_fixes)
    if tally.findings:
        err.print(f"Found {tally.findings} finding(s); {tally.fixable} fixable with `copyedit fix`.")
    raise typer.Exit(2 if tally.errors else 1 if tally.findings else 0)


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
) -> None:
    """Apply safe fixes in place (or print them as a diff). Standard input (-) is fixed to standard output."""
    rules = engine.select_rules(select, ignore or ())
    tally = Tally()
    for src, from_stdin in _sources(paths, stdin_filename, tally):
        result = engine.fix_text(src.text, src.markup, unsafe_fixes, rules)
        tally.applied += len(result.applied)
        changed = result.text != src.text
        tally.changed += changed
        if not result.converged:
            err.print(f"[yellow]warning[/yellow]: {src.path}: fixes did not settle after {engine.MAX_PASSES} passes")
        if diff:
            sys.stdout.write(unified_diff(src.text, result.text, _diff_path(src.path)))
        elif from_stdin:
            sys.stdout.buffer.write(src.encode(result.text))
        elif changed:
            try:
                source.write(src, result.text)
            except source.SourceError as e:
                tally.errors += 1
                err.print(f"[red]error[/red]: {e}")
    verb = "Would fix" if diff else "Fixed"
    err.print(f"{verb} {tally.applied} finding(s) in {tally.changed} file(s).")
    raise typer.Exit(2 if tally.errors else 1 if diff and tally.changed else 0)


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
def list_rules() -> None:
    """List every rule: code, name, fix safety and what it finds."""
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


def main() -> None:
    """Console-script entry point."""
    app()
