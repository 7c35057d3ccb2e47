"""Findings snapshot: proof that a speed change finds exactly what it found before.

    python bench/snapshot.py save before.json      # on the old code
    python bench/snapshot.py save after.json       # on the new code
    python bench/snapshot.py compare before.json after.json

Checks seeds/, tests/devset/, tests/heldout/, the BBC corpus (five topic
folders, each a folder run so the names stage sees a folder) and the first
`--mqm` MQM zh-en targets, each text on its own. Every finding is kept as
(where, code, start, end, replacements, message), `where` relative to the
checkout (snapshots of two checkouts compare). `compare` prints what appeared
and what went missing, and exits 1 when anything differs; it refuses (exit 2)
two snapshots that cover different folders or MQM targets (a missing corpus),
which would otherwise differ for no reason of the code's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.document import Document  # noqa: E402
from normalize.engine import check_document, check_paths  # noqa: E402
from normalize.loader import load_rules  # noqa: E402


def _row(where: str, f) -> list:  # noqa: ANN001 - a Finding
    replacements = [e.replacement for e in f.fix.edits] if f.fix else []
    return [where, f.code, f.start, f.end, replacements, f.message]


def save(out: Path, corpora: Path, mqm: int) -> None:
    rules = load_rules([], True)
    rows: list[list] = []
    folders = [ROOT / "seeds", ROOT / "tests" / "devset", ROOT / "tests" / "heldout"]
    bbc = corpora / "bbc"
    if bbc.is_dir():
        folders += sorted(p for p in bbc.iterdir() if p.is_dir())
    else:
        print(f"warning: no BBC corpus at {bbc} (give --corpora or $NORMALIZE_CORPORA)")
    for folder in folders:
        report = check_paths([folder], rules)
        for result in report.files:
            where = os.path.relpath(result.doc.path, ROOT)
            rows += [_row(where, f) for f in result.findings]
    source = corpora / "mqm-wmt23-zhen" / "wmt23_zhen_news_sxs_mqm.jsonl"
    targets = 0
    if source.is_file() and mqm:
        with source.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                if n >= mqm:
                    break
                doc = Document.from_text(json.loads(line)["target"], f"mqm:{n}")
                rows += [_row(doc.path, f) for f in check_document(doc, rules)]
                targets += 1
    elif mqm:
        print(f"warning: no MQM corpus at {source}")
    coverage = {"folders": [os.path.relpath(f, ROOT) if f.is_relative_to(ROOT)
                            else f"corpora/bbc/{f.name}" for f in folders], "mqm": targets}
    out.write_text(json.dumps({"coverage": coverage, "findings": rows}, ensure_ascii=False,
                              indent=0), encoding="utf-8")
    print(f"{len(rows)} findings in {len(folders)} folders and {targets} MQM targets -> {out}")


def _load(path: Path) -> tuple[dict | None, set[str]]:
    data = json.loads(path.read_text("utf-8"))
    rows = data["findings"] if isinstance(data, dict) else data  # a list: before coverage
    return (data.get("coverage") if isinstance(data, dict) else None,
            {json.dumps(r, ensure_ascii=False) for r in rows})


def compare(old: Path, new: Path) -> int:
    (was, before), (now, after) = _load(old), _load(new)
    if was != now:
        print(f"refusing to compare: {old} covers {was}, {new} covers {now} "
              "(save both with the same corpora: --corpora or $NORMALIZE_CORPORA)")
        return 2
    for row in sorted(before - after):
        print(f"- {row}")
    for row in sorted(after - before):
        print(f"+ {row}")
    print(f"{len(before)} before, {len(after)} after: {len(before - after)} gone, "
          f"{len(after - before)} new")
    return 1 if before != after else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("--corpora", type=Path,
                   default=Path(os.environ.get("NORMALIZE_CORPORA", ROOT.parent / "shared"
                                               / "corpora")))
    s.add_argument("--mqm", type=int, default=2000, help="MQM targets to check (0: none)")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.out, args.corpora, args.mqm)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
