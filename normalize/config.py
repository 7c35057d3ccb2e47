"""Project configuration: one frozen `Config`, read from TOML with tomllib.

Where it comes from, first match wins:

1. `--config FILE` (a `normalize.toml`, or a `pyproject.toml` with `[tool.normalize]`);
2. searching upward from the checked paths (their common folder): in each
   folder `normalize.toml`, then `pyproject.toml` if it has a `[tool.normalize]`
   table;
3. nothing found: the defaults below.

Keys (unknown keys are errors):

    rules = ["house-rules"]       # extra rule folders, relative to the config file
                                  # (a config in one is not read as a rule: see
                                  # loader.rule_files and loader.is_rule_table)
    default-rules = true          # load the rules shipped with normalize
    include = ["**/*.md"]         # globs of files to check inside folders (default: by suffix)
    exclude = ["drafts/**"]       # globs of files and folders to skip inside folders
    select = ["NM", "MT"]         # only codes with these prefixes (default: all)
    ignore = ["MT104"]            # never these code prefixes
    fail-level = "warning"        # error | warning | suggestion: lowest severity that fails
    format = "text"               # default output format
    baseline = "baseline.json"    # report only findings not in this baseline (see baseline.py)
    [per-path-ignores]            # glob (relative to the config file) -> code prefixes
    "archive/**" = ["LG"]

Globs are matched against paths relative to the config file's folder, with
`/` separators; `**` crosses folders, `*` does not; a glob that matches a
folder covers the files in it, and a leading `./` is the config's folder
(see globs.py). A config problem is a `ConfigError` whose message is one line
naming the file and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import tomlfile
from .document import Unreadable
from .globs import glob_covers, glob_problem
from .globs import glob_match as glob_match  # (normalize.config.glob_match)
from .model import Severity

CONFIG_NAMES = ("normalize.toml", "pyproject.toml")
FORMATS = ("text", "json", "diff", "sarif", "github", "junit", "codequality", "html")
FAIL_LEVELS = ("error", "warning", "suggestion")


class ConfigError(Exception):
    """A configuration that cannot be used. str() is one line: 'file: key 'k': what'."""

    def __init__(self, path: str, key: str | None, message: str, line: int | None = None) -> None:
        self.path, self.key, self.message, self.line = path, key, message, line
        where = f"{path}:{line}" if line else path
        if key:
            where += f": key '{key}'"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know beyond the paths. Frozen; build with `replace`."""

    path: Path | None = None  # the file it was read from (None: defaults)
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    rules: tuple[Path, ...] = ()  # absolute rule folders
    default_rules: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_level: str = "suggestion"
    format: str = "text"
    baseline: Path | None = None  # absolute

    # -- questions the pipeline asks ---------------------------------------------------

    def wants_code(self, code: str, path: str | None = None) -> bool:
        """True if findings with `code` (in file `path`) are reported."""
        if self.select and not _matches_prefix(code, self.select):
            return False
        if _matches_prefix(code, self.ignore):
            return False
        if path is not None and self.per_path_ignores:
            return not _matches_prefix(code, self._ignored_in(path))
        return True

    def path_key(self, path: str) -> tuple[str, ...]:
        """What `wants_code` answers for `path` depends on: files with the same key
        get the same answers."""
        return self._ignored_in(path) if self.per_path_ignores else ()

    def _ignored_in(self, path: str) -> tuple[str, ...]:
        """The codes per-file-ignores turns off in `path` (asked once per rule and
        per finding: worked out once per path)."""
        return _ignored_in(self.per_path_ignores, self.root, path, os.getcwd())

    def fails(self, severity: Severity) -> bool:
        """True if a finding of `severity` makes the run fail (exit code 1)."""
        return severity.rank <= Severity(self.fail_level).rank

    def wants_file(self, path: Path | str) -> bool:
        """True if a file found inside a folder is checked (include/exclude)."""
        if not self.include and not self.exclude:
            return True
        rel = self.relative(str(path))
        if rel is None:
            return not self.include
        if any(glob_covers(p, rel) for p in self.exclude):
            return False
        return not self.include or any(glob_covers(p, rel) for p in self.include)

    def none_wanted(self, found: list[str]) -> str:
        """Why none of the files `found` in the folders given is checked: one line
        naming this file and the key (include or exclude) that leaves them all out."""
        key = "exclude"
        if self.include and not any(
                (rel := self.relative(p)) is not None and glob_covers(g, rel)
                for p in found for g in self.include):
            key = "include"  # (else some are included, and exclude leaves them out)
        globs = self.include if key == "include" else self.exclude
        files = "file" if len(found) == 1 else "files"
        what = (f"matches none of the {len(found)} {files}" if key == "include" else
                f"leaves out {'the one file' if len(found) == 1 else f'all {len(found)} files'}")
        where = str(self.path or "config")
        if self.path is not None:
            try:
                source = _read(self.path)[0]
                tool = self.path.name == "pyproject.toml"
                line = key_line(source, ("tool.normalize." if tool else "") + key, tool)
                where += f":{line}" if line else ""
            except ConfigError:
                pass
        shown = ", ".join(f'"{g}"' for g in globs)
        return (f"{where}: key '{key}': [{shown}] {what} found in the folders given: "
                f"nothing was checked (globs are relative to {self.root})")

    def relative(self, path: str) -> str | None:
        """`path` relative to the config's folder, '/'-separated; None if outside it."""
        return _relative(self.root, path)

    def describe(self) -> list[str]:
        """The settings in effect, one `key = value` line each (for --show-config)."""
        def show(value: Any) -> str:
            if isinstance(value, tuple):
                return "[" + ", ".join(show(v) for v in value) + "]"
            return f'"{value}"' if isinstance(value, (str, Path)) else str(value).lower()

        lines = [f"# {self.path or 'no config file found: defaults'}"]
        for key in ("rules", "default_rules", "include", "exclude", "select", "ignore",
                    "fail_level", "format", "baseline"):
            value = getattr(self, key)
            if value is not None:
                lines.append(f"{key.replace('_', '-')} = {show(value)}")
        for glob, codes in self.per_path_ignores:
            lines.append(f'per-path-ignores."{glob}" = {show(codes)}')
        return lines

    def override(self, **changes: Any) -> Config:
        """A copy with the non-empty command-line values put in place of the file's."""
        return replace(self, **{k: v for k, v in changes.items() if v not in (None, ())})


def _matches_prefix(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


# -- finding and reading ------------------------------------------------------------------


def find_config(paths: list[Path]) -> Path | None:
    """The nearest config file above the common folder of `paths`, or None."""
    if not paths:
        start = Path.cwd()
    else:
        absolute = [os.path.abspath(p) for p in paths]
        start = Path(os.path.commonpath(absolute))
        if not os.path.isdir(start):
            start = start.parent
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if os.path.isfile(candidate) and (
                    name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """True if the pyproject.toml at `path` has a [tool.normalize] table. One that
    cannot be read or is not valid TOML is an error, not passed over: its
    settings (or the project's) would be silently replaced by another file's."""
    _, data = _read(path)
    return isinstance(data.get("tool"), dict) and "normalize" in data["tool"]


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """A config file's text and table. Raises ConfigError (with the line of a TOML error)."""
    name = str(path)
    try:
        source = tomlfile.read_text(path)
    except Unreadable as exc:
        raise ConfigError(name, None, f"cannot read config file: {exc.reason}") from None
    try:
        return source, tomlfile.parse(source)
    except tomlfile.TomlError as exc:
        raise ConfigError(name, None, f"invalid TOML: {exc.reason}", exc.line) from None


def load_config(path: Path) -> Config:
    """Read and validate one config file. Raises ConfigError."""
    name = str(path)
    source, data = _read(path)
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "normalize" not in tool:
            raise ConfigError(name, None, "no [tool.normalize] table")
        data, prefix = tool["normalize"], "tool.normalize."
    if not isinstance(data, dict):
        raise ConfigError(name, prefix.rstrip(".") or None, "must be a table")
    try:
        return parse_config(data, path.resolve(), prefix)
    except ConfigError as exc:
        if exc.key is None:
            raise
        line = key_line(source, exc.key, bool(prefix))
        raise ConfigError(name, exc.key, exc.message, line) from None


def key_line(source: str, key: str, in_tool_table: bool) -> int | None:
    """The line where `key` (dotted, as in an error) is set, for the message; None if unsure.

    In a pyproject.toml the search starts at the [tool.normalize] header, so
    that another tool's `select` is not taken for ours.
    """
    lines = source.splitlines()
    first = 0
    if in_tool_table:
        header = re.compile(r"^\s*\[\s*tool\.normalize\s*[\].]")
        first = next((i for i, line in enumerate(lines) if header.match(line)), 0)
        key = key.removeprefix("tool.normalize.")
    last = key.split("per-path-ignores.", 1)[1] if "per-path-ignores." in key else key
    pattern = re.compile(rf"^\s*[\"']?{re.escape(last)}[\"']?\s*=")
    for number in range(first, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return None


_KEYS = {
    "rules": "list", "default-rules": "bool", "include": "list", "exclude": "list",
    "select": "list", "ignore": "list", "per-path-ignores": "table",
    "fail-level": "str", "format": "str", "baseline": "str",
}


def parse_config(data: dict[str, Any], path: Path, prefix: str = "") -> Config:
    name = str(path)
    for key, value in data.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(name, prefix + key, f"unknown key (known keys: {known})")
        want = _KEYS[key]
        if want == "list" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise ConfigError(name, prefix + key, "must be an array of strings")
        if want == "bool" and not isinstance(value, bool):
            raise ConfigError(name, prefix + key, "must be true or false")
        if want == "str" and not isinstance(value, str):
            raise ConfigError(name, prefix + key, "must be a string")
        if want == "table" and not isinstance(value, dict):
            raise ConfigError(name, prefix + key, "must be a table of glob = [codes]")
    for key, choices in (("fail-level", FAIL_LEVELS), ("format", FORMATS)):
        if key in data and data[key] not in choices:
            raise ConfigError(name, prefix + key,
                              f"is {data[key]!r}, want one of: {', '.join(choices)}")
    for key in ("select", "ignore"):
        for code in data.get(key, []):
            check_prefix(code, name, prefix + key)
    for key in ("include", "exclude"):
        for glob in data.get(key, []):
            check_glob(glob, name, prefix + key)
    per_path: list[tuple[str, tuple[str, ...]]] = []
    for glob, codes in sorted(data.get("per-path-ignores", {}).items()):
        key = f"{prefix}per-path-ignores.{glob}"
        check_glob(glob, name, key)
        if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
            raise ConfigError(name, key, "must be an array of code prefixes")
        for code in codes:
            check_prefix(code, name, key)
        per_path.append((glob, tuple(codes)))
    root = path.parent
    for key, values in (("rules", data.get("rules", [])), ("baseline", [data.get("baseline", "")])):
        if any("\x00" in value for value in values):  # no path holds one (Path.resolve fails)
            raise ConfigError(name, prefix + key, "a path cannot hold a NUL character")
    rule_dirs = tuple((root / d).resolve() for d in data.get("rules", []))
    for folder, given in zip(rule_dirs, data.get("rules", [])):
        if not given.strip():
            raise ConfigError(name, prefix + "rules", (
                f"{given!r} is not a rule folder: name a folder of rule files, relative "
                "to this file ('.' for its own folder)"))
        if not os.path.isdir(folder):
            what = "is not a folder" if os.path.lexists(folder) else "does not exist"
            raise ConfigError(name, prefix + "rules", f"rule folder {given!r} {what}")
    return Config(
        path=path, root=root, rules=rule_dirs,
        default_rules=data.get("default-rules", True),
        include=tuple(data.get("include", ())), exclude=tuple(data.get("exclude", ())),
        select=tuple(data.get("select", ())), ignore=tuple(data.get("ignore", ())),
        per_path_ignores=tuple(per_path),
        fail_level=data.get("fail-level", "suggestion"), format=data.get("format", "text"),
        baseline=(root / data["baseline"]).resolve() if "baseline" in data else None,
    )


_PREFIX_RE = re.compile(r"^[A-Z]{1,4}[0-9]{0,4}$")


def check_prefix(code: str, file: str, key: str) -> None:
    if not _PREFIX_RE.match(code):
        raise ConfigError(file, key, f"{code!r} is not a code or code prefix (e.g. MT or MT101)")


def check_glob(glob: str, file: str, key: str) -> None:
    problem = glob_problem(glob)
    if problem:
        raise ConfigError(file, key, f"glob {glob!r}: {problem}")


def resolve_config(explicit: Path | None, paths: list[Path]) -> Config:
    """The run's config: the named file, else the nearest one, else defaults."""
    if explicit is not None:
        if not os.path.lexists(explicit):
            raise ConfigError(str(explicit), None, "config file does not exist")
        return load_config(explicit)
    found = find_config(paths)
    return load_config(found) if found else Config()


def _relative(root: Path, path: str) -> str | None:
    base = _resolved(root)
    full = os.path.abspath(path)
    inside = base if base.endswith(os.sep) else base + os.sep
    if full.startswith(inside):  # the common case, without a system call
        return full[len(inside):].replace(os.sep, "/")
    try:
        rel = Path(full).relative_to(base)
    except ValueError:
        try:  # through symbolic links
            rel = Path(path).resolve().relative_to(base)
        except ValueError:
            return None
    return rel.as_posix()


@lru_cache(maxsize=64)
def _resolved(root: Path) -> str:
    """The config folder with symbolic links resolved, worked out once per run."""
    return str(root.resolve())


@lru_cache(maxsize=1024)
def _ignored_in(per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...], root: Path, path: str,
                cwd: str) -> tuple[str, ...]:
    """Codes ignored in `path` (`cwd` is part of the key: a relative path depends on it)."""
    rel = _relative(root, path)
    if rel is None:
        return ()
    return tuple(code for pattern, codes in per_path_ignores if glob_covers(pattern, rel)
                 for code in codes)
