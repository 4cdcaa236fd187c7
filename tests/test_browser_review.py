"""The review page in a real browser: headless Chromium (Debian's chromium and chromium-driver) through Selenium.

The page is made for the seeds, a Markdown article and two hostile articles; changes are accepted and rejected by
mouse and by keyboard; the downloaded patch is applied with `copyedit apply`, `git apply` and `patch -p1`, and
every file must then hold exactly the bytes the accepted edits give. Without a browser every test here is
skipped with the reason (`pytest -rs` prints it), or fails if COPYEDIT_REQUIRE_BROWSER is set; `make test-browser`
installs one where it can.
Screenshots go to $COPYEDIT_SCREENSHOTS (default: build/browser-review/).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit.cli import app
from copyedit.model import Edit
from copyedit.patch import apply_edits

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("COPYEDIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FIREFOX = os.environ.get("COPYEDIT_FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox") or "firefox"
DRIVER = os.environ.get("COPYEDIT_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = Path(os.environ.get("COPYEDIT_SCREENSHOTS", ROOT / "build" / "browser-review"))
PATCH = "copyedit-review.patch"
DATA = re.compile(r'<script type="application/json" id=copyedit-data>(.*?)</script>', re.DOTALL)

MARKDOWN = """---
title: Talks
---

# Talks resume between the two capitals

Talks between. Washington and Beijing resumed on **Monday**, according to [a statement](https://example.com/x).

He could have gave more, officials said. The `summit` stays on the calendar.

- a item on the agenda
- While the cause is unknown. Police have opened an inquiry.
"""
#: Hostile text in a plain-text article and in Markdown (where HTML is markup copyedit never reads).
HOSTILE_TEXT = (
    '<script>window.__xss = 1</script> Talks between. Washington and Beijing "><img src=x '
    'onerror="window.__xss=2"> resumed.\r\n\r\nHe could have gave more.\r\n'
)
HOSTILE_MD = (
    '# <img src=x onerror="window.__xss=3">\n\n<script>window.__xss = 4</script>\n\n'
    'Talks between. Washington resumed <b onmouseover="window.__xss=5">today</b>.\n\n'
    '"><svg onload="window.__xss=6"> He could have gave more.'
)


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[browser]', or make test-browser)"
    for what, path in (("chromium", CHROMIUM), ("chromedriver", DRIVER)):
        if not (path and os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"no {what} at {path} (apt-get install chromium chromium-driver, or make test-browser)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator:
    why = _missing()
    if why and os.environ.get("COPYEDIT_REQUIRE_BROWSER"):
        pytest.fail(f"COPYEDIT_REQUIRE_BROWSER is set, but {why}")
    if why:
        print(f"\nbrowser tests skipped: {why}", file=sys.stderr)
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="copyedit-chromium-")
    downloads = tempfile.mkdtemp(prefix="copyedit-downloads-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        opts.add_argument(arg)
    opts.add_experimental_option(
        "prefs", {"download.default_directory": downloads, "download.prompt_for_download": False}
    )
    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    except Exception as e:  # a browser that will not start is a skip with its reason, not an error in every test
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium did not start: {str(e).splitlines()[0]}")
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.downloads = Path(downloads)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    """A working folder with the seeds, a Markdown article and the hostile ones, and the page made for them."""
    root = Path(tempfile.mkdtemp(prefix="copyedit-review-"))
    news = root / "news"
    news.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, news / seed.name)
    (news / "story.md").write_text(MARKDOWN)
    (news / "hostile.txt").write_bytes(b"\xef\xbb\xbf" + HOSTILE_TEXT.encode())  # a BOM and CRLF lines too
    (news / "hostile.md").write_text(HOSTILE_MD)  # no final newline
    unsafe = _unsafe_example()
    if unsafe:
        (news / "unsafe.txt").write_text(f"{unsafe}\n\nHe could have gave more.\n")
    original = {p.relative_to(root).as_posix(): p.read_bytes() for p in news.iterdir()}
    here = os.getcwd()
    os.chdir(root)
    try:
        args = ["fix", "--html", "review.html", "--unsafe-fixes", "--jobs", "1", "--no-cache", "news"]
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 1, r.output
        r = CliRunner().invoke(app, ["fix", "--patch-dir", "patches", "--jobs", "1", "--no-cache", "news"])
        assert r.exit_code == 1, r.output
        r = CliRunner().invoke(app, ["apply", "--html", "patches.html", "patches"])
        assert r.exit_code == 0, r.output
    finally:
        os.chdir(here)
    (root / "original.json").write_text(json.dumps({k: v.decode("latin-1") for k, v in original.items()}))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _unsafe_example() -> str | None:
    """A rule example whose fix is unsafe, so that the page shows one (whichever rule has one today)."""
    from copyedit import engine
    from copyedit.model import Safety

    for r in engine.select_rules():
        for ex in r.examples:
            if ex.bad is None or ex.fixed is None:
                continue
            if any(f.safety is Safety.UNSAFE and f.fixable for f in engine.check_text(ex.text)):
                return ex.text
    return None


@pytest.fixture(scope="module")
def firefox() -> Iterator:
    """Firefox (Debian's firefox-esr) through Marionette, its own remote protocol, so no geckodriver is needed."""
    try:
        with warnings.catch_warnings():  # mozinfo and mozrunner import deprecated modules
            warnings.simplefilter("ignore", DeprecationWarning)
            from marionette_driver.marionette import Marionette
    except ImportError:
        why = "marionette-driver is not installed (pip install -e '.[browser]', or make test-browser)"
    else:
        exists = os.path.isfile(FIREFOX) and os.access(FIREFOX, os.X_OK)
        why = None if exists else f"no firefox at {FIREFOX} (apt-get install firefox-esr, or make test-browser)"
    if why and os.environ.get("COPYEDIT_REQUIRE_BROWSER"):
        pytest.fail(f"COPYEDIT_REQUIRE_BROWSER is set, but {why}")
    if why:
        print(f"\nfirefox test skipped: {why}", file=sys.stderr)
        pytest.skip(why)
    profile = tempfile.mkdtemp(prefix="copyedit-firefox-")
    downloads = tempfile.mkdtemp(prefix="copyedit-downloads-")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    prefs = {
        "marionette.port": port,
        "browser.download.folderList": 2,
        "browser.download.dir": downloads,
        "browser.download.useDownloadDir": True,
        "browser.download.always_ask_before_handling_new_types": False,
        "browser.download.start_downloads_in_tmp_dir": False,
        "browser.shell.checkDefaultBrowser": False,
        "datareporting.policy.dataSubmissionEnabled": False,
        "app.update.auto": False,
        "network.captive-portal-service.enabled": False,
        "network.connectivity-service.enabled": False,
    }
    lines = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
    Path(profile, "user.js").write_text(lines)
    command = [FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
        client.start_session()
    except Exception as e:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"firefox did not start: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
    client.downloads = Path(downloads)
    try:
        yield client
    finally:
        try:
            client.delete_session()
        finally:
            proc.terminate()
            proc.wait(10)
            shutil.rmtree(profile, ignore_errors=True)
            shutil.rmtree(downloads, ignore_errors=True)


def originals(root: Path) -> dict[str, bytes]:
    return {k: v.encode("latin-1") for k, v in json.loads((root / "original.json").read_text()).items()}


def data_of(page: Path) -> dict:
    return json.loads(DATA.search(page.read_text())[1])


def open_page(driver, page: Path, fresh: bool = True) -> None:
    if fresh:
        # forget the stored decisions in the browser itself, with no page open: a page's own localStorage.clear()
        # travels on that page's pipe and could land after the next page's first writes, wiping them
        driver.get("about:blank")
        driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": "file://", "storageTypes": "local_storage"})
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def changes(driver) -> list:
    return driver.find_elements("css selector", ".chg[id^=chg-]")


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for k in keys:
        ActionChains(driver).send_keys(k).perform()


def download(driver) -> bytes:
    target = driver.downloads / PATCH
    target.unlink(missing_ok=True)
    driver.find_element("id", "download").click()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if target.exists() and not list(driver.downloads.glob("*.crdownload")):
            data = target.read_bytes()
            if data:
                target.unlink()
                return data
        time.sleep(0.05)
    raise AssertionError("the patch was not downloaded")


def expected(root: Path, data: dict, accepted: set[int]) -> dict[str, bytes]:
    """Each file's bytes with the accepted changes (by their order on the page) applied, in Python."""
    out = originals(root)
    g = 0
    for f in data["files"]:
        edits = []
        for c in f["changes"]:
            if g in accepted:
                edits += [Edit(*e) for e in c["edits"]]
            g += 1
        new = apply_edits(f["text"], edits)
        out[f["name"]] = (b"\xef\xbb\xbf" if f["bom"] else b"") + new.encode()
    return out


def check_round_trip(root: Path, patch: bytes, want: dict[str, bytes], tools: tuple[str, ...] = ()) -> None:
    """Apply the patch to fresh copies of the articles with each tool; every file must hold the expected bytes."""
    tools = tools or ("copyedit", "git", *(("patch",) if shutil.which("patch") else ()))
    for tool in tools:
        work = Path(tempfile.mkdtemp(prefix=f"copyedit-{tool}-"))
        try:
            for name, data in originals(root).items():
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                (work / name).write_bytes(data)
            (work / "review.patch").write_bytes(patch)
            command = {
                "copyedit": [sys.executable, "-m", "copyedit", "apply", "review.patch"],
                "git": ["git", "apply", "review.patch"],
                "patch": ["patch", "-p1", "--batch", "--input", "review.patch"],
            }[tool]
            r = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=120)
            assert r.returncode == 0, f"{tool}: {r.stdout}{r.stderr}"
            for name, data in want.items():
                assert (work / name).read_bytes() == data, f"{tool}: {name} differs"
        finally:
            shutil.rmtree(work, ignore_errors=True)


def total(data: dict) -> int:
    return sum(len(f["changes"]) for f in data["files"])


def decide(driver, page: Path, how: Callable) -> None:
    open_page(driver, page)
    assert driver.find_element("id", "counts").text.startswith("0 accepted, 0 rejected,")  # the store was forgotten
    how(driver)
    counts = driver.find_element("id", "counts").text
    # decisions survive a reload: the page stores each at once, but Chrome hands a write on to the page loaded next
    # a moment later (on a busy machine, after the reload has read the store), so reload until it shows them
    deadline = time.monotonic() + 10
    while True:
        open_page(driver, page, fresh=False)
        if driver.find_element("id", "counts").text == counts or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert driver.find_element("id", "counts").text == counts


def test_accept_all_by_buttons_and_keys(browser, tree: Path) -> None:
    page = tree / "review.html"
    data = data_of(page)
    unsafe = [g for g, c in enumerate(c for f in data["files"] for c in f["changes"]) if c["safety"] != "safe"]
    assert unsafe or not (tree / "news" / "unsafe.txt").exists()

    def accept(driver) -> None:
        driver.find_element("id", "accept-safe").click()
        safe = total(data) - len(unsafe)
        assert driver.find_element("id", "counts").text.startswith(
            f"{safe} accepted, 0 rejected, {len(unsafe)} undecided"
        )
        for g in unsafe:  # accept all safe leaves the unsafe ones to a person: accept them by keyboard
            driver.find_element("id", f"chg-{g}").click()
            press(driver, "a")

    decide(browser, page, accept)
    assert browser.find_element("id", "counts").text.startswith(f"{total(data)} accepted, 0 rejected")
    want = expected(tree, data, set(range(total(data))))
    check_round_trip(tree, download(browser), want)


def test_reject_all_leaves_no_patch(browser, tree: Path) -> None:
    page = tree / "review.html"
    decide(browser, page, lambda d: d.find_element("id", "reject-all").click())
    assert not browser.find_element("id", "download").is_enabled()
    assert "no patch to download" in browser.find_element("id", "download-note").text
    assert browser.execute_script("return window.copyeditReview.buildPatch()") == ""


def test_alternate_by_keyboard(browser, tree: Path) -> None:
    page = tree / "review.html"
    data = data_of(page)
    n = total(data)

    def keys(driver) -> None:
        press(driver, "n")  # to the first change
        assert driver.switch_to.active_element.get_attribute("id") == "chg-0"
        tip = driver.find_element("id", "tip-0")
        assert tip.is_displayed() and "FRG001" in tip.text  # code, safety and message show on keyboard focus
        press(driver, "".join("a" if g % 2 == 0 else "r" for g in range(n)))  # each moves on to the next change
        press(driver, "p" * (n - 1) + "n")  # back to the start and on: moving decides nothing
        assert driver.switch_to.active_element.get_attribute("id") == "chg-1"

    decide(browser, page, keys)
    half = (n + 1) // 2
    assert browser.find_element("id", "counts").text.startswith(f"{half} accepted, {n - half} rejected")
    check_round_trip(tree, download(browser), expected(tree, data, set(range(0, n, 2))))


def test_alternate_by_mouse(browser, tree: Path) -> None:
    page = tree / "review.html"
    data = data_of(page)
    n = total(data)

    def mouse(driver) -> None:
        driver.find_element("css selector", ".file-accept[data-file='0']").click()  # then overrule half of them
        for g in range(n):
            button = driver.find_element("css selector", f"#bal-{g} button.{'acc' if g % 2 else 'rej'}")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
        change = driver.find_element("id", "chg-1")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", change)
        change.click()  # a click on a change in the text selects it: `r` rejects it
        press(driver, "r")

    decide(browser, page, mouse)
    accepted = set(range(3, n, 2))
    assert browser.find_element("css selector", "#bal-1 .st").get_attribute("textContent") == "rejected"
    check_round_trip(tree, download(browser), expected(tree, data, accepted))


def test_patch_set_page_round_trips_to_what_fix_writes(browser, tree: Path) -> None:
    """The page made from `fix --patch-dir` patches, all accepted, gives what `copyedit fix` writes."""
    page = tree / "patches.html"
    data = data_of(page)
    decide(browser, page, lambda d: d.find_element("id", "accept-safe").click())
    work = Path(tempfile.mkdtemp(prefix="copyedit-fixed-"))
    try:
        for name, content in originals(tree).items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_bytes(content)
        here = os.getcwd()
        os.chdir(work)
        try:
            CliRunner().invoke(app, ["fix", "--jobs", "1", "--no-cache", "news"])
        finally:
            os.chdir(here)
        want = {name: (work / name).read_bytes() for name in originals(tree)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert all(c["safety"] == "safe" for f in data["files"] for c in f["changes"])
    check_round_trip(tree, download(browser), want, ("copyedit", "git"))


def test_hostile_text_shows_as_text_and_runs_nothing(browser, tree: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    open_page(browser, tree / "review.html")
    assert browser.execute_script("return window.__xss") is None
    assert (
        browser.execute_script(
            "return document.images.length + document.querySelectorAll('svg, b[onmouseover]').length"
        )
        == 0
    )
    assert len(browser.find_elements("css selector", "script")) == 2
    text = browser.find_element("tag name", "main").text
    assert "<script>window.__xss = 1</script>" in text
    assert '"><img src=x onerror="window.__xss=2">' in text
    assert "<script>window.__xss = 4</script>" in text
    for el in browser.find_elements("css selector", ".chg"):
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", el)
    assert browser.execute_script("return window.__xss") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    # The page fetched nothing: no resource entries, and the Content-Security-Policy forbids any.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_usable_at_360_pixels_and_screenshots(browser, tree: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = tree / "review.html"
    open_page(browser, page)
    browser.find_element("id", "chg-0").click()
    press(browser, "a")
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(SHOTS / "review-page.png"))
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True}
    )
    try:
        open_page(browser, page, fresh=False)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
        button = browser.find_element("css selector", "#bal-1 button.rej")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        rect = button.rect
        assert button.is_displayed() and rect["x"] >= 0 and rect["x"] + rect["width"] <= 360
        button.click()
        assert browser.find_element("css selector", "#bal-1 .st").get_attribute("textContent") == "rejected"
        browser.execute_script("document.getElementById('chg-0').scrollIntoView({block: 'start'})")
        browser.save_screenshot(str(SHOTS / "review-page-360.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"\nscreenshots: {SHOTS / 'review-page.png'}, {SHOTS / 'review-page-360.png'}")


def reloaded(client, done: Callable[[], bool]) -> None:
    """Reload the page in Firefox until ``done`` holds, for at most 10 seconds."""
    deadline = time.monotonic() + 10
    while True:
        client.refresh()
        if done() or time.monotonic() > deadline:
            return
        time.sleep(0.2)


def test_firefox_reviews_and_downloads_the_same_patch(firefox, tree: Path) -> None:
    """The page in Firefox: decisions by click and by key, kept over a reload, and a patch that round-trips."""
    from marionette_driver.by import By

    page = tree / "review.html"
    data = data_of(page)
    n = total(data)
    firefox.navigate(page.as_uri())
    firefox.execute_script("localStorage.clear()")
    # as in `decide`: a store write may reach the page loaded next a moment late, so reload until it shows
    reloaded(firefox, lambda: firefox.execute_script("return localStorage.length") == 0)
    assert firefox.find_element(By.ID, "counts").text.startswith("0 accepted, 0 rejected,")
    for g in range(n):
        firefox.find_element(By.CSS_SELECTOR, f"#bal-{g} button.{'rej' if g % 3 == 0 else 'acc'}").click()
    firefox.find_element(By.ID, "chg-1").send_keys("r")  # a key on a focused change decides it
    counts = firefox.find_element(By.ID, "counts").text
    reloaded(firefox, lambda: firefox.find_element(By.ID, "counts").text == counts)
    assert firefox.find_element(By.ID, "counts").text == counts
    accepted = {g for g in range(n) if g % 3 and g != 1}
    assert counts.startswith(f"{len(accepted)} accepted, {n - len(accepted)} rejected")
    target = firefox.downloads / PATCH
    firefox.find_element(By.ID, "download").click()
    deadline = time.monotonic() + 15
    while not (target.exists() and target.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert target.exists(), "the patch was not downloaded"
    time.sleep(0.2)  # Firefox writes the file, then renames its .part
    patch = target.read_bytes()
    assert patch.decode() == firefox.execute_script("return window.wrappedJSObject.copyeditReview.buildPatch()")
    assert firefox.execute_script("return window.wrappedJSObject.__xss") is None
    check_round_trip(tree, patch, expected(tree, data, accepted), ("copyedit", "git"))


def test_the_pages_diff_applies_for_random_edits(browser, tree: Path) -> None:
    """The page's own diff writer against copyedit's patch reader and `git apply`, on random texts with CRLF, blank
    lines, a missing final newline and edits that join, split, add and remove lines."""
    import random

    from copyedit.patch import apply_patch, digest, parse_patch

    rnd = random.Random(14)
    alphabet = ["a", "b", " ", "\n", "\n", ".", "\r\n", "x"]
    cases = []
    for _ in range(1500):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        edits, pos = [], 0
        while pos <= len(text) and rnd.random() < 0.7:
            start = rnd.randint(pos, len(text))
            end = rnd.randint(start, min(len(text), start + 4))
            insert = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 3)))
            edits.append([start, end, insert if insert or end > start else "z"])
            pos = end + 1
        cases.append((text, edits))
    open_page(browser, tree / "review.html")
    diffs = browser.execute_script(
        "return arguments[0].map(c => window.copyeditReview.unifiedDiff(c[0], c[1], 'x.txt'))", cases
    )
    work = Path(tempfile.mkdtemp(prefix="copyedit-diffs-"))
    try:
        for k, ((text, edits), diff) in enumerate(zip(cases, diffs, strict=True)):
            new = apply_edits(text, [Edit(*e) for e in edits])
            if not diff:
                assert new == text
                continue
            (section,) = parse_patch(f"# sha256 {digest(text.encode())}\n{diff}")
            assert apply_patch(section, text, text.encode()) == new, diff  # the header's line counts are right
            if k % 15 == 0:
                (work / "x.txt").write_bytes(text.encode())
                (work / "p.patch").write_bytes(diff.encode())
                r = subprocess.run(["git", "apply", "p.patch"], cwd=work, capture_output=True, text=True)
                assert r.returncode == 0 and (work / "x.txt").read_bytes() == new.encode(), r.stderr + diff
    finally:
        shutil.rmtree(work, ignore_errors=True)
