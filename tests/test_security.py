"""Attacks, as a stranger's patch or another user on the machine would make them.

`copyedit apply` with a patch from a stranger: whatever the patch names, nothing outside the working folder, inside
.git, behind or at a symbolic link, or other than a regular file is written; the patch is refused with exit 2 and
one error line naming the patch and the path.

The server's socket: another user plants a folder or a socket where the client looks for its server (the temporary
folder is shared when XDG_RUNTIME_DIR is unset), or connects to a user's server. The client must send nothing (no
command line, folder or environment) to a socket it cannot prove its user's, and print what a local run prints; the
server must refuse what it cannot prove its own. These run as root, which can be any user: the attacker is uid
65534 (nobody).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit import client
from copyedit.apply import check_path
from copyedit.cli import app
from copyedit.patch import PatchError, parse_patch, unified_diff

ARTICLE = "Talks resumed on Monday.\nNobody expected that.\n"
SECRET = "aws_secret_access_key = hunter2\n"
runner = CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder, tmp/work; tmp/outside is the victim's folder next to it."""
    (tmp_path / "work").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "f.txt").write_text(SECRET)
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


def attack(path: str, old: str, new: str) -> str:
    """A patch as an attacker writes it: a plain unified diff (no copyedit header), so only the lines must match."""
    diff = unified_diff(old, new, path)
    assert diff, "the attack must change something"
    return diff


def apply(patch: str):
    Path("evil.patch").write_text(patch)
    return runner.invoke(app, ["apply", "evil.patch"])


def assert_refused(r, path: str, why: str) -> None:
    """Exit 2, and exactly one error line, which names the patch, the path and the reason."""
    assert r.exit_code == 2, r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, r.stderr
    assert errors[0].startswith("error: evil.patch: refused: ")
    assert path in errors[0] and why in errors[0], errors[0]
    assert "Applied 0 patch(es), changing 0 file(s)." in r.stderr


# Into .git: a hook or core.fsmonitor in .git/config runs the attacker's command at the next git command.


def test_patch_into_git_config_is_refused(work: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    config = work / ".git" / "config"
    before = config.read_text()
    r = apply(attack(".git/config", before, before + '[core]\n\tfsmonitor = "touch pwned"\n'))
    assert_refused(r, ".git/config", "inside git's own .git folder")
    assert config.read_text() == before


@pytest.mark.parametrize(
    "path",
    [
        ".GIT/config",  # any case: .GIT is .git on case-insensitive file systems
        ".Git/hooks/pre-commit",
        "sub/.git/hooks/post-checkout",  # a submodule's or nested repository's
        ".git./config",  # NTFS drops trailing dots and spaces
        ".git ./config",
        "GIT~1/config",  # NTFS's short name for .git
        ".git\u200c/config",  # HFS+ ignores zero-width characters
        "\ufeff.git/config",
    ],
)
def test_patch_into_a_disguised_git_folder_is_refused(work: Path, path: str) -> None:
    target = work / path
    target.parent.mkdir(parents=True)
    target.write_text("[core]\n\tbare = false\n")
    r = apply(attack(path, target.read_text(), "[core]\n\tbare = false\n\thooksPath = /tmp/evil\n"))
    assert_refused(r, repr(path)[1:-1] if not path.isprintable() else path, "inside git's own .git folder")
    assert target.read_text() == "[core]\n\tbare = false\n"


# Outside the working folder by name (refused before this change too; kept as regressions).


@pytest.mark.parametrize("name", ["{outside}", "../outside/f.txt", "news/../../outside/f.txt", "./../outside/f.txt"])
def test_patch_outside_the_working_folder_by_name_is_refused(work: Path, name: str) -> None:
    outside = work.parent / "outside" / "f.txt"
    path = name.format(outside=outside)
    r = apply(attack(path, SECRET, SECRET + "pwned\n"))
    assert_refused(r, path, "outside the working folder")
    assert outside.read_text() == SECRET


# Outside the working folder through a symbolic link.


@pytest.mark.parametrize("link", ["d", "news/d"])
@pytest.mark.parametrize("absolute", [False, True])
def test_patch_beyond_a_symlinked_folder_is_refused(work: Path, link: str, absolute: bool) -> None:
    outside = work.parent / "outside"
    (work / link).parent.mkdir(exist_ok=True)
    (work / link).symlink_to(outside if absolute else os.path.relpath(outside, (work / link).parent))
    r = apply(attack(f"{link}/f.txt", SECRET, SECRET + "pwned\n"))
    assert_refused(r, f"{link}/f.txt", f"{link} is a symbolic link")
    assert (outside / "f.txt").read_text() == SECRET
    assert sorted(p.name for p in outside.iterdir()) == ["f.txt"]  # no temporary file left there either


def test_patch_of_a_symlinked_file_is_refused(work: Path) -> None:
    """Inserting a line needs no knowledge of the file: the target's secret would be copied into the working
    folder (to be committed and pushed), or the target written through the link."""
    (work / "notes.txt").symlink_to(work.parent / "outside" / "f.txt")
    r = apply("--- a/notes.txt\n+++ b/notes.txt\n@@ -0,0 +1 @@\n+Please review.\n")
    assert_refused(r, "notes.txt", "a symbolic link")
    assert (work / "notes.txt").is_symlink()
    assert (work.parent / "outside" / "f.txt").read_text() == SECRET


def test_patch_of_a_symlink_to_a_file_inside_is_refused_too(work: Path) -> None:
    (work / "a.txt").write_text(ARTICLE)
    (work / "b.txt").symlink_to("a.txt")
    r = apply(attack("b.txt", ARTICLE, ARTICLE.replace("Monday", "Tuesday")))
    assert_refused(r, "b.txt", "a symbolic link")
    assert (work / "a.txt").read_text() == ARTICLE and (work / "b.txt").is_symlink()


# Not a regular file.


def test_patch_of_a_fifo_is_refused_without_hanging(work: Path) -> None:
    """Reading a FIFO waits for a writer that never comes: run in a subprocess, so a hang fails the test."""
    os.mkfifo(work / "pipe.txt")
    (work / "evil.patch").write_text("--- a/pipe.txt\n+++ b/pipe.txt\n@@ -0,0 +1 @@\n+x\n")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "copyedit", "apply", "evil.patch"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("copyedit apply hung on a FIFO")
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: evil.patch: refused: pipe.txt: a FIFO, not a regular file; copyedit changes only regular files"
    ]
    assert stat.S_ISFIFO((work / "pipe.txt").lstat().st_mode)


def test_patch_of_a_device_is_refused(work: Path) -> None:
    """A copy of /dev/null reads as an empty file; writing would replace the device (or write to it)."""
    try:
        os.mknod(work / "null.txt", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device file needs root")
    r = apply("--- a/null.txt\n+++ b/null.txt\n@@ -0,0 +1 @@\n+x\n")
    assert_refused(r, "null.txt", "a device, not a regular file")
    assert stat.S_ISCHR((work / "null.txt").lstat().st_mode)


def test_patch_of_a_folder_is_refused(work: Path) -> None:
    (work / "news").mkdir()
    r = apply("--- a/news\n+++ b/news\n@@ -0,0 +1 @@\n+x\n")
    assert_refused(r, "news", "a folder, not a regular file")


# A refused file refuses the whole patch: nothing of it is written.


def test_a_good_file_in_a_patch_with_an_attack_is_not_written(work: Path) -> None:
    (work / "a.txt").write_text(ARTICLE)
    (work / "d").symlink_to(work.parent / "outside")
    good = attack("a.txt", ARTICLE, ARTICLE.replace("Monday", "Tuesday"))
    r = apply(good + attack("d/f.txt", SECRET, SECRET + "pwned\n"))
    assert_refused(r, "d/f.txt", "d is a symbolic link")
    assert (work / "a.txt").read_text() == ARTICLE
    assert (work.parent / "outside" / "f.txt").read_text() == SECRET


def test_a_control_character_in_a_path_cannot_forge_output(work: Path) -> None:
    path = "a\x1b[2K\rerror: all good.txt"
    r = apply(attack(path, ARTICLE, ARTICLE + "x\n"))
    assert_refused(r, "a\\x1b[2K\\rerror: all good.txt", "control or invisible character")


# The paths `git apply` refuses, one by one (the tests above apply some of them).


def _patch_naming(path: str) -> str:
    return f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-a\n+b\n"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/etc/passwd", "outside the working folder"),
        ("../x.txt", "outside the working folder"),
        ("news/../../x.txt", "outside the working folder"),
        ("C:/x.txt", "outside the working folder"),
        (".git/config", ".git folder"),
        (".GIT/config", ".git folder"),
        ("news/.gIt/hooks/pre-commit", ".git folder"),
        (".git", ".git folder"),
        (".git./config", ".git folder"),
        (".git . /config", ".git folder"),
        ("git~1/config", ".git folder"),
        (".git::$INDEX_ALLOCATION/config", ".git folder"),
        (".g\u200cit/config", ".git folder"),
        ("news//a.txt", "an empty or `.` component"),
        ("news/", "an empty or `.` component"),
        ("./a.txt", "an empty or `.` component"),
        ("news/./a.txt", "an empty or `.` component"),
        ("a\x00b.txt", "control or invisible character"),
        ("a\u202eb.txt", "control or invisible character"),
        ("news\\a.txt", "backslash"),
        ("", "no file"),
    ],
)
def test_check_path_refuses_what_git_apply_refuses(path: str, why: str) -> None:
    with pytest.raises(PatchError, match=re.escape(why)):
        check_path(path)


@pytest.mark.parametrize(
    "path", [".gitignore", ".github/README.md", "notes/.gitkeep", "a.git/b.md", "git~2/x.md", "my café.md", "x..y.md"]
)
def test_check_path_accepts_ordinary_paths(path: str) -> None:
    check_path(path)
    assert [fp.path for fp in parse_patch(_patch_naming(path))] == [path]


# The server's socket.

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="plays another user: needs root")

ATTACKER = 65534
EXE = str(Path(sys.executable).with_name("copyedit"))
SERVED_ARTICLE = "Talks between. Washington and Beijing resumed on Monday.\n\nThe reports suggests a rise.\n"
FORGED = {"op": "done", "code": 0, "stdout": "all clean\n", "stderr": ""}


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder like /tmp (anyone may create in it, sticky), for TMPDIR."""
    folder = Path(tempfile.mkdtemp(prefix="copyedit-attack-", dir="/tmp"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def served_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("article")
    (folder / "story.txt").write_text(SERVED_ARTICLE, encoding="utf-8")
    return folder


def _environ(tmp: Path) -> dict[str, str]:
    """The user's environment with no runtime folder set: the socket goes under TMPDIR."""
    environ = {k: v for k, v in os.environ.items() if k not in ("XDG_RUNTIME_DIR", "COPYEDIT_RUNTIME_DIR")}
    return {**environ, "TMPDIR": str(tmp)}


def _check(cwd: Path, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([EXE, "check", "story.txt"], cwd=cwd, env=_environ(tmp), capture_output=True, timeout=120)


def _folder(tmp: Path) -> Path:
    return tmp / f"copyedit-{os.getuid()}"


@pytest.fixture(scope="module")
def local(served_article: Path) -> subprocess.CompletedProcess[bytes]:
    """What the command prints with no server at all (a TMPDIR of its own, empty)."""
    with tempfile.TemporaryDirectory() as tmp:
        return _check(served_article, Path(tmp))


@contextlib.contextmanager
def _fake_server(plant: Callable[[], socket.socket]) -> Iterator[list[int]]:
    """A server in a forked process that ``plant`` sets up (as whichever user it makes itself), answering any
    request with a forged clean result; yields, once the context ends, the bytes received per connection."""
    reports_r, reports_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(reports_r)
            try:
                listener = plant()
            except BaseException as e:
                os.write(reports_w, f"failed:{type(e).__name__}:{e}\n".replace(" ", "_").encode())
                raise
            os.write(reports_w, b"ready\n")
            listener.settimeout(60)
            while True:
                conn, _ = listener.accept()
                with conn:
                    conn.settimeout(5)
                    received = b""
                    with contextlib.suppress(OSError):
                        received = conn.recv(1 << 20)
                        client.send(conn, FORGED)
                    os.write(reports_w, f"{len(received)}\n".encode())
        finally:
            os._exit(0)
    os.close(reports_w)
    received: list[int] = []
    try:
        assert select.select([reports_r], [], [], 30)[0], "the fake server did not come up"
        lines = os.read(reports_r, 1000).decode().split()
        assert lines[0] == "ready", lines[0]
        yield received
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(reports_r) as reports:
            received.extend(int(n) for n in [*lines[1:], *reports.read().split()])


def _listen(path: Path, chown: int | None = None, become: int | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    if chown is not None:
        os.chown(path, chown, chown)
    if become is not None:
        os.setgid(become)
        os.setuid(become)
    sock.listen(4)
    return sock


def _assert_local(p: subprocess.CompletedProcess[bytes], local: subprocess.CompletedProcess[bytes]) -> None:
    """The output of a local run, with one warning line first on standard error."""
    assert (p.returncode, p.stdout) == (local.returncode, local.stdout) and local.returncode == 1
    warning, rest = p.stderr.split(b"\n", 1)
    assert warning.startswith(b"warning: not using the copyedit server: ") and rest == local.stderr


def _attacker_folder(tmp: Path) -> socket.socket:
    """The attack as another user makes it: their own folder where ours would be, open, with their socket."""
    folder, name = _folder(tmp), _socket_name()
    os.setgid(ATTACKER)
    os.setuid(ATTACKER)
    folder.mkdir()
    folder.chmod(0o777)
    return _listen(folder / name)


def _socket_name() -> str:
    """The name the client in a subprocess will look for (this test runs under the same interpreter)."""
    return client.socket_path().name


@needs_root
def test_a_folder_planted_by_another_user_gets_nothing(
    shared_tmp: Path, served_article: Path, local: subprocess.CompletedProcess[bytes]
) -> None:
    with _fake_server(lambda: _attacker_folder(shared_tmp)) as received:
        attacked = _check(served_article, shared_tmp)
    assert received == [] and _folder(shared_tmp).stat().st_uid == ATTACKER
    _assert_local(attacked, local)
    assert str(_folder(shared_tmp)).encode() in attacked.stderr


def _our_open_folder(tmp: Path) -> socket.socket:
    """Our own folder, but open to everyone: anyone could have put the socket there."""
    folder = _folder(tmp)
    folder.mkdir()
    folder.chmod(0o777)
    return _listen(folder / _socket_name())


def _our_folder_their_socket(tmp: Path) -> socket.socket:
    """Our folder, closed, holding a socket file of another user's."""
    folder = _folder(tmp)
    folder.mkdir(mode=0o700)
    return _listen(folder / _socket_name(), chown=ATTACKER)


def _their_listener(tmp: Path) -> socket.socket:
    """Everything on disk ours, but the process listening is another user's (SO_PEERCRED says so)."""
    folder = _folder(tmp)
    folder.mkdir(mode=0o700)
    return _listen(folder / _socket_name(), become=ATTACKER)


def _linked_folder(tmp: Path) -> socket.socket:
    """The folder's name is a link (to a folder of ours): links in a shared folder can be changed under us."""
    target = tmp / "elsewhere"
    target.mkdir(mode=0o700)
    _folder(tmp).symlink_to(target)
    return _listen(target / _socket_name())


@needs_root
@pytest.mark.parametrize("plant", [_our_open_folder, _our_folder_their_socket, _their_listener, _linked_folder])
def test_a_socket_that_may_not_be_ours_gets_nothing(
    plant: Callable[[Path], socket.socket],
    shared_tmp: Path,
    served_article: Path,
    local: subprocess.CompletedProcess[bytes],
) -> None:
    with _fake_server(lambda: plant(shared_tmp)) as received:
        attacked = _check(served_article, shared_tmp)
    assert sum(received) == 0
    _assert_local(attacked, local)


@needs_root
@pytest.mark.parametrize("mode, owner", [(0o777, ATTACKER), (0o755, os.getuid()), (0o700, ATTACKER)])
def test_server_start_refuses_a_folder_not_ours_alone(shared_tmp: Path, mode: int, owner: int) -> None:
    folder = _folder(shared_tmp)
    folder.mkdir()
    folder.chmod(mode)
    os.chown(folder, owner, owner)
    start = [EXE, "server", "start", "--idle", "1"]
    p = subprocess.run(start, env=_environ(shared_tmp), capture_output=True, text=True, timeout=120)
    try:
        assert p.returncode == 2 and str(folder) in p.stderr.replace("\n", "")
        assert (folder.stat().st_mode & 0o777, folder.stat().st_uid) == (mode, owner)
        assert list(folder.iterdir()) == []
    finally:
        if p.returncode == 0:
            folder.chmod(0o700)
            os.chown(folder, os.getuid(), os.getgid())
            subprocess.run([EXE, "server", "stop"], env=_environ(shared_tmp), capture_output=True, timeout=60)


@needs_root
def test_the_server_refuses_a_client_of_another_user(tmp_path: Path) -> None:
    """A process of another user that can reach the socket anyway (root's powers, another uid) gets no answer
    from the server, which goes on serving its own user."""
    environ = {**os.environ, "COPYEDIT_RUNTIME_DIR": str(tmp_path)}
    started = subprocess.run([EXE, "server", "start", "--idle", "2"], env=environ, capture_output=True, timeout=120)
    try:
        assert started.returncode == 0, started.stderr
        path = tmp_path / f"copyedit-{os.getuid()}" / _socket_name()
        pid = os.fork()
        if pid == 0:
            code = 2
            try:
                # keep root's capabilities (so the folder is no obstacle) while the user id changes
                libc = ctypes.CDLL(None, use_errno=True)
                assert libc.prctl(28, 1 << 2, 0, 0, 0) == 0  # PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP
                os.seteuid(ATTACKER)
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                    sock.settimeout(10)
                    sock.connect(str(path))
                    try:
                        client.send(sock, {"op": "status"})
                        answer = client.receive(sock)
                    except OSError:
                        answer = None
                code = 0 if answer is None else 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the server answered another user"
        mine = subprocess.run([EXE, "server", "status"], env=environ, capture_output=True, timeout=60)
        assert mine.returncode == 0
    finally:
        subprocess.run([EXE, "server", "stop"], env=environ, capture_output=True, timeout=60)
