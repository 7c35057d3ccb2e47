"""include, exclude and per-path-ignores globs as people write them: `./articles/**`,
`articles/`, `articles`; and a run whose globs leave every file out is an error."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import globs
from normalize.config import Config, ConfigError, load_config
from normalize.globs import glob_covers, glob_match, glob_problem

from .conftest import run_in

ARTICLE = "The drone , which fell.\n"  # TY104: a space before a comma


run = run_in


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "articles" / "sub").mkdir(parents=True)
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles" / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def checked(result) -> list[str]:
    return sorted({f["path"] for f in json.loads(result.stdout)["findings"]})


@pytest.mark.parametrize("glob", ["articles/**", "./articles/**", "articles/", "articles",
                                  "./articles", "/articles", "./articles/", "."])
def test_include_as_written(site, glob):
    (site / "normalize.toml").write_text(f'include = ["{glob}"]\n', encoding="utf-8")
    result = run(site, "check", "--format", "json", ".")
    assert result.exit_code == 1, result.output
    assert checked(result) == ["articles/a.txt", "articles/sub/b.txt"]


@pytest.mark.parametrize("glob", ["./articles", "articles/", "./articles/**", "articles"])
def test_exclude_and_per_path_ignores_as_written(site, glob):
    (site / "other.txt").write_text(ARTICLE, encoding="utf-8")
    (site / "normalize.toml").write_text(f'exclude = ["{glob}"]\n', encoding="utf-8")
    result = run(site, "check", "--format", "json", ".")
    assert checked(result) == ["other.txt"]
    (site / "normalize.toml").write_text(f'[per-path-ignores]\n"{glob}" = ["TY"]\n',
                                         encoding="utf-8")
    result = run(site, "check", "--format", "json", ".")
    assert checked(result) == ["other.txt"]


def test_leading_dot_slash_anchors_at_the_config_folder():
    assert glob_covers("./articles", "articles/a.txt")
    assert not glob_covers("./articles", "x/articles/a.txt")  # only the top-level one
    assert glob_covers("articles", "x/articles/a.txt")  # a name at any depth, as before
    assert glob_match("./*.md", "a.md") and not glob_match("./*.md", "x/a.md")
    assert glob_covers(".", "deep/down/a.txt") and glob_covers("./", "a.txt")
    assert glob_covers("articles/*", "articles/2025/a.txt")  # the folder 2025 is covered
    assert not glob_covers("articles/*.md", "articles/2025/a.md")
    assert not glob_covers("**/*.md", "a.txt") and glob_covers("**/*.md", "x/a.md")


@pytest.mark.parametrize("glob", ["", " ", "..", "../articles/**", "articles/../x",
                                  "./a/./b"])
def test_globs_that_can_match_nothing_are_config_errors(tmp_path, glob):
    assert glob_problem(glob)
    config = tmp_path / "normalize.toml"
    for key in ("include", "exclude"):
        config.write_text(f'{key} = ["{glob}"]\n', encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_config(config)
        assert str(caught.value).startswith(f"{config}:1: key '{key}': glob ")
        assert "\n" not in str(caught.value)
    config.write_text(f'[per-path-ignores]\n"{glob}" = ["TY"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(config)


@pytest.mark.parametrize(("toml", "where", "what"), [
    ('include = ["article/**"]\n', ':1: key \'include\': ["article/**"]',
     "matches none of the 2 files"),
    ('exclude = ["articles"]\n', ':1: key \'exclude\': ["articles"]', "leaves out all 2 files"),
    ('include = ["articles"]\nexclude = ["**/*.txt", "x"]\n',
     ':2: key \'exclude\': ["**/*.txt", "x"]', "leaves out all 2 files"),
])
def test_globs_leaving_every_file_out_are_an_error(site, toml, where, what):
    config = site / "normalize.toml"
    config.write_text(toml, encoding="utf-8")
    for command in (["check"], ["check", "--format", "json"], ["fix"]):
        result = run(site, *command, ".")
        assert result.exit_code == 2, result.output
        errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
        assert errors == [f"error: {config}{where} {what} found in the folders given: "
                          f"nothing was checked (globs are relative to {site})"]


def test_files_named_with_force_exclude_are_still_left_out_quietly(site):
    # a pre-commit hook names the files changed: excluded ones are passed over
    (site / "normalize.toml").write_text('exclude = ["articles"]\n', encoding="utf-8")
    result = run(site, "check", "--force-exclude", "articles/a.txt")
    assert result.exit_code == 0 and "error" not in result.output
    # named without --force-exclude: checked
    assert run(site, "check", "articles/a.txt").exit_code == 1


def test_a_folder_without_articles_is_not_an_include_error(tmp_path):
    (tmp_path / "normalize.toml").write_text('include = ["articles"]\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    result = run(tmp_path, "check", "empty")
    assert result.exit_code == 0 and "error" not in result.output


def test_one_pyproject_line_named(tmp_path, site):
    (site / "pyproject.toml").write_text(
        '[project]\nname = "x"\ninclude = ["y"]\n\n[tool.normalize]\ninclude = ["x/*.txt"]\n',
        encoding="utf-8")
    result = run(site, "check", ".")
    assert result.exit_code == 2
    assert f"error: {site / 'pyproject.toml'}:6: key 'include': " in result.stderr


def test_wants_file_folder_prefixes(tmp_path):
    config = Config(root=tmp_path, include=("articles",))
    assert config.wants_file(tmp_path / "articles" / "2025" / "a.txt")
    assert not config.wants_file(tmp_path / "drafts" / "a.txt")


_PIECES = st.sampled_from(["a", "b", ".", "/", "*", "**", "**/", "?", "[ab]", "[!a]", "[/b]"])


@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join),
       st.text("ab./", max_size=12))
@settings(max_examples=1000, deadline=None)
def test_a_piece_between_stars_taken_where_it_first_occurs_matches_the_same_paths(glob, path):
    """The atomic groups of `_glob_regex` match exactly the paths that the plain
    translation (each piece its regex) matches."""
    plain = re.compile("".join(regex for _, regex in globs._tokens(glob)) + r"\Z")
    assert bool(globs._glob_regex(glob).match(path)) == bool(plain.match(path))


def test_many_stars_against_a_long_name_are_one_pass():
    """`*a*a*a*a*a*b` tried every way to place the a's in a long name (hours for
    200 a's); each piece between stars is now taken where it first occurs (its
    shape is checked first, so that the old translation fails, not hangs)."""
    assert globs._glob_regex("*a*a*b").pattern == r"(?>[^/]*?a)(?>[^/]*?a)[^/]*b\Z"
    assert not glob_match("*a" * 5 + "*b", "a" * 200 + ".txt")


def _unmerged(glob: str) -> re.Pattern[str]:
    """The plain translation, each `**/` and `**` a piece of its own."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out, i = [*out, "(?:.*/)?"], i + 3
        elif glob.startswith("**", i):
            out, i = [*out, ".*"], i + 2
        elif glob[i] == "*":
            out, i = [*out, "[^/]*"], i + 1
        elif glob[i] == "?":
            out, i = [*out, "[^/]"], i + 1
        elif glob[i] == "[":
            regex, i = globs._char_set(glob, i)
            out.append(regex)
        else:
            out, i = [*out, re.escape(glob[i])], i + 1
    return re.compile("".join(out) + r"\Z")


@given(st.lists(st.sampled_from(["a", "/", "*", "**", "**/", "?"]), min_size=1, max_size=8)
       .map("".join), st.text("ab/", max_size=10))
@settings(max_examples=1000, deadline=None)
def test_side_by_side_crossings_made_one_match_the_same_paths(glob, path):
    assert bool(globs._glob_regex(glob).match(path)) == bool(_unmerged(glob).match(path))


def test_a_run_of_crossings_against_a_deep_path_is_one_pass():
    """Each `**/` tried every way to share out twenty folders (67 s for thirteen)."""
    deep = "d/" * 20 + "a.txt"
    assert globs._tokens("**/**/**/x") == [("**", "(?:.*/)?"), ("one", "x")]
    assert not glob_match("**/" * 30 + "x", deep)
    assert glob_match("**/" * 30 + "a.txt", deep)


_PART = st.sampled_from(["a", "b", "*", "?", "[ab]", "[!a]", "", "a*b"])


def _crossings_apart(groups: list[list[str]]) -> str:
    """Groups of parts with a `**` between each two: `a/**/b/*/**/**/c`."""
    return "/".join("/".join(group) if k == 0 else "/".join(["**", *group])
                    for k, group in enumerate(groups))


@given(st.one_of(st.lists(st.one_of(_PART, st.just("**")), min_size=1, max_size=7)
                 .map("/".join),
                 st.lists(st.lists(_PART, max_size=2), min_size=3, max_size=6)
                 .map(_crossings_apart)),
       st.lists(st.sampled_from(["a", "b", "ab", "ba", ""]), min_size=1, max_size=6)
       .map("/".join))
@settings(max_examples=2000, deadline=None)
def test_globs_of_whole_crossing_parts_match_as_their_plain_translation(glob, path):
    """Globs such as `a/**/b/**/c` are matched part by part (`globs._Parts`):
    the same paths as the plain regex, with each `**` a piece of its own."""
    if glob_problem(glob):
        return
    rest, whole = globs._normal(glob)
    plain = _unmerged(rest).match(path if whole else path.rsplit("/", 1)[-1]) if rest else True
    assert glob_match(glob, path) == bool(plain)


def test_globs_of_three_crossings_match_every_short_path_as_their_plain_translation():
    """Every glob of four groups of at most one part ("a", "b", "*") between three
    crossings, against every path of one to five parts "a" or "b"."""
    paths = ["/".join(p) for n in range(1, 6) for p in itertools.product("ab", repeat=n)]
    for groups in itertools.product([[], ["a"], ["b"], ["*"]], repeat=4):
        glob = _crossings_apart(list(groups))
        plain = _unmerged(globs._normal(glob)[0])
        for path in paths:
            assert glob_match(glob, path) == bool(plain.match(path)), (glob, path)


def test_crossings_apart_against_a_deep_path_are_matched_part_by_part():
    """Six `**/a/` against a path sixty folders deep took 14 s as one regex (each
    `**/` tried every way to share out the folders): now part by part."""
    glob, deep = "**/a/" * 6 + "b", "a/" * 60 + "c"
    assert globs._Parts.of(glob) is not None
    assert not glob_covers(glob, deep) and not glob_covers("**/a/" * 30 + "b", deep)
    assert glob_covers(glob, "a/" * 60 + "b") and glob_covers("**/a/" * 60 + "b", "a/" * 60 + "b")
    assert not glob_covers("**/a/" * 61 + "b", "a/" * 60 + "b")
    # where a part could take a '/', or a '**' is inside a part: the regex, as before
    assert globs._Parts.of("**/[+-0]/**/x/**/y") is None
    assert globs._Parts.of("**/a**/**/x/**/y") is None
    assert globs._Parts.of("**/[/b]/**/x/**/y") is None
    # two crossings at most: one regex, quadratic at worst, and quicker on usual paths
    assert globs._Parts.of("**/a/**/b") is None and globs._Parts.of("**/a/**/b/**") is not None
