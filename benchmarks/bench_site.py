"""Benchmark ``coopgraph site`` at 1,000, 10,000 and 100,000 agreements.

What the issue asks: 10,000 agreements built in under 30 s, the home page under 500 KB
(the search index loaded lazily, in shards), and a rebuild after one changed record that
rewrites only the pages showing it, in under 5 s at 10,000. Every figure is a whole
process started by GNU ``/usr/bin/time`` (wall, user + system CPU, peak RSS of the process
and its workers), on a frozen copy of the code (the store's key hashes coopgraph's
sources, and a site's content keys hash the templates and code). Runs per size:

- **store**: ``coopgraph build`` (the site reads the data through the store, as every
  command does), not counted in the site's figures;
- **cold**: ``coopgraph site -o SITE`` into a new folder;
- **no change**: the same command again (every file linked from the previous build);
- **one record changed**: one agreement's English title edited in the data, then the
  command again (the store updates that file's version, then the site); repeated
  (``--repeats``, default 5: the title edited back and forth), median and spread given;
- **one process**: the cold build with the languages and downloads drawn one after the
  other in one process (``build_site(..., parallel=False)``), the plain alternative to the
  workers.

Before each run the background removal of the previously replaced site is awaited, and
the file system's writes are flushed (``sync``, then 3 s), so runs do not compete with
the deletion of 37,000 files. Data: ``benchmarks/generate.py`` with one agency per 50
agreements.

    python benchmarks/bench_site.py --sizes 1000 10000 100000 --work /tmp/site_bench \\
        -o benchmarks/results-site.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import Run, freeze_code  # noqa: E402
from bench_store import run_once as timed_run  # noqa: E402

TITLE = re.compile(r'title: \{en: "Agreement (\d+) on cooperation"')


def run(command: list[str], env: dict[str, str]) -> Run:
    result = timed_run(command, env, keep_output=True)
    if result.code != 0:
        raise SystemExit(f"failed (exit {result.code}): {' '.join(command)}\n{result.stderr}")
    return result


def settle(folder: Path) -> None:
    """Wait for the background removal of replaced sites beside ``folder``, and for the
    file system to have written it out."""
    while any(folder.parent.glob(f".{folder.name}.old.*")):
        time.sleep(0.5)
    os.sync()
    time.sleep(3)


def summary(stderr: str) -> dict[str, float]:
    """The counts of ``wrote ...: N pages in ..., N files (N written, N unchanged), N MB``."""
    found = re.search(
        r"([\d,]+) pages in .*?, ([\d,]+) files \(([\d,]+) written, ([\d,]+) unchanged\), "
        r"([\d.]+) MB",
        stderr,
    )
    if found is None:
        raise SystemExit(f"no summary in:\n{stderr}")
    pages, files, written, kept = (int(found[i].replace(",", "")) for i in range(1, 5))
    return {"pages": pages, "files": files, "written": written, "kept": kept, "mb": float(found[5])}


def steps(stderr: str) -> dict[str, float]:
    found = re.search(r"steps \(s\): (\{.*\})", stderr)
    return json.loads(found[1].replace("'", '"')) if found else {}


@dataclass
class Size:
    agreements: int
    yaml_mb: float
    store: Run
    cold: Run
    cold_counts: dict[str, float]
    cold_steps: dict[str, float]
    noop: Run
    noop_counts: dict[str, float]
    changes: list[Run]  # each after one record changed
    change_counts: dict[str, float]
    change_steps: dict[str, float]  # of the median run
    sequential: Run | None
    home_kb: float
    largest_page_kb: float
    search_kb: float


def measure(size: int, work: Path, src: Path, sequential: bool, repeats: int) -> Size:
    folder = work / f"n{size}"
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data.yaml"
    if not data.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--agencies", str(max(20, size // 50)),
             "--agreements", str(size), "-o", str(data)],
            check=True,
        )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(src), "COOPGRAPH_CACHE": str(folder / "cache")}
    coopgraph = [sys.executable, "-m", "coopgraph"]
    site = folder / "site"
    command = [*coopgraph, "site", "-o", str(site), "--data", str(data), "--debug"]
    store = run([*coopgraph, "build", "--data", str(data)], env)
    subprocess.run(["rm", "-rf", str(site)], check=True)
    cold = run(command, env)
    settle(site)
    noop = run(command, env)
    settle(site)
    text = data.read_text(encoding="utf-8")
    numbers = TITLE.findall(text)
    chosen = numbers[len(numbers) // 2]
    old = f'title: {{en: "Agreement {chosen} on cooperation"'
    edited = text.replace(old, old.replace("on cooperation", "on closer cooperation"))
    changes = []
    for number in range(repeats):  # edited, back, edited...: each run after one change
        data.write_text(edited if number % 2 == 0 else text, encoding="utf-8")
        changes.append(run(command, env))
        settle(site)
    data.write_text(text, encoding="utf-8")  # as generated, for the next run
    change = sorted(changes, key=lambda r: r.wall)[len(changes) // 2]
    one = None
    if sequential:
        code = (
            "import sys; from pathlib import Path; from coopgraph.store import open_index; "
            "from coopgraph.site import build_site; "
            "r = build_site(open_index(Path(sys.argv[1])), Path(sys.argv[2]), parallel=False); "
            "print(r.summary(), file=sys.stderr)"
        )
        target = folder / "site-one-process"
        subprocess.run(["rm", "-rf", str(target)], check=True)
        run([sys.executable, "-c", code, str(data), str(target)], env)
        one = run([sys.executable, "-c", code, str(data), str(folder / "site-again")], env)
        subprocess.run(["rm", "-rf", str(target), str(folder / "site-again")], check=True)
    pages = [p for p in site.rglob("*.html")]
    largest = max(p.stat().st_size for p in pages)
    search = sum(p.stat().st_size for p in (site / "search" / "en").glob("*.js"))
    return Size(
        agreements=size,
        yaml_mb=data.stat().st_size / 1e6,
        store=store,
        cold=cold,
        cold_counts=summary(cold.stderr),
        cold_steps=steps(cold.stderr),
        noop=noop,
        noop_counts=summary(noop.stderr),
        changes=changes,
        change_counts=summary(change.stderr),
        change_steps=steps(change.stderr),
        sequential=one,
        home_kb=(site / "index.html").stat().st_size / 1024,
        largest_page_kb=largest / 1024,
        search_kb=search / 1024,
    )


def report(sizes: list[Size], commit: str) -> str:
    lines = [
        "# `coopgraph site`: build time and size",
        "",
        f"Code {commit[:12]}, {platform.python_version()}, {os.cpu_count()} cores. "
        "Command: `python benchmarks/bench_site.py --sizes "
        + " ".join(str(s.agreements) for s in sizes)
        + "`. Every time is a whole process (wall; CPU is user + system of the process "
        "and its workers; peak is the largest resident set of any of them).",
        "",
        "| agreements | data | pages | files | site | home page | largest page | "
        "English search index (lazy) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        c = s.cold_counts
        lines.append(
            f"| {s.agreements:,} | {s.yaml_mb:.1f} MB | {int(c['pages']):,} | "
            f"{int(c['files']):,} | {c['mb']:.0f} MB | {s.home_kb:.0f} KB | "
            f"{s.largest_page_kb:.0f} KB | {s.search_kb:,.0f} KB |"
        )
    lines += [
        "",
        "| agreements | store build | cold site | no change | one record changed: median "
        "(min–max of N; files written) | its CPU | cold, one process | peak (cold) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        one = f"{s.sequential.wall:.1f} s" if s.sequential else "—"
        walls = sorted(r.wall for r in s.changes)
        median = sorted(s.changes, key=lambda r: r.wall)[len(s.changes) // 2]
        lines.append(
            f"| {s.agreements:,} | {s.store.wall:.1f} s | {s.cold.wall:.1f} s "
            f"(CPU {s.cold.cpu:.0f} s) | {s.noop.wall:.1f} s | **{median.wall:.1f} s** "
            f"({walls[0]:.1f}–{walls[-1]:.1f} of {len(walls)}; "
            f"{int(s.change_counts['written'])}) | {median.cpu:.1f} s | {one} | "
            f"{s.cold.peak_mb:,.0f} MB |"
        )
    lines += ["", "Steps as the parent saw them (seconds; workers run side by side):", ""]
    for s in sizes:
        lines.append(f"- {s.agreements:,}, cold: `{s.cold_steps}`")
        lines.append(f"- {s.agreements:,}, one record changed (median run): `{s.change_steps}`")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/site_bench"))
    parser.add_argument("--code", default="HEAD", help="git revision to measure")
    parser.add_argument("--no-sequential", action="store_true", help="skip the one-process run")
    parser.add_argument("--repeats", type=int, default=5, help="runs after one change")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    commit = freeze_code(args.code, args.work)
    src = args.work / f"code-{commit[:12]}" / "src"
    sizes = [measure(n, args.work, src, not args.no_sequential, args.repeats) for n in args.sizes]
    text = report(sizes, commit)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
