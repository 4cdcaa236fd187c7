"""The command line as a user meets it: output format, exit codes, bad files among good ones, stdin, diffs."""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit.cli import app

DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
FIXED = "Talks between Washington and Beijing resumed on Monday.\n\nHe could have given more.\n"
CLEAN = "Nobody expected that. Which side will blink first?\n"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3}) \S.*$")

runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "damaged.txt").write_text(DAMAGED)
    (tmp_path / "clean.md").write_text(CLEAN)
    return tmp_path


def test_check_reports_path_line_col_code(files: Path) -> None:
    r = run("check", str(files))
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    parsed = [LINE.match(x) for x in lines]
    assert all(parsed)
    assert [(m["line"], m["col"], m["code"]) for m in parsed] == [("1", "14", "FRG001"), ("3", "15", "VRB001")]
    assert parsed[0]["path"].endswith("damaged.txt")
    assert "2 finding(s)" in r.stderr


def test_check_clean_exits_zero(files: Path) -> None:
    r = run("check", str(files / "clean.md"))
    assert (r.exit_code, r.stdout) == (0, "")


def test_bad_file_is_named_and_others_still_run(files: Path) -> None:
    (files / "latin1.txt").write_bytes("Caf\u00e9.".encode("latin-1"))
    r = run("check", str(files))
    assert r.exit_code == 2
    assert "latin1.txt: not valid UTF-8" in r.stderr
    assert len(r.stdout.splitlines()) == 2  # the damaged file was still checked
    r = run("fix", str(files))
    assert r.exit_code == 2
    assert (files / "damaged.txt").read_text() == FIXED


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    r = run("check", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2
    assert "nope.txt: cannot read" in r.stderr


def test_fix_in_place_then_nothing_left(files: Path) -> None:
    r = run("fix", str(files))
    assert r.exit_code == 0
    assert (files / "damaged.txt").read_text() == FIXED
    assert (files / "clean.md").read_text() == CLEAN
    assert run("check", str(files)).exit_code == 0


def test_fix_diff_writes_nothing_and_applies_with_git(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(files)  # diff paths are relative to the working folder
    r = run("fix", "--diff", ".")
    assert r.exit_code == 1
    assert (files / "damaged.txt").read_text() == DAMAGED
    assert r.stdout.startswith("--- a/damaged.txt\n+++ b/damaged.txt\n")
    subprocess.run(["git", "apply", "-"], input=r.stdout.encode(), cwd=files, check=True)
    assert (files / "damaged.txt").read_text() == FIXED
    assert run("fix", "--diff", str(files)).exit_code == 0


def test_stdin_to_stdout_keeps_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + DAMAGED.replace("\n", "\r\n").encode()
    r = run("fix", "-", stdin=data)
    assert r.exit_code == 0
    assert r.stdout_bytes == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()
    r = run("check", "-", "--stdin-filename", "piece.md", stdin=DAMAGED)
    assert r.stdout.startswith("piece.md:1:14: FRG001")


def test_fix_in_place_keeps_crlf_bom_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(codecs.BOM_UTF8 + DAMAGED.replace("\n", "\r\n").encode())
    path.chmod(0o600)
    assert run("fix", str(path)).exit_code == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()
    assert path.stat().st_mode & 0o777 == 0o600


def test_select_and_ignore(files: Path) -> None:
    r = run("check", "--select", "VRB", str(files))
    assert [LINE.match(x)["code"] for x in r.stdout.splitlines()] == ["VRB001"]
    r = run("check", "--ignore", "VRB", "--ignore", "FRG", str(files))
    assert (r.exit_code, r.stdout) == (0, "")


def test_rules_and_rule() -> None:
    r = run("rules")
    assert r.exit_code == 0
    for code in ("FRG001", "FRG002", "FRG003", "POS001", "VRB001", "NEG001", "HDL001"):
        assert code in r.stdout
    r = run("rule", "vrb001")
    assert r.exit_code == 0
    assert "verb-form-after-auxiliary" in r.stdout
    assert "bad:" in r.stdout and "fixed:" in r.stdout and "ok:" in r.stdout
    r = run("rule", "XYZ999")
    assert r.exit_code == 2
    assert "no rule" in r.stderr


def test_missing_model_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DAMAGED)
    env = {**os.environ, "COPYEDIT_SPACY_MODEL": "no_such_model_xyz"}
    p = subprocess.run(
        [sys.executable, "-m", "copyedit", "check", str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0
    assert "no_such_model_xyz" in p.stderr and "pip install" in p.stderr
    assert "Traceback" not in p.stderr


def test_configuration_is_obeyed_per_file(tmp_path: Path) -> None:
    from copyedit import config

    config.for_folder.cache_clear()
    (tmp_path / "pyproject.toml").write_text('[tool.copyedit]\nper-file-ignores = { "drafts/*" = ["VRB"] }\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text(DAMAGED)
    (tmp_path / "a.txt").write_text(DAMAGED)
    r = run("check", str(tmp_path))
    codes = [(Path(m["path"]).name, m["code"]) for m in map(LINE.match, r.stdout.splitlines())]
    assert codes == [("a.txt", "FRG001"), ("a.txt", "VRB001"), ("d.txt", "FRG001")]
    (tmp_path / ".copyedit.toml").write_text("selekt = []\n")
    config.for_folder.cache_clear()
    r = run("check", str(tmp_path))
    assert r.exit_code == 2 and ".copyedit.toml: `selekt` is not a setting" in r.stderr
    config.for_folder.cache_clear()


def test_gitignored_and_excluded_files_are_not_walked(tmp_path: Path) -> None:
    from copyedit import config

    config.for_folder.cache_clear()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / ".copyedit.toml").write_text('exclude = ["archive"]\n')
    for name in ("build/x.txt", "archive/y.txt", "news/z.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(DAMAGED)
    r = run("check", str(tmp_path))
    assert {Path(m["path"]).name for m in map(LINE.match, r.stdout.splitlines())} == {"z.txt"}
    r = run("check", str(tmp_path / "archive" / "y.txt"))  # named on the command line: checked
    assert r.exit_code == 1
    config.for_folder.cache_clear()


def test_config_command_prints_effective_settings(tmp_path: Path) -> None:
    from copyedit import config

    config.for_folder.cache_clear()
    (tmp_path / ".copyedit.toml").write_text('ignore = ["frg003"]\napostrophe = "curly"\n')
    r = run("config", str(tmp_path))
    assert r.exit_code == 0
    assert f"# from {tmp_path / '.copyedit.toml'}" in r.stdout
    assert 'ignore = ["FRG003"]' in r.stdout and 'apostrophe = "curly"' in r.stdout
    config.for_folder.cache_clear()


def test_suggestions_are_printed_never_applied_and_do_not_fail_check(tmp_path: Path) -> None:
    text = "In conclusion, the plan failed.\n"
    path = tmp_path / "filler.txt"
    path.write_text(text)
    r = run("check", str(path))
    assert r.exit_code == 0  # a suggestion is shown but does not fail the run (ruff and Vale do the same)
    assert [LINE.match(x)["code"] for x in r.stdout.splitlines()] == ["STY002"]
    assert run("fix", "--unsafe-fixes", str(path)).exit_code == 0
    assert path.read_text() == text  # display-only: never applied
    path.write_text(text + "\n" + DAMAGED)
    assert run("check", str(path)).exit_code == 1  # other findings still fail


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    """Over many files, a progress bar goes to a terminal's standard error, never into piped output."""
    import pexpect

    for i in range(25):
        (tmp_path / f"a{i:02}.txt").write_text("Talks resumed on Monday.\n")
    exe = str(Path(sys.executable).with_name("copyedit"))
    piped = subprocess.run([exe, "check", str(tmp_path)], capture_output=True, text=True)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, "", "")
    child = pexpect.spawn(exe, ["check", str(tmp_path)], env={**os.environ, "COLUMNS": "100"}, timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and b"copyedit" in child.before


def test_diff_of_a_bom_file_applies_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The BOM is part of the file's first line for git: the diff must carry it, or the first hunk fails."""
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + DAMAGED.replace("\n", "\r\n").encode())
    monkeypatch.chdir(tmp_path)
    r = run("fix", "--diff", "bom.txt")
    subprocess.run(["git", "apply", "-"], input=r.stdout_bytes, cwd=tmp_path, check=True)
    assert path.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()


def test_odd_file_names_are_checked_and_quoted(tmp_path: Path) -> None:
    """A name that is not UTF-8 stops nothing (it was a traceback and no file checked); it and a name with a line
    break are quoted as git quotes them, so each finding stays one line."""
    folder = os.fsencode(tmp_path)
    for name in (b"caf\xe9.md", b"a\nb.md", b"ok.md"):
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(DAMAGED.encode())
    r = run("check", str(tmp_path))
    assert r.exit_code == 1, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 6 and all(LINE.match(x) for x in lines)
    assert lines[0].startswith(f'"{tmp_path}/a\\nb.md":1:14: FRG001')
    assert lines[2].startswith(f'"{tmp_path}/caf\\351.md":1:14: FRG001')
    r = run("check", "--format", "github", str(tmp_path))
    assert len(r.stdout.splitlines()) == 6 and "a%0Ab.md" in r.stdout and "caf\\xe9.md" in r.stdout
    baseline = tmp_path / "baseline.json"
    assert run("check", "--write-baseline", str(baseline), str(tmp_path)).exit_code == 0
    assert run("check", "--baseline", str(baseline), str(tmp_path)).exit_code == 0
    r = run("fix", "--diff", str(tmp_path))
    assert r.exit_code == 1 and b"caf\xe9.md" in r.stdout_bytes
    assert run("fix", str(tmp_path)).exit_code == 0
    with open(os.path.join(folder, b"caf\xe9.md"), "rb") as fh:
        assert fh.read() == FIXED.encode()


def test_other_markup_is_refused_unless_markup_text(tmp_path: Path) -> None:
    """reStructuredText read as plain text would have its code blocks edited."""
    path = tmp_path / "notes.rst"
    path.write_text(DAMAGED)
    (tmp_path / "ok.txt").write_text(DAMAGED)
    r = run("fix", str(path), str(tmp_path / "ok.txt"))
    assert r.exit_code == 2 and path.read_text() == DAMAGED and (tmp_path / "ok.txt").read_text() == FIXED
    assert r.stderr.splitlines()[0] == (
        f"error: {path}: not a supported format (.rst; copyedit reads .txt, .md and .markdown); "
        "use --markup text to check it as plain text"
    )
    r = run("check", "--markup", "text", str(path))
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 2
    assert run("check", "-", "--stdin-filename", "a.adoc", stdin=DAMAGED).exit_code == 2
    assert run("check", str(tmp_path)).exit_code == 0  # a folder still yields only .txt and .md files
    r = run("check", "--markup", "rst", str(path))
    assert r.exit_code == 2 and "--markup must be one of auto, text, markdown" in r.stderr


def test_markup_markdown_masks_code_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("```\n" + DAMAGED + "```\n")
    assert run("check", str(path)).exit_code == 1
    r = run("check", "--markup", "markdown", str(path))
    assert (r.exit_code, r.stdout) == (0, "")


def test_summary_counts_only_written_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copyedit import source

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(DAMAGED)
    real = source.write

    def refuse_b(src: source.Source, text: str) -> None:
        if src.path.endswith("b.txt"):
            raise source.SourceError(f"{src.path}: the file changed while copyedit worked on it; not written")
        real(src, text)

    monkeypatch.setattr(source, "write", refuse_b)
    r = run("fix", str(tmp_path))
    assert r.exit_code == 2 and "Fixed 4 finding(s) in 2 file(s)." in r.stderr


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_write_baseline_that_cannot_be_written_is_one_line(files: Path, where: str) -> None:
    target = files if where == "folder" else files / "no" / "such" / "baseline.json"
    r = run("check", "--write-baseline", str(target), str(files))
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: --write-baseline {target}: ")


def test_baseline_write_error_is_one_line(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    r = run("check", "--no-cache", "--write-baseline", str(files / "b.json"), str(files))
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: {files / 'b.json'}: cannot write the baseline: No space left on device"


def test_fix_writes_through_a_symlink(files: Path) -> None:
    link = files / "link.txt"
    link.symlink_to("damaged.txt")
    r = run("fix", str(link))
    assert r.exit_code == 0 and link.is_symlink() and (files / "damaged.txt").read_text() == FIXED


def test_unknown_rule_codes_are_a_warning(files: Path) -> None:
    r = run("check", "--select", "NOPE", "--select", "VRB", "--ignore", "frg", str(files / "clean.md"))
    assert r.exit_code == 0
    assert r.stderr == (
        "warning: --select NOPE, --ignore frg: no such rule (codes are upper case); `copyedit rules` lists them\n"
    )
    r = run("check", "--select", "VRB001", "--select", "LT:EN_A_VS_AN", "--ignore", "LT", str(files / "clean.md"))
    assert r.stderr == ""


def test_jobs_are_capped_by_cores_and_memory(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from copyedit import runner

    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(runner, "_available_memory", lambda: 100 * 2**30)
    assert (runner.default_jobs(), runner.default_jobs(64), runner.default_jobs(1)) == (2, 2, 1)
    monkeypatch.setattr(runner, "_available_memory", lambda: runner.WORKER_BYTES + 1)
    assert runner.default_jobs(64) == 1
    seen = []
    real = runner.run
    monkeypatch.setattr(runner, "run", lambda tasks, jobs, *a: seen.append(jobs) or real(tasks, 1, *a))
    run("check", "--jobs", "64", str(files))
    assert seen == [1]


@pytest.mark.parametrize(
    ("args", "data"),
    [
        ((), "Caf\u00e9.\n".encode("latin-1")),
        (("--stdin-filename", "a.rst"), DAMAGED.encode()),
        (("--markup", "html"), DAMAGED.encode()),
        (("--languagetool", "ftp://x"), DAMAGED.encode()),
    ],
)
def test_fix_stdin_gives_the_input_back_on_error(args: tuple[str, ...], data: bytes) -> None:
    """An editor filters its buffer through `fix -`: output nothing and the buffer is emptied."""
    r = run("fix", *args, "-", stdin=data)
    assert (r.exit_code, r.stdout_bytes) == (2, data)


def test_fix_stdin_gives_the_input_back_when_fixing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from copyedit import engine

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "fix_text", broken)
    r = run("fix", "--no-cache", "-", stdin=DAMAGED)
    assert (r.exit_code, r.stdout) == (2, DAMAGED)
