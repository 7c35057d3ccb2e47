"""Reading the TOML files normalize is set up with: rule files and config files.

One place for what both need: the text (a UTF-8 byte order mark, which editors
on Windows write and tomllib refuses as "Invalid statement", is dropped: the
lines stay the same), and where and why a file is not valid TOML.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any


class TomlError(Exception):
    """A file that is not valid TOML: the line (None if unknown) and why, in one line."""

    def __init__(self, line: int | None, reason: str) -> None:
        self.line, self.reason = line, reason
        super().__init__(reason)


def read_text(path: Path) -> str:
    """The file's text, without a leading BOM. Raises normalize.document.Unreadable."""
    from .document import read_utf8

    return read_utf8(path).removeprefix("\ufeff")


def parse(source: str) -> dict[str, Any]:
    """The TOML table in `source`. Raises TomlError."""
    try:
        return tomllib.loads(source.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(_line(exc), _reason(exc)) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise TomlError(None, "arrays or tables nested too deeply to read") from None


def _line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    m = re.search(r"at line (\d+)", str(exc))
    return int(m.group(1)) if m else None


def _reason(exc: tomllib.TOMLDecodeError) -> str:
    msg = getattr(exc, "msg", None) or str(exc)
    return re.sub(r"\s*\(at line \d+, column \d+\)$", "", msg)
