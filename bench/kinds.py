"""Where the time goes: CPU time per rule kind and per rule over a folder.

    python bench/kinds.py ../shared/corpora/bbc/business
    python bench/kinds.py --top 40 seeds/

Reads every document first, runs each rule over each document in one
process (every rule, evidence or not), and prints CPU seconds per kind,
per rule and for the per-document mention tables, with microseconds per
document. CPU time, not wall clock, so a busy machine disturbs it less.
The first `--warm` documents are run once before measuring, so that lazy
loads (word lists, language profiles) are not charged to the first rule
that needs them; their cost shows as "warm-up".
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.document import Document  # noqa: E402
from normalize.engine import _run, walk  # noqa: E402
from normalize.entities import collect_mentions  # noqa: E402
from normalize.loader import load_rules  # noqa: E402
from normalize.markup import markup_kind, prose_view  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=25, help="rules to list")
    parser.add_argument("--warm", type=int, default=20, help="documents run before measuring")
    args = parser.parse_args()
    clock = time.process_time
    start = clock()
    rules = load_rules([], True)
    loaded = clock() - start
    docs = [Document.read(p, display=str(p)) for p in walk(args.paths)]
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    start = clock()
    for doc in docs[:args.warm]:
        view = prose_view(doc)
        for rule in rules.rules:
            list(_run(rule, doc, view, markup_kind(doc.path) is not None))
        collect_mentions(doc)
    warm = clock() - start
    per_rule: Counter[str] = Counter()
    per_kind: Counter[str] = Counter()
    for doc in docs:
        view = prose_view(doc)
        markup = markup_kind(doc.path) is not None
        for rule in rules.rules:
            began = clock()
            list(_run(rule, doc, view, markup))
            spent = clock() - began
            per_rule[rule.meta.code] += spent
            per_kind[rule.KIND] += spent
        began = clock()
        collect_mentions(doc)
        per_kind["(mention table)"] += clock() - began
    total = sum(per_kind.values())
    n = max(1, len(docs))
    print(f"{len(docs)} documents, {size / 1e6:.2f} MB; rules loaded in {loaded:.2f} s, "
          f"warm-up {warm:.2f} s; checking {total:.2f} s CPU = {size / 1e6 / total:.2f} MB/s")
    print("\nper kind:")
    for kind, spent in per_kind.most_common():
        print(f"  {kind:22} {spent:7.3f} s  {spent / n * 1e6:8.0f} us/doc  {spent / total:5.1%}")
    print(f"\nper rule (top {args.top}):")
    for code, spent in per_rule.most_common(args.top):
        print(f"  {code:22} {spent:7.3f} s  {spent / n * 1e6:8.0f} us/doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
