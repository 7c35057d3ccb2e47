"""Reject rule-file regexes that can backtrack catastrophically, at load time.

Python's `re` backtracks: `(a+)+$` against "aaaa...b" tries every way of
cutting the run of a's, 2^n of them, and a run over an archive would hang.
A pattern of such a shape is refused when it loads, with the piece to
rewrite; what no check here catches is stopped by the time limit on each
file's work (normalize.parallel). Two checks:

- a repetition whose body can match by repeating something *alone*, with
  everything else in the body optional:

    (a+)+   (\\w+\\s?)*   (?:x*)*   (a+|b)+   ((ab)*c?)+

  while `(?:\\s+\\w+){0,3}` passes: each turn must cross a blank and then a
  word, so a text can be cut into turns in one way only;
- a repetition whose body can match one text in two ways (see
  `_ambiguous_repeat` below): overlapping alternatives `(a|a)+`, `(a|aa)+`,
  adjacent repetitions that take the same characters `(x+x+)+`, `(.*,)+`,
  and a counted body that can match nothing `(?:a?){40}`.

Atomic groups and possessive quantifiers (`(?>a+)+`, `(a++)+`) never
backtrack into and pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typeshed describes the parser under its old public names only
    import sre_compile as _compiler
    import sre_constants
    import sre_parse
else:
    try:  # Python 3.11+
        from re import _compiler
        from re import _constants as sre_constants
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - older layout
        import sre_compile as _compiler
        import sre_constants
        import sre_parse

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,?\d*\})")
# a verbose flag, global or scoped ("(?x)", "(?ix:"): blanks and comments may then
# stand between a group and its quantifier, which `_REPEATED_GROUP` does not see
_VERBOSE_FLAG = re.compile(r"\(\?[aiLmsux]*x[aiLmsux]*(?:-[imsx]*)?[:)]")


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """The piece of `pattern` that can backtrack catastrophically, or None."""
    if not (_REPEATED_GROUP.search(pattern) or flags & re.VERBOSE
            or _VERBOSE_FLAG.search(pattern)):
        return None  # only a repeated group can hold a repetition: nothing to parse
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a bad pattern is reported by re.compile itself
        return None
    found = _walk(tree)
    if found is not None:
        return _describe(pattern, found)
    return _ambiguous_repeat(tree)


def _walk(seq) -> object | None:  # noqa: ANN001 - sre_parse has no types
    for op, av in seq:
        if op in _REPEATS:
            _low, high, body = av
            if high > 1 and _repeats_alone(body):
                return body
            inner = _walk(body)
        elif op is sre_constants.SUBPATTERN:
            inner = _walk(av[-1])
        elif op is sre_constants.BRANCH:
            inner = next((hit for alt in av[1] if (hit := _walk(alt)) is not None), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            inner = _walk(av[1])
        elif op is sre_constants.GROUPREF_EXISTS:
            inner = _walk(av[1]) or (_walk(av[2]) if av[2] is not None else None)
        else:  # literals, classes, atomic groups, possessive repeats: no backtracking
            inner = None
        if inner is not None:
            return inner
    return None


def _repeats_alone(body) -> bool:  # noqa: ANN001
    """True when `body` can match by repeating one of its parts while every other
    part matches nothing: then a repetition of `body` can cut a text many ways."""
    widths = [body[i : i + 1].getwidth()[0] for i in range(len(body))]
    total = sum(widths)
    for (op, av), width in zip(body, widths):
        if total - width > 0:
            continue  # another part needs a character: turns cannot merge
        if op in _REPEATS and av[1] > 1:
            return True
        if op is sre_constants.SUBPATTERN and _repeats_alone(av[-1]):
            return True
        if op is sre_constants.BRANCH and any(_repeats_alone(alt) for alt in av[1]):
            return True
    return False


def _describe(pattern: str, body) -> str:  # noqa: ANN001
    """A short human pointer to the repeated body (its source text when found)."""
    text = _source(body)
    return f"a repeated group repeats '{text}' inside it" if text else "nested repetition"


def _source(body) -> str:  # noqa: ANN001
    """Best-effort rendering of a parsed piece: enough to point at it."""
    out = []
    for op, av in body:
        if op is sre_constants.LITERAL:
            out.append(chr(av) if chr(av).isprintable() else ascii(chr(av))[1:-1])
        elif op in _REPEATS:
            low, high, inner = av
            mark = {(0, sre_constants.MAXREPEAT): "*", (1, sre_constants.MAXREPEAT): "+",
                    (0, 1): "?"}.get((low, high), f"{{{low},{high}}}")
            out.append(f"({_source(inner)}){mark}" if len(inner) > 1 else _source(inner) + mark)
        elif op is sre_constants.SUBPATTERN:
            out.append(f"({_source(av[-1])})")
        elif op is sre_constants.BRANCH:
            out.append("(" + "|".join(_source(alt) for alt in av[1]) + ")")
        elif op is sre_constants.IN:
            out.append("[...]")
        elif op is sre_constants.ANY:
            out.append(".")
        else:
            out.append("…")
    return "".join(out)


# -- a repeated body that can match one text in two ways ------------------------------
#
# The shapes above are those where a part repeats *alone*. The others come from
# a body whose turns can cut one text in two ways: overlapping alternatives
# ((a|a)+, (a|aa)+, (\w|\d)+), adjacent repetitions that take the same
# characters ((x+x+)+), or a counted body that may match nothing ((?:a?){40}).
# Each repetition's body is turned into its position automaton (Glushkov: one
# state per character the body matches, an edge where one can follow another,
# the repetition's own edge from its last characters back to its first), and
# two runs of it are walked side by side over the same characters: the body is
# ambiguous when two runs that start in the same state can part and meet again
# (a cycle of the pair automaton through a state where they agree and one where
# they do not), which is what makes the number of ways grow exponentially with
# the number of turns. Lookarounds and anchors match nothing here, but \b and \B
# keep the edges whose characters can be a boundary (or not): `(?:\b\w+\b\s*)+`
# cuts a text one way only. Atomic groups and possessive repetitions are one
# state each that only meets itself. Repetitions with a back reference are left
# to the time limit (normalize.parallel), as are those too large to pair: a body
# of more than _POSITIONS characters (a repeated alternation of hundreds of words)
# is not built, and the walk stops after _PAIRS pairs or _WORK pairs of next states
# weighed, so that no repetition costs more than about a second or a few tens of
# megabytes here (a hundred overlapping words: 0.2 s, 50 MB).

_COUNTED_NULLABLE = 6  # copies of a body that can match nothing: (?:a?){6} is refused
_POSITIONS = 400  # characters of a repeated body, at most, to build its automaton for
_PAIRS = 40_000  # pairs of states looked at, at most, for one repetition
_WORK = 2_000_000  # pairs of next states weighed, at most, for one repetition
_SAMPLE = ("aAzZkK0159_ \t\n\r\x0b\x0c\u00a0\u2009.,;:!?-\u2013\u2014'\"\u2019\u201c()[]/\\&%$#@*+="
           "\u00e9\u00c9\u00df\u0105\u0117\u017e\u0161\u0436\u0416\u03a9\u4e2d\ufeff\x00")


class _Skip(Exception):
    """A construct the analysis does not model: the pattern is not refused."""


class _Body:
    """The position automaton of one repetition's body (see above): `masks`
    says which of a sample of characters (a fixed set, and those the body
    names in every case) each state matches, as bits; two states can take one
    character when their masks meet."""

    def __init__(self, state: sre_parse.State, body) -> None:  # noqa: ANN001
        self.state = state
        named = {c for code in _named(body) for c in _cases(chr(code))}
        self.sample = _SAMPLE + "".join(sorted(named - set(_SAMPLE)))
        self.masks: list[int] = []
        self.word: list[tuple[bool, bool]] = []  # (can be a word character, can be another)
        self.follow: list[dict[int, int]] = []  # state -> next state -> ways (1, 2: more)

    def position(self, atom: tuple | None) -> int:
        """A new state for `atom` (op, av, flags); None: one that meets only itself."""
        index = len(self.masks)
        if atom is None:
            self.masks.append(1 << (len(self.sample) + index))
            self.word.append((True, True))
        else:
            op, av, flags = atom
            state = sre_parse.State()
            state.flags = flags  # the pattern's, as groups around the atom set and clear them
            one = _compiler.compile(sre_parse.SubPattern(state, [(op, av)]))
            mask, word, other = 0, False, False
            for i, c in enumerate(self.sample):
                if one.fullmatch(c):
                    mask |= 1 << i
                    if c.isalnum() or c == "_":
                        word = True
                    else:
                        other = True
            self.masks.append(mask)
            self.word.append((word, other))
        self.follow.append({})
        return index

    def build(self, seq, flags: int) -> tuple[_Ways, _Ways, _Ways]:  # noqa: ANN001
        """(first, last, empty) of a sequence: its first and last states, each
        with the assertions (b, B) passed on the way in or out, and the
        assertions passed by each way to match nothing (none: it always takes
        a character); each with how many ways lead to it (1, or 2 for more)."""
        first: _Ways = {}
        last: _Ways = {}
        empty: _Ways = {frozenset(): 1}
        for op, av in seq:
            f, t, e = self.item(op, av, flags)
            self.join(last, f)
            first = _more(first, _passing(f, empty))
            last = _more(t, _passing(last, e))
            empty = _passing(empty, e)
        return first, last, empty

    def join(self, last: _Ways, first: _Ways) -> None:
        for (p, t), n in last.items():
            for (q, h), m in first.items():
                self.edge(p, q, t | h, n * m)

    def edge(self, p: int, q: int, passed: frozenset, ways: int) -> None:
        if passed:
            (pw, po), (qw, qo) = self.word[p], self.word[q]
            if "b" in passed and not (pw and qo or po and qw):
                return  # \b between two characters that are both word ones, or both not
            if "B" in passed and not (pw and qw or po and qo):
                return
        self.follow[p][q] = min(2, self.follow[p].get(q, 0) + ways)

    def item(self, op, av, flags: int) -> tuple[_Ways, _Ways, _Ways]:  # noqa: ANN001
        if op in _ATOMS:
            q = self.position((op, av, flags))
            return {(q, _NONE): 1}, {(q, _NONE): 1}, {}
        if op is sre_constants.SUBPATTERN:
            _group, add, remove, body = av
            return self.build(body, (flags | add) & ~remove)
        if op is sre_constants.BRANCH:
            first: _Ways = {}
            last: _Ways = {}
            empty: _Ways = {}
            for alt in av[1]:
                f, t, e = self.build(alt, flags)
                first, last, empty = _more(first, f), _more(last, t), _more(empty, e)
            return first, last, empty
        if op in _REPEATS:
            low, high, body = av
            if high == 0:
                return {}, {}, {_NONE: 1}
            first, last, empty = self.build(body, flags)
            if high > 1:
                self.join(last, first)
            return first, last, (_more(empty, {_NONE: 1}) if low == 0 else empty)
        if op in (sre_constants.ATOMIC_GROUP, sre_constants.POSSESSIVE_REPEAT):
            q = self.position(None)
            nothing = {_NONE: 1} if _width(op, av)[0] == 0 else {}
            return {(q, _NONE): 1}, {(q, _NONE): 1}, nothing
        if op is sre_constants.AT:
            passed = {sre_constants.AT_BOUNDARY: "b", sre_constants.AT_NON_BOUNDARY: "B"}.get(av)
            return {}, {}, {frozenset(passed or ()): 1}
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            return {}, {}, {_NONE: 1}
        if op is sre_constants.GROUPREF_EXISTS:
            _group, yes, no = av
            f, t, e = self.build(yes, flags)
            if no is None:
                return f, t, _more(e, {_NONE: 1})
            f2, t2, e2 = self.build(no, flags)
            return _more(f, f2), _more(t, t2), _more(e, e2)
        raise _Skip  # a back reference, or what this module does not know


_NONE: frozenset[str] = frozenset()  # no assertion passed
_Ways = dict  # (state, assertions passed) or assertions passed -> ways (1, or 2: more)


def _more(a: _Ways, b: _Ways) -> _Ways:
    """The ways of either."""
    out = dict(a)
    for key, n in b.items():
        out[key] = min(2, out.get(key, 0) + n)
    return out


def _passing(ways: _Ways, empty: _Ways) -> _Ways:
    """`ways` (to states, or to nothing), each also passing one of `empty`'s ways."""
    out: _Ways = {}
    for key, n in ways.items():
        for passed, m in empty.items():
            new = (key[0], key[1] | passed) if isinstance(key, tuple) else key | passed
            out[new] = min(2, out.get(new, 0) + n * m)
    return out


_ATOMS = (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.ANY,
          sre_constants.IN, sre_constants.CATEGORY)


def _cases(c: str) -> set[str]:
    return {v for v in (c, c.lower(), c.upper(), c.swapcase()) if len(v) == 1}


def _named(seq) -> Iterator[int]:  # noqa: ANN001
    """The characters a parsed piece names: literals and the ends of ranges."""
    for op, av in seq:
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL):
            yield av
        elif op is sre_constants.IN:
            for kind, value in av:
                if kind is sre_constants.LITERAL:
                    yield value
                elif kind is sre_constants.RANGE:
                    yield from value
        for inner in _inside(op, av):
            yield from _named(inner)


def _inside(op, av) -> list:  # noqa: ANN001
    """The parsed pieces inside one item (none for a character)."""
    if op in _REPEATS or op is sre_constants.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is sre_constants.SUBPATTERN:
        return [av[-1]]
    if op is sre_constants.BRANCH:
        return list(av[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    if op is sre_constants.GROUPREF_EXISTS:
        return [av[1]] if av[2] is None else [av[1], av[2]]
    if op is sre_constants.ATOMIC_GROUP:
        return [av]
    return []


def _width(op, av) -> tuple[int, int]:  # noqa: ANN001
    return sre_parse.SubPattern(sre_parse.State(), [(op, av)]).getwidth()


def _ambiguous_repeat(tree) -> str | None:  # noqa: ANN001
    """The first repetition (of a body of more than one character) whose body
    can match one text in two ways, described; None if there is none."""
    for _op, (_low, high, body) in _repeats(tree):
        try:
            nothing, most = sre_parse.SubPattern(tree.state, list(body)).getwidth()
            if (_COUNTED_NULLABLE <= high != sre_constants.MAXREPEAT) and nothing == 0 < most:
                return (f"the group '{_bracketed(body)}', which can match nothing, is repeated "
                        f"up to {high} times: any of the copies can take a character")
            if _ambiguous(tree.state, body):
                return (f"the repeated group '{_bracketed(body)}' can match the same text "
                        "in more than one way")
        except _Skip:
            continue
    return None


def _bracketed(body) -> str:  # noqa: ANN001
    text = _source(body)
    return text if text.startswith("(") and text.endswith(")") else f"({text})"


def _repeats(seq) -> Iterator[tuple]:  # noqa: ANN001
    """Every repetition of more than one turn whose body is more than one
    character, outermost first (inside atomic groups too: their inside still
    backtracks within one try)."""
    for op, av in seq:
        if op in _REPEATS and av[1] > 1 and not (len(av[2]) == 1 and av[2][0][0] in _ATOMS):
            yield op, av
        for inner in _inside(op, av):
            yield from _repeats(inner)


def _ambiguous(state, body) -> bool:  # noqa: ANN001
    """Whether two runs of the repetition of `body` can start in one state, part
    (take different states, or one edge that two ways give) and meet there again.
    Raises _Skip for a body too large to pair (see _POSITIONS)."""
    if _positions(body) > _POSITIONS:
        raise _Skip
    automaton = _Body(state, body)
    first, last, _empty = automaton.build(body, state.flags)
    automaton.join(last, first)  # the repetition's own edge: another turn
    masks = automaton.masks
    follow = [sorted(f) for f in automaton.follow]
    # the pairs of states two runs reach over the same characters, from a state
    # where they agree
    seen: dict[tuple[int, int], list[tuple[int, int]]] = {}
    todo = [(p, p) for p in range(len(follow)) if follow[p]]
    work = 0
    while todo:
        pair = todo.pop()
        if pair in seen:
            continue
        p, q = pair
        work += len(follow[p]) * len(follow[q])
        if work > _WORK:
            raise _Skip
        nexts = [(a, b) for a in follow[p] for b in follow[q] if masks[a] & masks[b]]
        seen[pair] = nexts
        if len(seen) > _PAIRS:
            raise _Skip
        todo.extend(n for n in nexts if n not in seen)
    part = {}
    for number, component in enumerate(_components(seen)):
        for pair in component:
            part[pair] = number
    agree = {part[pair] for pair in seen if pair[0] == pair[1]}
    if any(part[pair] in agree for pair in seen if pair[0] != pair[1]):
        return True
    # one state each, but by an edge that two ways give ((?:x(?:|))+: x, then
    # either empty alternative)
    return any(automaton.follow[p][a] > 1 and part[(a, a)] == part[(p, p)]
               for (p, q), nexts in seen.items() if p == q for a, b in nexts if a == b)


def _positions(seq) -> int:  # noqa: ANN001
    """The states `_Body` makes for a parsed piece, at most: one for each
    character it matches and each atomic group or possessive repetition."""
    count = 0
    for op, av in seq:
        if op in _ATOMS or op in (sre_constants.ATOMIC_GROUP, sre_constants.POSSESSIVE_REPEAT):
            count += 1
        else:
            count += sum(map(_positions, _inside(op, av)))
    return count


def _components(graph: dict[tuple[int, int], list[tuple[int, int]]]) -> Iterator[list]:
    """The strongly connected components of `graph` (Tarjan's, without recursion)."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    yield component
