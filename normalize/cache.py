"""A cache on disk for what is slow to work out and always the same for the same inputs.

Analysed rule files and word lists in a quick-to-read form are derived from
inputs that rarely change (the rule files, the installed word data). They are
worked out on the first run and kept in a folder:

    $NORMALIZE_CACHE_DIR, else $XDG_CACHE_HOME/normalize, else ~/.cache/normalize

An entry is found by a name and a key: the key holds everything the entry
depends on (file contents or their size and time, package versions), plus the
version of normalize and of Python, so a stale entry is never read, only left
behind. `NORMALIZE_NO_CACHE=1` turns the cache off. The cache is a speed-up
and nothing else: a folder that cannot be read or written, or an entry that is
damaged, makes the caller work the value out again, with the same result. An
entry carries a checksum of its bytes (Adler-32: a few milliseconds for the
dozen megabytes a run reads), so a byte changed on disk makes it damaged, not
a rule or a word list that quietly finds something else.
Entries are written atomically (a temporary file, then a rename), so processes
running side by side never read half an entry.

The folder does not grow without bound: reading an entry marks it used (its
modification time), and writing one removes the entries of the same name
beyond the KEEP most recently used (left by an edited rule file, an upgrade).
"""

from __future__ import annotations

import hashlib
import os
import sys
import zlib
from pathlib import Path

from . import __version__

_MAGIC = b"normalize-cache-2\n"  # then the checksum of the bytes after it, then those
_SUM = 4  # bytes of the checksum (zlib.adler32, little-endian)
KEEP = 8  # entries of one name kept: the most recently used


def installed(names: tuple[str, ...]) -> str:
    """Which versions of the distributions `names` are installed, for a key: the
    names of their .dist-info folders beside each package ("absent" for one not
    found), without importing them or importlib.metadata (slow to import)."""
    from importlib.util import find_spec

    out = []
    for name in names:
        spec = find_spec(name)
        where = spec and (next(iter(spec.submodule_search_locations or ()), None) or spec.origin)
        try:
            entries = os.listdir(os.path.dirname(where)) if where else []
        except OSError:
            entries = []
        prefix = name.lower() + "-"
        found = sorted(n for n in entries
                       if n.endswith(".dist-info") and n.lower().startswith(prefix))
        out.append(" ".join(found) or f"{name}-absent")
    return " ".join(out)


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    if os.environ.get("NORMALIZE_NO_CACHE"):
        return None
    explicit = os.environ.get("NORMALIZE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "normalize"


def _entry(name: str, key: str) -> Path | None:
    where = folder()
    if where is None:
        return None
    full = f"{__version__}\0{sys.version}\0{name}\0{key}"
    return where / f"{name}-{hashlib.sha256(full.encode('utf-8')).hexdigest()[:24]}"


def read(name: str, key: str) -> bytes | None:
    """The entry's bytes, or None (no entry, cache off, unreadable, damaged)."""
    path = _entry(name, key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _SUM
    if not data.startswith(_MAGIC) or len(data) < head or int.from_bytes(
            data[len(_MAGIC):head], "little") != zlib.adler32(memoryview(data)[head:]):
        return None
    try:
        os.utime(path)  # used now: the last to be pruned
    except OSError:
        pass
    return data[head:]


def write(name: str, key: str, data: bytes) -> None:
    """Keep `data` as the entry; any failure is ignored (the cache is optional)."""
    path = _entry(name, key)
    if path is None:
        return
    import tempfile  # only writing needs it: reading stays quick to import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + zlib.adler32(data).to_bytes(_SUM, "little") + data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(path.parent, name, path.name)
    except OSError:
        return


def _prune(where: Path, name: str, new: str) -> None:
    """Remove the entries of `name` beyond the KEEP most recently used (`new`,
    just written, stays). An entry another process removes first is skipped."""
    prefix = f"{name}-"
    dated = []
    for entry in os.scandir(where):
        if entry.name.startswith(prefix) and entry.name != new and \
                entry.name[len(prefix):].isalnum():
            try:
                dated.append((entry.stat().st_mtime_ns, entry.name))
            except OSError:
                continue
    dated.sort(reverse=True)
    for _, old in dated[KEEP - 1:]:
        try:
            os.unlink(where / old)
        except OSError:
            continue
