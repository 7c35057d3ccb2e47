"""declared-charset: a page that declares one charset and is written in UTF-8.

An HTML page names its encoding in a `<meta charset>` (or an `http-equiv`
Content-Type), an XML file in its declaration. When the bytes are UTF-8
but the declaration names another charset ("windows-1252", "iso-8859-1"),
a browser that follows the declaration shows every accented letter and
curly quote as mojibake: "NATO’s" as "NATOâ€™s". normalize reads such a
file as UTF-8 (its bytes are: valid UTF-8 is no accident) and writes its
fixes in UTF-8, so that they match the rest of the file; this rule says
that the declaration is wrong, quoting the first word of the prose as the
browser would show it.

Rule-file syntax: only the common keys.

    kind = "declared-charset"

How it matches: once a document, from what reading found
(`Document.declared`: the charset the file's head declares, found as a
browser finds it, when the file is UTF-8 without a BOM, holds characters
outside ASCII and declares something else; a Markdown file declares
nothing). The finding is the first word of the prose holding such a
character; a file whose prose is all ASCII (accents only in markup) reads
the same either way and is left alone, and so is a declaration of a
charset no codec reads (a browser ignores it; `Document.declared` is then None).

The message may use {charset} (as pages declare it: 'windows-1252') and {shown}
(the word as the browser shows it).

Fix safety: none; whether to change the declaration or the bytes (a server
may send its own charset) is the publisher's call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..document import Document
from ..model import Finding
from .base import Rule

# a run of characters other than blanks holding one outside ASCII ("NATO’s",
# "Šakalienė", "“We"): a word with its quotes, as the reader sees it
_WORD = re.compile(r"[^\s<>]*[^\x00-\x7f][^\s<>]*")


class DeclaredCharsetRule(Rule):
    KIND = "declared-charset"
    PLACEHOLDERS = ("charset", "shown")
    PROPOSES = False

    def check(self, doc: Document) -> Iterable[Finding]:
        if doc.declared is None:
            return ()  # (nearly every document: nothing declared, or what is there)
        return self._findings(doc, doc.declared)

    def _findings(self, doc: Document, declared: str) -> Iterator[Finding]:
        m = _WORD.search(doc.text)
        if m is None:
            return  # the prose is ASCII: it reads the same in either charset
        shown = m.group().encode("utf-8", "surrogatepass").decode(declared, "replace")
        yield self.finding(doc, m.start(), m.end(), charset=_web_name(declared), shown=shown)


def _web_name(codec: str) -> str:
    """A codec's name as pages declare it: 'cp1252' -> 'windows-1252',
    'iso8859-13' -> 'iso-8859-13'."""
    if re.fullmatch(r"cp125\d", codec):
        return "windows-" + codec[2:]
    if codec.startswith("iso8859-"):
        return "iso-8859-" + codec[8:]
    return codec
