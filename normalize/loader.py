"""Find, parse and validate rule files into a RuleSet. Fails fast: file:line.

Rule files are TOML (stdlib `tomllib`: no implicit typing surprises). A
folder of rules is walked recursively in sorted order, as article folders are
(`rule_files`: hidden files and folders, such as .git and .venv, and virtual
environments are skipped); every `*.toml` file is one rule, except a config
(normalize.toml, pyproject.toml) and a file that is not a rule file at all:
one with neither a `kind` nor a `code` key, such as another tool's ruff.toml,
netlify.toml or a site generator's config, which a rule folder that is the
project's own (`rules = ["."]`) is bound to hold. The default rules ship
inside the package (`normalize/rules` in an installed wheel, `rules/` beside
the package in a source checkout).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from . import rulecache, tomlfile
from .config import CONFIG_NAMES
from .document import Unreadable
from .kinds import KINDS
from .kinds.base import (
    CODE_RE,
    COMMON_FIELDS,
    FieldSpec,
    LineFinder,
    Rule,
    RuleError,
    RuleMeta,
    placeholder_problem,
)
from .kinds.names import prefer_later
from .model import Applicability, Severity


def default_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if os.path.isdir(candidate):
            return candidate
    raise RuleError(str(here / "rules"), None, "default rules not found (broken install?)")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    # Which codes to report where: anything with wants_code(code, path) -> bool
    # (a config.Config). None reports everything.
    policy: Any = None

    def wants(self, code: str, path: str | None = None) -> bool:
        return self.policy is None or self.policy.wants_code(code, path)

    def active(self, path: str) -> tuple[Rule, ...]:
        """The rules whose findings are reported in `path`. Files with the same
        path-dependent settings (a config's `path_key`) share one answer."""
        if self.policy is None:
            return self.rules
        key = getattr(self.policy, "path_key", lambda p: p)(path)
        cache = self.__dict__.setdefault("_active", {})
        found = cache.get(key)
        if found is None:
            found = cache[key] = tuple(r for r in self.rules if self.wants(r.meta.code, path))
        return found

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules, in order."""
        return tuple(rule.meta.code for rule in self.rules)

    def with_policy(self, policy: Any) -> RuleSet:
        return RuleSet(self.rules, policy)

    @cached_property
    def superseding(self) -> dict[str, frozenset[str]]:
        """Code -> the codes whose findings inside its findings are not reported."""
        return {r.meta.code: frozenset(r.meta.supersedes) for r in self.rules
                if r.meta.supersedes}

    def by_code(self, code: str) -> Rule | None:
        for rule in self.rules:
            if rule.meta.code == code:
                return rule
        return None


def load_rules(dirs: list[Path], use_defaults: bool = True) -> RuleSet:
    """The rules of the default folder (unless `use_defaults` is false) and `dirs`.

    Loading is remembered for the life of the process, by each file's name, size
    and modification time: checking many texts through the API, or a test suite,
    pays for parsing and compiling once. A changed file is loaded again.
    """
    folders = ([default_rules_dir()] if use_defaults else []) + [Path(d) for d in dirs]
    listing = []
    listed: set[str] = set()  # a file in two folders given (".", and "house" in it) is one
    for folder in folders:
        if not os.path.isdir(folder):
            raise RuleError(str(folder), None, "rule folder does not exist")
        files = []
        for path in rule_files(folder):
            real = os.path.realpath(path)
            if real in listed:
                continue
            listed.add(real)
            try:
                info = path.stat()
                files.append((path, info.st_mtime_ns, info.st_size))
            except OSError:
                files.append((path, 0, 0))  # reading it reports the error
        listing.append(tuple(files))
    return _load_listing(tuple(listing))


def rule_files(folder: Path) -> list[Path]:
    """The rule files below `folder`, sorted: its `*.toml` files, walked as article
    folders are (hidden files and folders skipped, linked folders not entered),
    less configs (normalize.toml, pyproject.toml: a config beside its rules) and
    virtual environments (a folder with a pyvenv.cfg: an installed normalize's
    own rules are there). A folder that cannot be listed is a RuleError."""
    def unlistable(exc: OSError) -> None:
        raise RuleError(str(exc.filename or folder), None,
                        f"cannot read folder ({exc.strerror or exc})")

    found = []
    for here, subfolders, names in os.walk(folder, onerror=unlistable):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")
                         and not os.path.isfile(os.path.join(here, name, "pyvenv.cfg"))]
        found += [Path(here, name) for name in names if name.endswith(".toml")
                  and not name.startswith(".") and name not in CONFIG_NAMES]
    return sorted(found)


def is_rule_table(data: dict[str, Any]) -> bool:
    """Whether a parsed TOML file in a rule folder is meant as a rule: it has a
    `kind` or a `code` (every rule has both; one without either is another
    tool's file, passed over; one with only one of them is a rule with an error)."""
    return "kind" in data or "code" in data


@lru_cache(maxsize=8)
def _load_listing(listing: tuple[rulecache.Listing, ...]) -> RuleSet:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for files in listing:
        before = len(rules)
        _load_folder(files, rules, seen)
        prefer_later(rules[:before], rules[before:])  # a newsroom's names list wins
    for rule in rules:
        for code in rule.meta.supersedes:
            if code not in seen:
                raise RuleError(rule.meta.path, rule.where("supersedes"),
                                f"'supersedes' names {code}, which no loaded rule has")
    return RuleSet(tuple(rules))


def _load_folder(files: rulecache.Listing, rules: list[Rule], seen: dict[str, str]) -> None:
    """Add the rules of one folder's files to `rules`, in order, failing at the
    first bad file or code already `seen`. From the cache on disk
    (normalize.rulecache) when it holds the folder, else read and analysed, and
    then kept there."""
    stored = rulecache.read(files)
    if stored is not None:
        for (path, _, _), (source, data) in zip(files, stored):
            if not is_rule_table(data):
                continue
            rule = build_rule(data, str(path), LineFinder(source), default_name=path.stem)
            _add(rule, rules, seen)
        return
    parsed: list[tuple[str, bytes]] = []
    with rulecache.ANALYSIS.record() as answers:
        for path, _, _ in files:
            source, data = _parse(path)
            if not is_rule_table(data):  # another tool's file: kept as an empty table
                parsed.append(("", rulecache.table_bytes({}) or b""))
                continue
            kept = rulecache.table_bytes(data)  # before the rule sees (and might change) it
            if kept is not None:
                parsed.append((source, kept))
            _add(build_rule(data, str(path), LineFinder(source), default_name=path.stem),
                 rules, seen)
    rulecache.write(files, parsed, answers)


def _add(rule: Rule, rules: list[Rule], seen: dict[str, str]) -> None:
    duplicate = claim_code(rule, seen)
    if duplicate is not None:
        raise duplicate
    rules.append(rule)


def claim_code(rule: Rule, seen: dict[str, str]) -> RuleError | None:
    """Record `rule`'s code in `seen` (code -> file), or the error saying which
    file already uses it (codes are unique across every folder loaded)."""
    code = rule.meta.code
    if code in seen:
        return RuleError(rule.meta.path, rule.where("code"),
                         f"code {code} already used by {seen[code]}")
    seen[code] = rule.meta.path
    return None


def load_rule_file(path: Path) -> Rule:
    source, data = _parse(path)
    return build_rule(data, str(path), LineFinder(source), default_name=path.stem)


def read_rule_file(path: Path) -> Rule | None:
    """The rule in `path`, as a rule folder's file is read: None for a file that
    is not a rule file (`is_rule_table`). Raises RuleError."""
    source, data = _parse(path)
    if not is_rule_table(data):
        return None
    return build_rule(data, str(path), LineFinder(source), default_name=path.stem)


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    """A rule file's source and table, or the error that says why it cannot be read."""
    name = str(path)
    try:
        source = tomlfile.read_text(path)
    except Unreadable as exc:
        raise RuleError(name, None, f"cannot read rule file: {exc.reason}") from None
    try:
        return source, tomlfile.parse(source)
    except tomlfile.TomlError as exc:
        raise RuleError(name, exc.line, f"invalid TOML: {exc.reason}") from None


def build_rule(data: dict[str, Any], path: str, where: LineFinder, default_name: str) -> Rule:
    kind_name = data.get("kind")
    if kind_name is None:
        raise RuleError(path, None, "missing key 'kind' " + _kinds_hint())
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        raise RuleError(path, where("kind"), f"unknown kind {kind_name!r} " + _kinds_hint())
    cls = KINDS[kind_name]
    fields = {**COMMON_FIELDS, **cls.FIELDS}
    values = validate_table(data, fields, path, where, context="")
    code = values["code"]
    if not CODE_RE.match(code):
        raise RuleError(path, where("code"),
                        f"bad code {code!r}: want letters then digits, e.g. MT101")
    if cls.PLACEHOLDERS is not None:
        problem = placeholder_problem(values["message"], cls.PLACEHOLDERS)
        if problem:
            raise RuleError(path, where("message"), f"key 'message' {problem}")
    examples = validate_table(
        values["examples"],
        {"fail": FieldSpec("list[str]", required=True),
         "pass": FieldSpec("list[str]", required=True)},
        path, where, context="examples.",
    )
    meta = RuleMeta(
        code=code,
        name=values["name"] or default_name,
        kind=kind_name,
        message=values["message"],
        source=values["source"],
        severity=Severity(values["severity"]),
        applicability=Applicability(values["applicability"]),
        description=values["description"],
        path=path,
        examples_fail=tuple(examples["fail"]),
        examples_pass=tuple(examples["pass"]),
        requires_evidence=values["requires_evidence"],
        supersedes=tuple(values["supersedes"]),
    )
    for other in meta.supersedes:
        if not CODE_RE.match(other) or other == code:
            raise RuleError(path, where("supersedes"),
                            f"'supersedes' holds {other!r}: want the code of another rule")
    options = {k: values[k] for k in cls.FIELDS}
    return cls(meta, options, where)


def validate_table(
    data: dict[str, Any], fields: dict[str, FieldSpec], path: str, where: LineFinder, context: str
) -> dict[str, Any]:
    for key in data:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise RuleError(path, where(key), f"unknown key '{context}{key}' (known keys: {known})")
    out: dict[str, Any] = {}
    for key, spec in fields.items():
        if key not in data:
            if spec.required:
                raise RuleError(path, None, f"missing required key '{context}{key}'")
            out[key] = spec.default
            continue
        value = data[key]
        problem = type_problem(value, spec.type)
        if problem:
            raise RuleError(path, where(key), f"key '{context}{key}' {problem}")
        if spec.choices and value not in spec.choices:
            raise RuleError(
                path, where(key),
                f"key '{context}{key}' is {value!r}, want one of: {', '.join(spec.choices)}",
            )
        if spec.minimum is not None and value < spec.minimum:
            raise RuleError(path, where(key),
                            f"key '{context}{key}' is {value!r}, want {spec.minimum} or more")
        out[key] = value
    return out


_TYPE_NAMES = {str: "a string", bool: "a boolean", int: "an integer", float: "a number",
               list: "an array", dict: "a table"}


def type_problem(value: Any, want: str) -> str | None:
    def name(v: Any) -> str:
        return _TYPE_NAMES.get(type(v), type(v).__name__)

    simple = {"str": str, "bool": bool, "table": dict, "list": list}
    if want in simple:
        ok = isinstance(value, simple[want])
        return None if ok else f"must be {_TYPE_NAMES[simple[want]]}, not {name(value)}"
    if want == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be an integer, not {name(value)}"
    if want == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"must be a number, not {name(value)}"
    if want in ("list[str]", "list[table]"):
        inner = str if want == "list[str]" else dict
        if not isinstance(value, list):
            return f"must be an array, not {name(value)}"
        for item in value:
            if not isinstance(item, inner):
                return f"must hold only {_TYPE_NAMES[inner].split()[-1]}s, found {name(item)}"
        return None
    if want == "table[str]":
        if not isinstance(value, dict):
            return f"must be a table, not {name(value)}"
        for k, v in value.items():
            strings = isinstance(v, list) and all(isinstance(x, str) for x in v)
            if not (isinstance(v, str) or strings):
                return f"entry '{k}' must be a string or an array of strings, not {name(v)}"
        return None
    raise AssertionError(f"unknown field type {want}")


def _kinds_hint() -> str:
    return "(known kinds: " + ", ".join(sorted(KINDS)) + ")"

