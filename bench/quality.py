"""Quality figures for the default rule pack: one command, printing figures.

    python bench/quality.py                      # everything
    python bench/quality.py --only seeds,devset  # the annotated folders only
    python bench/quality.py --corpora DIR        # where bbc/ and mqm-wmt23-zhen/ are
    python bench/quality.py --mqm-limit 500      # the first 500 MQM segments

Parts: recall / proposals right / false alarms per kind on seeds/ (gold in
tests/gold/seeds.json), on the dev set (tests/devset/), on the held-out set
(tests/heldout/: text no rule was written from) and on the second held-out
set (`heldout2`, tests/heldout2/: fourteen articles written without looking
at the rules, three of them clean, so false alarms count too); findings per
10,000 words on the clean BBC corpus (target: at most 1.0); MQM precision
and recall per detector on WMT23 zh-en. A corpus that is absent is skipped
with a note. The corpora default to ../shared/corpora beside the repository
(or $NORMALIZE_CORPORA).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.loader import load_rules  # noqa: E402
from normalize.quality.corpora import bbc_rate  # noqa: E402
from normalize.quality.mqm import evaluate_mqm  # noqa: E402
from normalize.quality.render import render_folder, render_mqm, render_rate  # noqa: E402
from normalize.quality.score import score_folder  # noqa: E402

HELDOUT = {"heldout": ("tests/heldout", "held-out set"),
           "heldout2": ("tests/heldout2", "second held-out set")}
PARTS = ("seeds", "devset", "heldout", "heldout2", "bbc", "mqm")
MQM_FILE = "mqm-wmt23-zhen/wmt23_zhen_news_sxs_mqm.jsonl"


def default_corpora() -> Path:
    return Path(os.environ.get("NORMALIZE_CORPORA") or ROOT.parent / "shared" / "corpora")


def near(path: Path) -> Path:
    """`path` relative to the working folder when shorter (for readable reports)."""
    relative = Path(os.path.relpath(path))
    return relative if len(str(relative)) < len(str(path)) else path


def commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=default_corpora(),
                        help="folder holding bbc/ and mqm-wmt23-zhen/")
    parser.add_argument("--only", default=",".join(PARTS),
                        help="comma-separated parts: " + ", ".join(PARTS))
    parser.add_argument("--rules", type=Path, action="append", default=[],
                        help="extra rule folder (repeatable), as for normalize check")
    parser.add_argument("--mqm-limit", type=int, default=None, help="first N MQM segments")
    parser.add_argument("--examples", type=int, default=3,
                        help="example findings per code (BBC and MQM)")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")

    rules = load_rules(args.rules)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"normalize quality, commit {commit()}, {stamp}, {len(rules.rules)} rules")
    failed = False
    for part in parts:
        started = time.perf_counter()
        print()
        if part == "seeds":
            score = score_folder(near(ROOT / "seeds"), ROOT / "tests/gold/seeds.json", rules)
            print(render_folder("seeds/ (gold: tests/gold/seeds.json)", score))
        elif part == "devset":
            devset = near(ROOT / "tests/devset")
            score = score_folder(devset, devset / "gold.json", rules)
            print(render_folder("dev set (tests/devset/, gold: tests/devset/gold.json)", score))
        elif part in HELDOUT:
            folder, title = HELDOUT[part]
            heldout = near(ROOT / folder)
            if not (heldout / "gold.json").is_file():
                print(f"== {title}: skipped, {heldout}/gold.json not found")
                continue
            score = score_folder(heldout, heldout / "gold.json", rules)
            print(render_folder(f"{title} ({folder}/, gold: {folder}/gold.json)", score))
        elif part == "bbc":
            bbc = args.corpora / "bbc"
            if not bbc.is_dir():
                print(f"== BBC false alarms: skipped, {bbc} not found (use --corpora DIR)")
                continue
            result = bbc_rate(bbc, rules)
            print(render_rate(result, args.examples))
            failed |= not result.met
        elif part == "mqm":
            path = args.corpora / MQM_FILE
            if not path.is_file():
                print(f"== MQM: skipped, {path} not found (use --corpora DIR)")
                continue
            print(render_mqm(evaluate_mqm(path, rules, args.mqm_limit), args.examples))
        print(f"({part}: {time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
