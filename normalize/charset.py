"""The charset a file declares, found as a browser finds it.

An HTML page declares its encoding in a `<meta charset>` (or an
`http-equiv="Content-Type"` with a `content` naming a charset), an XML file
in its declaration. A browser looks for the `<meta>` with the WHATWG prescan
of the first 1024 bytes, which skips comments and reads other tags'
attributes as attributes; this one also skips the text of `<script>`,
`<style>`, `<title>` and the like, where a quoted charset is the script's,
not the page's. normalize.encoding reads a file in the charset it declares.
"""

from __future__ import annotations

import codecs
import re

# Labels that mean another encoding than Python's codec of that name (the WHATWG
# Encoding Standard: what a browser shows for them).
_LABELS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}


def declared_charset(data: bytes) -> str | None:
    """The codec name of the charset the file's head declares ('cp1257'), the
    label itself if Python has no such codec, or None when none is declared.

    A declaration is what a browser takes for one: an XML declaration's
    encoding="..." at the very start of the file, or a `<meta>` tag's
    `charset`, or its `http-equiv="Content-Type"` with a `content` naming a
    charset, found by the WHATWG prescan of the first 1024 bytes. So a
    `<meta charset>` in a comment, in another tag's attribute value, or in a
    `<script>`, `<style>`, `<title>` or `<textarea>` is not one (the prescan
    itself skips only comments and attributes; a charset quoted in a script
    is a string of the script, not the page's)."""
    head = data[:_HEAD]
    if head.startswith(b"<?xml") and (xml := _XML_DECLARATION.match(head)) is not None:
        return _codec(xml.group(1))
    if b"<" not in head or b"charset" not in head.lower():
        return None
    label = _prescan(head)
    return _codec(label) or None if label else None


# An XML declaration's encoding, at the start of the file.
_XML_DECLARATION = re.compile(rb"""<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)""",
                              re.I)
_HEAD = 1024
_SPACE = b"\t\n\x0c\r "
_SPACES = _SPACE.decode()
# Elements whose content is text up to their end tag, never tags.
_RAW_TEXT = frozenset({b"script", b"style", b"title", b"textarea", b"xmp", b"iframe",
                       b"noembed", b"noframes"})
_TAG_NAME = re.compile(rb"[^\t\n\x0c\r >]*")


def _codec(label: bytes | str) -> str:
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip(_SPACES).lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return label
    return _LABELS.get(name, name)


class _End(Exception):
    """The head ended inside a tag: the prescan stops without an answer."""


def _prescan(head: bytes) -> str | None:
    """The charset label of the first `<meta>` declaring one, found as the
    WHATWG "prescan a byte stream to determine its encoding" does, or None;
    besides, the content of the elements in _RAW_TEXT is skipped."""
    try:
        return _prescan_tags(head)
    except _End:
        return None


def _prescan_tags(head: bytes) -> str | None:
    lower = head.lower()
    end = len(head)
    pos = 0
    while True:
        pos = head.find(b"<", pos)
        if pos < 0:
            return None
        if lower.startswith(b"<!--", pos):  # a comment ends at the first "-->" ("<!-->" too)
            close = head.find(b"-->", pos + 2)
            if close < 0:
                return None
            pos = close + 3
        elif lower.startswith(b"<meta", pos) and head[pos + 5:pos + 6] in _SPACE_OR_SLASH:
            pos, label = _meta(head, pos + 6)
            if label:
                return label
            pos += 1
        elif pos + 1 < end and (head[pos + 1:pos + 2].isalpha() or (
                head[pos + 1] == 0x2F and head[pos + 2:pos + 3].isalpha())):
            closing = head[pos + 1] == 0x2F
            found = _TAG_NAME.match(lower, pos + 1 + closing)
            assert found is not None  # (the pattern matches the empty string)
            pos = found.end()
            while True:
                attribute, _, pos = _attribute(head, pos)
                if attribute is None:
                    break
            pos += 1  # (after the '>')
            name = found.group().split(b"/", 1)[0]
            if not closing and name in _RAW_TEXT:
                pos = _raw_text_end(lower, pos, name)
                if pos < 0:
                    return None
        elif head[pos + 1:pos + 2] in (b"!", b"/", b"?"):
            close = head.find(b">", pos + 1)
            if close < 0:
                return None
            pos = close + 1
        else:
            pos += 1


_SPACE_OR_SLASH = (*(bytes([b]) for b in _SPACE), b"/")


def _raw_text_end(lower: bytes, pos: int, name: bytes) -> int:
    """Where the content of a raw-text element `name` starting at `pos` ends: at
    its end tag, "</name" then a space, '/' or '>'; -1 if not in the head."""
    while True:
        pos = lower.find(b"</" + name, pos)
        if pos < 0:
            return -1
        after = lower[pos + 2 + len(name):pos + 3 + len(name)]
        if after in _SPACE_OR_SLASH or after == b">":
            return pos
        pos += 2


def _meta(head: bytes, pos: int) -> tuple[int, str | None]:
    """(position after a `<meta` tag's attributes, the charset it declares)."""
    seen: set[bytes] = set()
    got_pragma = False
    need_pragma: bool | None = None
    charset: str | None = None
    while True:
        name, value, pos = _attribute(head, pos)
        if name is None:
            break
        if name in seen:
            continue
        seen.add(name)
        if name == b"http-equiv":
            got_pragma = got_pragma or value == b"content-type"
        elif name == b"content":
            found = _charset_in_content(value)
            if found is not None and charset is None:
                charset, need_pragma = found, True
        elif name == b"charset":
            charset, need_pragma = value.decode("ascii", "replace").strip(_SPACES), False
    if need_pragma is None or (need_pragma and not got_pragma) or not charset:
        return pos, None
    if _codec(charset) in ("utf-16-le", "utf-16-be", "utf-16"):
        return pos, "utf-8"  # (what a browser does: the bytes cannot be UTF-16 if read so far)
    return pos, charset


def _attribute(head: bytes, pos: int) -> tuple[bytes | None, bytes, int]:
    """(name, value, position after it) of the attribute at `pos`, lower-cased,
    or (None, b"", position of the '>') when the tag ends: WHATWG "get an
    attribute". Raises _End when the head ends first."""
    end = len(head)

    def at(i: int) -> int:
        if i >= end:
            raise _End
        return head[i]

    while at(pos) in _SPACE or at(pos) == 0x2F:
        pos += 1
    if at(pos) == 0x3E:
        return None, b"", pos
    name = bytearray()
    while True:  # the name
        byte = at(pos)
        if byte == 0x3D and name:
            pos += 1
            break
        if byte in _SPACE:
            while at(pos) in _SPACE:
                pos += 1
            if at(pos) != 0x3D:
                return bytes(name), b"", pos
            pos += 1
            break
        if byte in (0x2F, 0x3E):
            return bytes(name), b"", pos
        name.append(byte)
        pos += 1
    name = name.lower()
    while at(pos) in _SPACE:
        pos += 1
    byte = at(pos)
    if byte in (0x22, 0x27):  # a quoted value
        close = head.find(bytes([byte]), pos + 1)
        if close < 0:
            raise _End
        return bytes(name), head[pos + 1:close].lower(), close + 1
    if byte == 0x3E:
        return bytes(name), b"", pos
    start = pos
    while at(pos) not in _SPACE and at(pos) != 0x3E:
        pos += 1
    return bytes(name), head[start:pos].lower(), pos


_CONTENT_CHARSET = re.compile(rb"charset[\t\n\x0c\r ]*=[\t\n\x0c\r ]*"
                              rb"""(?:"([^"]*)"|'([^']*)'|(["']?)([^\t\n\x0c\r ;"']*))""")


def _charset_in_content(value: bytes) -> str | None:
    """The charset a `content` attribute names ('text/html; charset=...'):
    WHATWG "extract a character encoding from a meta element"."""
    for found in _CONTENT_CHARSET.finditer(value):
        if found.group(3):  # an opening quote without its closing one
            return None
        label = found.group(1) if found.group(1) is not None else (
            found.group(2) if found.group(2) is not None else found.group(4))
        return label.decode("ascii", "replace").strip(_SPACES) or None if label else None
    return None
