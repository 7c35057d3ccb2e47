"""What every rule kind shares: the rule-file keys, validation and findings.

A rule file is TOML. The keys every file has:

    code = "MT101"              # stable code, letters then digits; unique
    kind = "substitution"       # which kind runs it (see `normalize rules list`)
    message = "..."             # may quote {text} (found), {replacement} and the
                                # kind's own placeholders; others are refused
    source = "..."              # why we believe it: a reference, a style guide
    severity = "warning"        # error | warning | suggestion (default: warning)
    applicability = "unsafe"    # safe | unsafe | display-only (default: unsafe)
    description = "..."         # optional, longer explanation
    name = "..."                # optional, defaults to the file name
    requires_evidence = false   # true: fire only in a document where another
                                # rule found a translation artefact (an MT
                                # code): for words that are also good English
    supersedes = ["LG101"]      # codes whose findings inside this rule's finding
                                # say less than it does: they are not reported
                                # ("6 min de lecture" is a label to remove, not
                                # French to translate)

    [examples]                  # run by the tests
    fail = ["text the rule must flag", ...]
    pass = ["text the rule must leave alone", ...]

Each kind adds its own keys (its `FIELDS`). Unknown keys are errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from .. import programs
from ..document import Document
from ..line_anchors import line_neutral
from ..loading import one_time_load
from ..markup import readable
from ..model import Applicability, Finding, Fix, Severity
from ..programs import Program
from ..rulecache import ANALYSIS


class RuleError(Exception):
    """A rule file that cannot be used. str() is one line: 'file:line: what'."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class FieldSpec:
    """One key of a rule file: its TOML type, whether required, a default."""

    type: str  # str | bool | int | float | list[str] | table | table[str] | list[table]
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    doc: str = ""
    minimum: int | None = None  # for numbers: the least value that makes sense


COMMON_FIELDS: dict[str, FieldSpec] = {
    "code": FieldSpec("str", required=True, doc="stable code, e.g. MT101"),
    "kind": FieldSpec("str", required=True, doc="the rule kind"),
    "message": FieldSpec("str", required=True, doc="may use {text} and {replacement}"),
    "source": FieldSpec("str", required=True, doc="why we believe the rule"),
    "severity": FieldSpec("str", default="warning", choices=("error", "warning", "suggestion")),
    "applicability": FieldSpec(
        "str", default="unsafe", choices=("safe", "unsafe", "display-only")
    ),
    "description": FieldSpec("str", default=""),
    "name": FieldSpec("str", default=""),
    "requires_evidence": FieldSpec(
        "bool", default=False, doc="fire only if the document shows other MT artefacts"
    ),
    "supersedes": FieldSpec(
        "list[str]", default=[], doc="codes whose findings inside this rule's are not reported"
    ),
    "examples": FieldSpec("table", required=True, doc="fail = [...], pass = [...]"),
}

# Codes whose findings are evidence that a document was machine-translated.
EVIDENCE_PREFIX = "MT"


def is_evidence(finding: Finding) -> bool:
    """A translation artefact found by a rule that does not itself need evidence."""
    return finding.code.startswith(EVIDENCE_PREFIX)


CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{2,4}$")


@dataclass(frozen=True)
class RuleMeta:
    code: str
    name: str
    kind: str
    message: str
    source: str
    severity: Severity
    applicability: Applicability
    description: str
    path: str
    examples_fail: tuple[str, ...]
    examples_pass: tuple[str, ...]
    requires_evidence: bool = False
    supersedes: tuple[str, ...] = ()


class Rule:
    """Base of all rule kinds. Subclasses set KIND and FIELDS and implement check()."""

    KIND: ClassVar[str] = ""
    FIELDS: ClassVar[dict[str, FieldSpec]] = {}
    # The {placeholders} the kind fills in a message besides {text} and
    # {replacement}; a message quoting another is refused when the rule loads.
    # None: not declared (not checked).
    PLACEHOLDERS: ClassVar[tuple[str, ...] | None] = None
    # False: the kind only flags what it finds and never proposes a fix, whatever
    # the rule file's `applicability` says (`rules explain` then shows "fix: none")
    PROPOSES: ClassVar[bool] = True
    # Needles (normalize.needles) one of which the shared pass over a document must
    # find for check() to find anything: the engine skips the rule without calling
    # it when none is there. None: the rule has no such test.
    needles: frozenset[str] | None = None

    def __init__(self, meta: RuleMeta, options: dict[str, Any], where: LineFinder) -> None:
        self.meta = meta
        self.options = options
        self.where = where

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    # helpers for subclasses ------------------------------------------------------

    def error(self, key: str, message: str) -> RuleError:
        return RuleError(self.meta.path, self.where(key), message)

    def compile(self, key: str, pattern: str, flags: int = 0,
                written: str | None = None) -> re.Pattern[str]:
        """`pattern` compiled, or the rule error that says why it cannot be used.
        A pattern checked before (normalize.rulecache) compiles when first used.
        Where MULTILINE is in effect, `^`, `$` and `.` treat CRLF, CR and LF line
        endings alike (normalize.line_anchors); errors and analyses name the
        pattern as written: `written`, where the rule's own text (a swap's key)
        is a part of `pattern`."""
        checked = ANALYSIS.checked(pattern, flags)
        if checked:
            return LazyPattern(line_neutral(pattern, flags), flags,  # type: ignore[return-value]
                               checked if isinstance(checked, tuple) else None)
        where = f"'{key}'" if written is None else f"'{key}' entry {written!r}"
        try:
            compiled, program = programs.build(line_neutral(pattern, flags), flags)
        except re.error:
            # the rule's own text first: an error's position is then one in what it wrote
            for candidate in ((pattern,) if written is None else (written, pattern)):
                try:
                    re.compile(candidate, flags)
                except re.error as exc:
                    if candidate is pattern and written is not None and "global flags" in str(exc):
                        raise self.error(key, (
                            f"bad regular expression in {where}: a global flag such as (?i) "
                            "must begin a whole pattern, and this text is placed inside one; "
                            "write a scoped flag, (?i:...)")) from None
                    raise self.error(key, f"bad regular expression in {where}: {exc}") from None
                except (RecursionError, OverflowError) as exc:
                    raise self.error(key, f"bad regular expression in {where}: "
                                          f"{programs.too_large(exc)}") from None
            raise self.error(key, (  # not expected: line_neutral keeps a valid pattern valid
                f"regular expression {pattern!r} in '{key}' cannot be made to treat "
                "CRLF, CR and LF line endings alike")) from None
        from ..regex_safety import backtracking_risk

        risk = backtracking_risk(pattern, flags)
        if risk is not None:
            text = pattern if written is None else written
            shown = text if len(text) <= 60 else text[:57] + "..."
            raise self.error(key, (
                f"regular expression {shown!r} in '{key}' can backtrack catastrophically "
                f"({risk}): make each repetition need a character the inner one cannot "
                "match, or use an atomic group (?>...) or a possessive quantifier (a++)"))
        ANALYSIS.passed(pattern, flags, program)
        return compiled

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        replacement: str | None = None,
        *,
        applicability: Applicability | None = None,
        message: str | None = None,
        data: Iterable[tuple[str, str]] = (),
        **values: str,
    ) -> Finding:
        text = doc.text[start:end]
        fix = None
        if replacement is not None and replacement != text:
            level = applicability or self.meta.applicability
            if level is Applicability.SAFE and _line_breaks(replacement) < _line_breaks(text):
                # a fix that joins lines (in a .txt article: paragraphs, "the\n\nNATO's"
                # -> "NATO's") or changes their endings is an editor's call
                level = Applicability.UNSAFE
            fix = Fix.replace(start, end, replacement, level)
        template = message if message is not None else self.meta.message
        # in a Markdown or HTML file, quote the prose as it reads, not its blanked view
        quoted = readable(doc, start, end) if doc.protected else text
        msg = safe_format(template, text=quoted, replacement=replacement or "", **values)
        return Finding(
            path=doc.path,
            start=start,
            end=end,
            code=self.meta.code,
            rule=self.meta.name,
            severity=self.meta.severity,
            message=msg,
            text=text,
            fix=fix,
            data=tuple(data),
        )



def _line_breaks(text: str) -> int:
    """Its CR and LF characters (a CRLF counts twice)."""
    return text.count("\n") + text.count("\r") if ("\n" in text or "\r" in text) else 0


class LazyPattern:
    """A checked regular expression, compiled when first used: most rules never
    run theirs on a small document (their needles are absent). It answers as
    the compiled pattern does; after the first use its methods are the
    compiled pattern's own. With its compiled program (kept by
    normalize.rulecache), that first use costs microseconds, not a compile."""

    _SHARED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
               "scanner", "pattern", "flags", "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0, program: Program | None = None) -> None:
        self._source = (pattern, flags, program)

    @one_time_load
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        pattern, flags, program = self._source
        compiled = (program and programs.make(program)) or re.compile(pattern, flags)
        for shared in self._SHARED:
            setattr(self, shared, getattr(compiled, shared))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[type, tuple[str, int, Program | None]]:
        return LazyPattern, self._source

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]})"


class LineFinder:
    """Finds the line of a key in a TOML file's source, for error messages."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def __call__(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*(?:\[+\s*)?[\"']?{re.escape(key)}[\"']?\s*(?:=|\]|\.)")
        for number, line in enumerate(self.lines, 1):
            if pattern.match(line):
                return number
        return None


MESSAGE_PLACEHOLDERS = ("text", "replacement")
# what may follow a placeholder's ':' in a message: an alignment, a width, a precision
_SPEC = re.compile(r"[<>^]?[0-9]{0,3}(?:\.[0-9]{1,3})?")


def placeholder_problem(template: str, offered: Iterable[str]) -> str | None:
    """Why `template` (a rule's message) cannot be filled with the `offered`
    placeholders (besides {text} and {replacement}), or None."""
    import string

    known = (*MESSAGE_PLACEHOLDERS, *offered)
    try:
        fields = [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template)
                  if name is not None]
    except ValueError as exc:  # a lone '{' or '}'
        return f"is not a valid template ({exc}; write a brace as {{{{ or }}}})"
    for name, spec in fields:
        head = re.split(r"[.\[]", name, maxsplit=1)[0]
        if head not in known:
            shown = "{" + name + "}" if name else "{} (a placeholder needs a name)"
            return (f"quotes the unknown placeholder {shown}; this kind offers "
                    + ", ".join("{" + k + "}" for k in known))
        if head != name:  # {text.__class__}, {text[0]}: not the text, and a way into objects
            return (f"quotes {{{name}}}: a placeholder is a plain name such as {{{head}}}, "
                    "with no attribute or index")
        if not _SPEC.fullmatch(spec):  # {text:>999999999} would make a string of a gigabyte
            return (f"gives {{{name}:{spec}}} a format it does not allow: at most an "
                    "alignment, a width and a precision of three digits each, e.g. {text:.40}")
    return None


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def safe_format(template: str, **values: str) -> str:
    """str.format that leaves unknown {placeholders} as they are."""
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):
        return template
