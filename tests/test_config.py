"""Configuration: found by walking up, validated with errors that name the file and the key, and obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from copyedit import config
from copyedit.config import Config, ConfigError
from copyedit.engine import check_text, fix_text
from copyedit.model import Safety


@pytest.fixture(autouse=True)
def _fresh() -> None:
    config.for_folder.cache_clear()


def test_defaults_without_a_file(tmp_path: Path) -> None:
    c = config.for_path(str(tmp_path / "a.md"))
    assert c.path is None and c.apostrophe == "auto" and c.selected() == (("",), ())


def test_walks_up_and_prefers_copyedit_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.copyedit]\nignore = ["frg003"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    c = config.for_path(str(deep / "x.md"))
    assert c.path == str(tmp_path / "pyproject.toml") and c.ignore == ("FRG003",)
    (tmp_path / "a" / ".copyedit.toml").write_text('select = ["FRG"]\n')
    config.for_folder.cache_clear()
    assert config.for_path(str(deep / "x.md")).select == ("FRG",)


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.copyedit]\nunsafe-fixes = true\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config.for_path(str(tmp_path / "sub" / "a.txt")).unsafe_fixes is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("selct = ['FRG']", "`selct` is not a setting"),
        ("select = 'FRG'", "`select` must be a list of strings"),
        ("unsafe-fixes = 'yes'", "`unsafe-fixes` must be true or false"),
        ("apostrophe = 'fancy'", "`apostrophe` must be one of auto, straight, curly"),
        ("per-file-ignores = { 'a.md' = 'FRG' }", "`per-file-ignores` must be a table"),
        ("languagetool = 'ftp://x'", "`languagetool` must be off, local or an http(s) URL"),
        ("select = [", "not valid TOML"),
    ],
)
def test_bad_settings_name_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / ".copyedit.toml"
    path.write_text(body + "\n")
    with pytest.raises(ConfigError) as e:
        config.for_path(str(tmp_path / "a.md"))
    assert str(e.value).startswith(str(path)) and message in str(e.value)


def test_select_extend_and_command_line() -> None:
    c = config.parse({"select": ["FRG"], "extend-select": ["VRB"], "ignore": ["FRG003"]}, "/x/.copyedit.toml")
    assert c.selected() == (("FRG", "VRB"), ("FRG003",))
    assert c.selected(("POS",), ("POS002",)) == (("POS",), ("FRG003", "POS002"))


def test_globs(tmp_path: Path) -> None:
    c = config.parse(
        {"per-file-ignores": {"drafts/*.md": ["FRG"], "legal.txt": ["POS001"]}, "exclude": ["archive"]},
        str(tmp_path / ".copyedit.toml"),
    )
    assert c.ignored_for(str(tmp_path / "drafts" / "a.md")) == ("FRG",)
    assert c.ignored_for(str(tmp_path / "x" / "legal.txt")) == ("POS001",)
    assert c.ignored_for(str(tmp_path / "a.md")) == ()
    assert not c.wants(str(tmp_path / "archive" / "2019" / "a.md"))
    assert c.wants(str(tmp_path / "news" / "a.md"))
    only = config.parse({"include": ["news/**"]}, str(tmp_path / ".copyedit.toml"))
    assert only.wants(str(tmp_path / "news" / "a" / "b.md")) and not only.wants(str(tmp_path / "c.md"))


def test_as_toml_round_trips() -> None:
    import tomllib

    c = config.parse({"select": ["FRG"], "per-file-ignores": {"a/*.md": ["VRB"]}, "vocabulary": ['Say "hi"']}, "/p/x")
    again = config.parse(tomllib.loads(c.as_toml()), "/p/x")
    assert again == c


DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n"


def test_vocabulary_words_are_never_changed() -> None:
    text = "Reports suggest links between. Several firms and the ministry.\n"
    assert fix_text(text).text == "Reports suggest links between several firms and the ministry.\n"
    keep = Config(vocabulary=("Several",))  # say, a brand the tagger takes for a common word
    assert check_text(text, config=keep) == []
    assert fix_text(text, config=keep).text == text
    text = "Few expected change under Kim Jong-un leadership.\n"
    assert fix_text(text, config=Config(vocabulary=("Jong-un",))).text.count("Jong-un's") == 1  # adding is fine


def test_safety_overrides() -> None:
    text = "The regime kept testing missiles. Despite the sanctions.\n"  # a join whose comma is uncertain
    [f] = [f for f in check_text(text) if f.code == "FRG002"]
    assert f.safety is Safety.DISPLAY and f.edits  # an unsafe FRG002 fix is only suggested (suggested_fixes.yaml)
    assert fix_text(text, unsafe=True).text == text
    assert fix_text(text, config=Config(extend_safe_fixes=("FRG002",))).text != text
    assert fix_text(DAMAGED, config=Config(extend_unsafe_fixes=("FRG",))).text == DAMAGED


def test_apostrophe_style() -> None:
    text = "Few expected change under Kim Jong-un leadership.\n"
    assert "Jong-un’s" in fix_text(text, config=Config(apostrophe="curly")).text
    assert "Jong-un's" in fix_text(text, config=Config(apostrophe="straight")).text


def test_codes_that_match_no_rule_are_a_warning(tmp_path: Path) -> None:
    """A typo in `select` selected nothing, silently; `LT:` codes are LanguageTool's, open-ended, never unknown."""
    from typer.testing import CliRunner

    from copyedit.cli import app

    (tmp_path / ".copyedit.toml").write_text(
        'select = ["VRB", "NOPE"]\nignore = ["LT:EN_A_VS_AN"]\nper-file-ignores = { "x/*" = ["ZZZ9"] }\n'
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("He could have gave more.\n")
    r = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 2
    assert r.stderr.splitlines()[0] == (
        f"warning: {tmp_path / '.copyedit.toml'}: select NOPE, per-file-ignores ZZZ9: no such rule; "
        "`copyedit rules` lists them"
    )
    assert r.stderr.count("warning") == 1  # once per file, not once per article
