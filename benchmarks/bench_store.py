"""Whole-process cost of the persistent store: cold build, warm commands, one-file updates.

What a user of the CLI waits for is a whole process: interpreter start, imports, opening
the store, the answer. This benchmark therefore times complete ``coopgraph`` processes from
outside, at 1,000 / 10,000 / 100,000 synthetic agreements (200 / 1,000 / 2,000 agencies),
side by side in one run, and compares each figure with a yardstick:

* start-up   - a bare typer command that does nothing (``benchmarks/noop_cli.py``): the
               floor under every command; warm commands are reported as a ratio to it.
* cold build - ``coopgraph build --data FILE`` into an empty cache directory, against the
               two-step path it replaces: ``coopgraph export --format ntriples --no-cache``
               then ``oxigraph load`` (the Oxigraph CLI) of that N-Triples file.
* warm       - eight everyday commands once the store is built, against the same commands
               with ``--no-cache`` (parse and validate the YAML in memory each time: the
               plain alternative without a store).
* update     - a directory of 100 files, one agreements file changed: the next
               ``coopgraph partners`` pays for the file-by-file update; reported as a share
               of a full cold build of that directory.
* start      - ``coopgraph partners NIST`` on the bundled data with a warm store, against
               the no-op, interleaved run by run.

Each run is a fresh child process: wall time is read just before it starts and just after
it is reaped; CPU time and peak resident memory (``ru_maxrss``) of that child alone come
from GNU time (``/usr/bin/time -f "%U %S %M"``). Standard output goes to /dev/null,
standard error is kept (the build's phases are read from it). The data files were just
written, so the page cache is warm for every run, as for a user running one command after
another. The 1-minute load average is sampled throughout and reported per size, since
other work on the machine inflates whole-process times.

    python benchmarks/bench_store.py                                # 1k, 10k, 100k
    python benchmarks/bench_store.py --sizes 1000 --output /tmp/benchwork/r.md

Writes ``benchmarks/results-store.md``; a section between ``<!-- large:begin -->`` and
``<!-- large:end -->`` already in that file (figures for a larger size measured by hand)
is kept as it is.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, split  # noqa: E402

BIN = Path(sys.executable).parent
COOPGRAPH = str(BIN / "coopgraph") if (BIN / "coopgraph").exists() else "coopgraph"
OXIGRAPH = str(BIN / "oxigraph") if (BIN / "oxigraph").exists() else "oxigraph"
NOOP = [sys.executable, str(HERE / "noop_cli.py")]
#: bench_load.py's yardstick: a typer command with one argument (typer then imports pydantic)
NOOP_ARGUMENT = [sys.executable, str(HERE / "noop_cli_argument.py"), "NIST"]
TIME = "/usr/bin/time"  # GNU time: the child's own CPU and peak memory
AGENCIES = {1_000: 200, 10_000: 1_000, 100_000: 2_000}
HUB = "AG00007"
#: (label, arguments) of the warm commands; every agency named exists at 200 agencies.
WARM: list[tuple[str, list[str]]] = [
    ("sparql partners --param agency=AG00007", ["sparql", "partners", "--param", f"agency={HUB}"]),
    ("partners AG00007", ["partners", HUB]),
    ("agreements --party AG00100", ["agreements", "--party", "AG00100"]),
    ("show AG00007", ["show", HUB]),
    ("show agr-500", ["show", "agr-500"]),
    ("path AG00150 AG00199", ["path", "AG00150", "AG00199"]),
    ("timeline --party AG00100", ["timeline", "--party", "AG00100"]),
    ("stats", ["stats"]),
]
#: Above this many agreements only these run with --no-cache (each takes minutes).
SLOW_NO_CACHE = ("sparql partners --param agency=AG00007", "partners AG00007")
CHANGED_FILE = "part-050.yaml"
SCOPE = "joint research"
#: Each update writes a word never used before, so every run is a real change of content.
WORDS = ["topic", "theme", "subject", "strand", "track", "matter", "question", "avenue"]
PHASE = re.compile(r"^coopgraph: (?P<label>[^:]+): (?:(?P<count>[\d,]+) \w+, )?(?P<s>[\d.]+) s$")
TIMEOUT = 3_600.0
#: What went wrong during the run, printed at the end of the report.
NOTES: list[str] = []
#: (time, 1-minute load average) every few seconds: others' work on the machine shows here.
LOAD: list[tuple[float, float]] = []


def sample_load(every: float = 5.0) -> None:
    loadavg = Path("/proc/loadavg")
    while loadavg.exists():
        LOAD.append((time.time(), float(loadavg.read_text().split()[0])))
        time.sleep(every)


def load_between(start: float, end: float) -> str:
    values = [value for when, value in LOAD if start <= when <= end]
    if not values:
        return "—"
    return f"{statistics.median(values):.1f} / {max(values):.1f}"


@dataclass
class Run:
    """One finished child process."""

    wall: float
    cpu: float
    peak_mb: float
    code: int
    stderr: str


@dataclass
class Series:
    """Repeated runs of one command line."""

    command: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.code == 0 for run in self.runs)

    @property
    def walls(self) -> list[float]:
        return [run.wall for run in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def low(self) -> float:
        return min(self.walls)

    @property
    def high(self) -> float:
        return max(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)


def run_once(
    command: list[str], env: dict[str, str], timeout: float = TIMEOUT, *, keep_output: bool = False
) -> Run:
    """Run ``command`` to its end in a fresh child; its own wall, CPU and peak memory.

    Its standard output goes to /dev/null, or with ``keep_output`` into ``stderr`` too.

    The child is started by ``/usr/bin/time``, whose figures are read back: ``ru_maxrss``
    of a child forked straight from this (large) Python process would count this process's
    own memory, which a vfork'd child shares until it execs.
    """
    with tempfile.NamedTemporaryFile() as usage, tempfile.TemporaryFile() as errors:
        timed = [TIME, "-f", "%U %S %M", "-o", usage.name, *command]
        start = time.perf_counter()
        child = subprocess.Popen(
            timed,
            stdin=subprocess.DEVNULL,
            stdout=errors if keep_output else subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        # A blocking wait: Popen.wait(timeout) polls, in steps of up to 50 ms.
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        code = child.wait()
        killer.cancel()
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
        figures = Path(usage.name).read_text().split()
    user, system, peak_kb = (float(x) for x in figures[-3:]) if len(figures) >= 3 else (0, 0, 0)
    return Run(wall=wall, cpu=user + system, peak_mb=peak_kb / 1024, code=code, stderr=stderr)


def series(
    command: list[str],
    env: dict[str, str],
    runs: int,
    warmup: int = 0,
    yardstick: Series | None = None,
) -> Series:
    """``warmup`` uncounted runs, then ``runs`` counted ones.

    With a ``yardstick``, a run of its command follows each counted run and is added to it,
    so that the two can be compared pair by pair even when the machine's speed drifts.
    """
    for _ in range(warmup):
        run_once(command, env)
    result = Series(command)
    for _ in range(runs):
        result.runs.append(run_once(command, env))
        if yardstick is not None:
            yardstick.runs.append(run_once(yardstick.command, env))
    if not result.ok:
        failed = next(run for run in result.runs if run.code != 0)
        log(f"  FAILED (exit {failed.code}): {shlex_join(command)}\n{failed.stderr[-2000:]}")
        last = failed.stderr.strip().splitlines()[-1:] or [""]
        NOTES.append(f"`{shlex_join(command)}` failed (exit {failed.code}): {last[0]}")
    return result


def shlex_join(command: list[str]) -> str:
    """The command as typed, with the venv's absolute paths shortened."""
    words = [Path(word).name if word in (COOPGRAPH, OXIGRAPH) else word for word in command]
    if words[:2] == NOOP:
        words = ["python", "benchmarks/noop_cli.py", *words[2:]]
    return subprocess.list2cmdline(words)


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def fresh(directory: Path) -> Path:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def tree_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def phases(stderr: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in stderr.splitlines():
        match = PHASE.match(line.strip())
        if match:
            found[match["label"]] = float(match["s"])
    return found


#: ``src`` of a frozen copy of the code (``--code REV``), put first on every child's path.
CODE: list[Path] = []


def environment(cache: Path) -> dict[str, str]:
    env = dict(os.environ, COOPGRAPH_CACHE=str(cache))
    env.pop("COOPGRAPH_DATA", None)
    if CODE:
        env["PYTHONPATH"] = os.pathsep.join([str(CODE[0]), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
    return env


def freeze_code(revision: str, work: Path) -> str:
    """Export ``revision`` of the repository into ``work`` and measure that copy.

    Others may edit ``src`` while a run lasts; the store's key hashes the source of the
    modules that shape it, so an edit mid-run would turn a warm store cold. A frozen copy
    keeps every run on the same code.
    """
    commit = subprocess.run(
        ["git", "rev-parse", revision], cwd=HERE, capture_output=True, text=True, check=True
    ).stdout.strip()
    target = fresh(work / f"code-{commit[:12]}")
    archive = subprocess.run(
        ["git", "archive", commit], cwd=HERE.parent, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    # Byte-compiled, as `pip install` leaves a package: with PYTHONDONTWRITEBYTECODE set (as
    # on this machine) every run would otherwise compile each module it imports.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target / "src")], check=True)
    CODE[:] = [target / "src"]
    return commit


def code_description() -> str:
    if CODE:
        return f"git {CODE[0].parent.name.removeprefix('code-')} (a frozen copy, `--code`)"
    head = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=HERE, capture_output=True, text=True
    ).stdout.strip()
    return f"the installed checkout, git {head or 'unknown'}"


def version_count(cache: Path) -> int:
    versions = cache / "versions"
    return (
        sum(1 for p in versions.iterdir() if not p.name.startswith(".")) if versions.is_dir() else 0
    )


@dataclass
class SizeResult:
    size: int
    agencies: int
    yaml_mb: float
    dir_mb: float
    noop: Series
    build: Series
    build_phases: dict[str, float]
    store_mb: float
    export: Series
    load: Series
    nt_mb: float
    oxigraph_mb: float
    warm: dict[str, Series]
    warm_noop: dict[str, Series]
    no_cache: dict[str, Series]
    dir_build: Series
    dir_warm: Series
    updates: Series
    update_phases: dict[str, float]
    machine_load: str


def change_one_file(directory: Path, old: str, new: str) -> None:
    target = directory / CHANGED_FILE
    text = target.read_text(encoding="utf-8")
    if f"{SCOPE} {old}" not in text:
        raise SystemExit(f"{target} has no {SCOPE!r} {old!r} to change")
    target.write_text(text.replace(f"{SCOPE} {old}", f"{SCOPE} {new}"), encoding="utf-8")


def bench_size(size: int, work: Path, args: argparse.Namespace) -> SizeResult:
    agencies = AGENCIES.get(size, max(200, size // 50))
    began = time.time()
    base = fresh(work / f"size-{size}")
    data = base / "data.yaml"
    directory = base / "dir"
    log(f"{size:,} agreements, {agencies:,} agencies: generating in {base}")
    text = generate(agencies, size)
    data.write_text(text, encoding="utf-8")
    directory.mkdir()
    for i, document in enumerate(split(text, 100)):
        (directory / f"part-{i:03d}.yaml").write_text(document, encoding="utf-8")
    del text
    large = size > args.few_runs_above
    cold_runs = args.cold_runs_large if large else args.cold_runs
    with_data = ["--data", str(data)]

    log("  no-op")
    noop = series(NOOP, environment(base / "unused-cache"), args.runs, warmup=2)

    log(f"  cold build x{cold_runs}")
    build = Series([COOPGRAPH, "build", *with_data])
    store_mb = 0.0
    for _ in range(cold_runs):
        cache = fresh(base / "cold-cache")
        build.runs += series(build.command, environment(cache), 1).runs
        store_mb = tree_mb(cache)
    shutil.rmtree(base / "cold-cache", ignore_errors=True)

    log(f"  export + oxigraph load x{cold_runs}")
    triples = base / "data.nt"
    oxigraph_dir = base / "oxigraph"
    empty = environment(fresh(base / "empty-cache"))
    export_command = [COOPGRAPH, "export", "--format", "ntriples", "--no-cache", *with_data]
    export = Series([*export_command, "-o", str(triples)])
    load = Series([OXIGRAPH, "load", "--location", str(oxigraph_dir), "--file", str(triples)])
    nt_mb = oxigraph_mb = 0.0
    for _ in range(cold_runs):
        triples.unlink(missing_ok=True)
        shutil.rmtree(oxigraph_dir, ignore_errors=True)
        export.runs += series(export.command, empty, 1).runs
        load.runs += series(load.command, empty, 1).runs
        nt_mb, oxigraph_mb = tree_mb(triples), tree_mb(oxigraph_dir)
    triples.unlink(missing_ok=True)
    shutil.rmtree(oxigraph_dir, ignore_errors=True)

    log("  warm commands, each run followed by a no-op run")
    warm_noop: dict[str, Series] = {}
    warm_env = environment(fresh(base / "cache"))
    run_once([COOPGRAPH, "build", *with_data], warm_env)
    warm: dict[str, Series] = {}
    for label, words in WARM:
        paired = Series(NOOP)
        command = [COOPGRAPH, *words, *with_data]
        warm[label] = series(command, warm_env, args.runs, warmup=2, yardstick=paired)
        warm_noop[label] = paired
    if version_count(base / "cache") != 1:
        NOTES.append(f"{size:,}: the warm store was rebuilt during the warm runs (code changed?)")

    log("  --no-cache")
    no_cache: dict[str, Series] = {}
    for label, words in WARM:
        if large and label not in SLOW_NO_CACHE:
            continue
        runs = args.no_cache_runs_large if large else args.no_cache_runs
        command = [COOPGRAPH, *words, *with_data, "--no-cache"]
        no_cache[label] = series(command, empty, runs)

    log(f"  directory of 100 files: cold build x{cold_runs}")
    with_dir = ["--data", str(directory)]
    dir_build = Series([COOPGRAPH, "build", *with_dir])
    for _ in range(cold_runs):
        cache = fresh(base / "dir-cache")
        dir_build.runs += series(dir_build.command, environment(cache), 1).runs
    dir_env = environment(base / "dir-cache")  # the last cold build is the warm store
    partners = [COOPGRAPH, "partners", HUB, *with_dir]
    dir_warm = series(partners, dir_env, args.runs, warmup=1)
    updates = Series(partners)
    update_runs = args.update_runs_large if large else args.update_runs
    log(f"  one file changed x{update_runs}")
    words = ["item", *WORDS[:update_runs]]
    for old, new in itertools.pairwise(words):
        change_one_file(directory, old, new)
        updates.runs += series(partners, dir_env, 1).runs
    update_phases = phases(updates.runs[-1].stderr) if updates.runs else {}
    shutil.rmtree(base / "dir-cache", ignore_errors=True)
    shutil.rmtree(base / "cache", ignore_errors=True)

    return SizeResult(
        size=size,
        agencies=agencies,
        yaml_mb=tree_mb(data),
        dir_mb=tree_mb(directory),
        noop=noop,
        build=build,
        build_phases=phases(build.runs[-1].stderr),
        store_mb=store_mb,
        export=export,
        load=load,
        nt_mb=nt_mb,
        oxigraph_mb=oxigraph_mb,
        warm=warm,
        warm_noop=warm_noop,
        no_cache=no_cache,
        dir_build=dir_build,
        dir_warm=dir_warm,
        updates=updates,
        update_phases=update_phases,
        machine_load=load_between(began, time.time()),
    )


@dataclass
class StartResult:
    ours: Series
    noop: Series
    machine_load: str
    noop_argument: Series | None = None


def bench_start(work: Path, runs: int) -> StartResult:
    """``coopgraph partners NIST`` (bundled data, warm store) and the no-op, in turn."""
    began = time.time()
    env = environment(fresh(work / "bundled-cache"))
    ours = Series([COOPGRAPH, "partners", "NIST"])
    noop = Series(NOOP)
    noop_argument = Series(NOOP_ARGUMENT)
    for _ in range(2):
        for series in (ours, noop, noop_argument):
            run_once(series.command, env)
    for _ in range(runs):
        for series in (ours, noop, noop_argument):
            series.runs.append(run_once(series.command, env))
    return StartResult(ours, noop, load_between(began, time.time()), noop_argument)


# --- the report -------------------------------------------------------------------------


def sec(value: float) -> str:
    if value < 10:
        return f"{value:.3f}"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def spread(s: Series) -> str:
    if not s.ok:
        return "failed"
    if len(s.runs) == 1:
        return sec(s.median)
    return f"{sec(s.median)} ({sec(s.low)}–{sec(s.high)})"


def ratio(s: Series, yardstick: Series, digits: int = 1) -> str:
    """Median of the pairwise ratios (runs taken in turn), else the ratio of the medians."""
    if not s.ok or not yardstick.runs:
        return "—"
    if len(yardstick.runs) == len(s.runs):
        pairs = [a.wall / b.wall for a, b in zip(s.runs, yardstick.runs, strict=True)]
        return f"{statistics.median(pairs):.{digits}f}x"
    return f"{s.median / yardstick.median:.{digits}f}x"


def pooled(parts: Iterable[Series]) -> Series:
    every = Series(NOOP)
    for part in parts:
        every.runs += part.runs
    return every


def table(head: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    align = align or "|---|" + "---:|" * (len(head) - 1)
    return ["| " + " | ".join(head) + " |", align, *["| " + " | ".join(r) + " |" for r in rows]]


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024**2:.0f} GiB RAM"
    from importlib.metadata import version

    oxigraph = subprocess.run([OXIGRAPH, "--version"], capture_output=True, text=True).stdout
    return (
        f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores{memory}; "
        f"Python {platform.python_version()}, coopgraph {version('coopgraph')}, "
        f"pyoxigraph {version('pyoxigraph')}, {oxigraph.strip()} (CLI), typer {version('typer')}"
    )


def report(results: list[SizeResult], start: StartResult | None, argv: list[str]) -> str:
    cols = [f"{r.size:,}" for r in results]
    out: list[str] = []
    add = out.extend

    add(["## Data", ""])
    add(
        [
            "Machine load is the 1-minute load average, sampled every 5 s while the size ran: "
            "the benchmark alone keeps it near 1 (2 while a build or `oxigraph load` runs two "
            "threads); more means other work shared the 2 cores and the times are inflated.",
            "",
        ]
    )
    add(
        table(
            ["", *cols],
            [
                ["agencies", *[f"{r.agencies:,}" for r in results]],
                ["YAML, one file (MB)", *[f"{r.yaml_mb:.1f}" for r in results]],
                ["YAML, 100 files (MB)", *[f"{r.dir_mb:.1f}" for r in results]],
                ["store on disk after build (MB)", *[f"{r.store_mb:.0f}" for r in results]],
                ["N-Triples export (MB)", *[f"{r.nt_mb:.0f}" for r in results]],
                ["`oxigraph load` directory (MB)", *[f"{r.oxigraph_mb:.0f}" for r in results]],
                ["machine load during the size, median / max", *[r.machine_load for r in results]],
            ],
        )
    )

    add(["", "## Start-up yardstick", ""])
    add(
        [
            f"`python benchmarks/noop_cli.py` (bare typer no-op), {len(results[0].noop.runs)} "
            "runs after 2 warm-ups, measured again at each size; seconds median (min–max).",
            "",
        ]
    )
    add(
        table(
            ["", *cols],
            [
                ["no-op s", *[spread(r.noop) for r in results]],
                ["no-op peak MB", *[f"{r.noop.peak_mb:.0f}" for r in results]],
                [
                    "no-op s, all runs paired with warm commands",
                    *[spread(pooled(r.warm_noop.values())) for r in results],
                ],
            ],
        )
    )

    add(["", "## Cold build against the two-step path", ""])
    add(
        [
            "Wall seconds median (min–max) over the runs; peak MB is the largest run; CPU is "
            "user + system seconds (median). Each build starts from an empty cache directory; "
            "each `oxigraph load` from an absent directory.",
            "",
        ]
    )
    rows = [
        ["runs", *[str(len(r.build.runs)) for r in results]],
        ["`coopgraph build` s", *[spread(r.build) for r in results]],
        ["`coopgraph build` CPU s", *[sec(r.build.cpu) for r in results]],
        ["`coopgraph build` peak MB", *[f"{r.build.peak_mb:.0f}" for r in results]],
        ["`coopgraph export --no-cache` s", *[spread(r.export) for r in results]],
        ["`coopgraph export` peak MB", *[f"{r.export.peak_mb:.0f}" for r in results]],
        ["`oxigraph load` s", *[spread(r.load) for r in results]],
        ["`oxigraph load` CPU s", *[sec(r.load.cpu) for r in results]],
        ["`oxigraph load` peak MB", *[f"{r.load.peak_mb:.0f}" for r in results]],
        ["two steps, sum of medians s", *[sec(r.export.median + r.load.median) for r in results]],
        [
            "build / two steps",
            *[f"{r.build.median / (r.export.median + r.load.median):.2f}" for r in results],
        ],
        ["build / no-op", *[ratio(r.build, r.noop) for r in results]],
    ]
    add(table(["", *cols], rows))
    labels = list(dict.fromkeys(label for r in results for label in r.build_phases))
    if labels:
        add(["", "Phases of the last `coopgraph build` (seconds, as printed on its stderr):", ""])
        add(
            table(
                ["phase", *cols],
                [
                    [label, *[f"{r.build_phases.get(label, float('nan')):.2f}" for r in results]]
                    for label in labels
                ],
            )
        )

    add(["", "## Warm commands (store built)", ""])
    add(
        [
            f"`coopgraph COMMAND --data FILE`, {len(results[0].warm[WARM[0][0]].runs)} runs after "
            "2 warm-ups, each run followed by a run of the no-op. Seconds median (min–max); "
            "× no-op is the median of the run-by-run ratios to the no-op run that followed; "
            "peak MB is the largest run.",
            "",
        ]
    )
    head = ["command"]
    for c in cols:
        head += [f"{c} s", f"{c} × no-op", f"{c} MB"]
    rows = []
    for label, _ in WARM:
        row = [f"`{label}`"]
        for r in results:
            s = r.warm[label]
            row += [spread(s), ratio(s, r.warm_noop[label]), f"{s.peak_mb:.0f}"]
        rows.append(row)
    add(table(head, rows))

    add(["", "## The plain alternative: same commands with `--no-cache`", ""])
    add(
        [
            "Parses and validates the YAML in memory on every run (no store). Seconds median "
            "(min–max) over the runs shown; `warm ÷` is how many times the warm store is "
            "faster; — not run.",
            "",
        ]
    )
    head = ["command"]
    for c in cols:
        head += [f"{c} s", f"{c} runs", f"{c} MB", f"{c} warm ÷"]
    rows = []
    for label, _ in WARM:
        row = [f"`{label} --no-cache`"]
        for r in results:
            s = r.no_cache.get(label)
            if s is None:
                row += ["—", "0", "—", "—"]
            else:
                speed = f"{s.median / r.warm[label].median:.1f}x" if s.ok else "—"
                row += [spread(s), str(len(s.runs)), f"{s.peak_mb:.0f}", speed]
        rows.append(row)
    add(table(head, rows))

    add(["", "## One file of 100 changed", ""])
    add(
        [
            f"`--data DIR` with 100 files; `{CHANGED_FILE}` (an agreements slice) gets "
            f"'{SCOPE} item' replaced by a word not used before on each run, then "
            f"`coopgraph partners {HUB} --data DIR` runs once and pays for the update.",
            "",
        ]
    )
    rows = [
        ["cold `coopgraph build --data DIR` s", *[spread(r.dir_build) for r in results]],
        ["cold build of DIR peak MB", *[f"{r.dir_build.peak_mb:.0f}" for r in results]],
        ["warm `partners` on DIR (unchanged) s", *[spread(r.dir_warm) for r in results]],
        ["update runs", *[str(len(r.updates.runs)) for r in results]],
        ["`partners` after the change s", *[spread(r.updates) for r in results]],
        ["`partners` after the change peak MB", *[f"{r.updates.peak_mb:.0f}" for r in results]],
        [
            "update ÷ cold build of DIR",
            *[
                f"{100 * r.updates.median / r.dir_build.median:.0f} %" if r.updates.ok else "—"
                for r in results
            ],
        ],
    ]
    add(table(["", *cols], rows))
    labels = list(dict.fromkeys(label for r in results for label in r.update_phases))
    if labels:
        add(
            [
                "",
                "Phases of the last update, as printed on stderr (the store reports only for "
                "data of 5 MB or more; — not printed):",
                "",
            ]
        )
        add(
            table(
                ["phase", *cols],
                [
                    [label, *[fmt_phase(r.update_phases.get(label)) for r in results]]
                    for label in labels
                ],
            )
        )

    if start is not None:
        add(["", "## Cold start on the bundled data", ""])
        add(
            [
                f"No `--data`; store warm; the two commands in turn, {len(start.ours.runs)} runs "
                "each after 2 warm-ups. Seconds median (min–max). Machine load median / max: "
                f"{start.machine_load}.",
                "",
            ]
        )
        add(
            table(
                ["command", "s", "peak MB"],
                [
                    ["`coopgraph partners NIST`", spread(start.ours), f"{start.ours.peak_mb:.0f}"],
                    [
                        "`python benchmarks/noop_cli.py`",
                        spread(start.noop),
                        f"{start.noop.peak_mb:.0f}",
                    ],
                    ["ratio (median of run-by-run ratios)", ratio(start.ours, start.noop, 2), ""],
                    *(
                        [
                            [
                                "`python benchmarks/noop_cli_argument.py NIST` (one argument)",
                                spread(start.noop_argument),
                                f"{start.noop_argument.peak_mb:.0f}",
                            ],
                            [
                                "ratio to the one-argument no-op",
                                ratio(start.ours, start.noop_argument, 2),
                                "",
                            ],
                        ]
                        if start.noop_argument is not None
                        else []
                    ),
                ],
            )
        )

    add(["", "## Commands", ""])
    add(
        [
            "Produced by:",
            "",
            "```sh",
            f"python benchmarks/bench_store.py {subprocess.list2cmdline(argv)}".rstrip(),
            "```",
            "",
            "which runs, per size, with `COOPGRAPH_CACHE` set to a cache directory under the "
            "work directory (empty for cold builds) and stdout to /dev/null"
            + (f", and `PYTHONPATH={CODE[0]}`:" if CODE else ":"),
            "",
            "```sh",
        ]
    )
    r = results[-1]
    for s in [
        r.noop,
        r.build,
        r.export,
        r.load,
        *[r.warm[label] for label, _ in WARM],
        *r.no_cache.values(),
        r.dir_build,
        r.updates,
    ]:
        out.append(shlex_join(s.command))
    if start is not None:
        out.append(shlex_join(start.ours.command))
    out.append("```")
    add(["", "## Notes from the run", ""])
    add([f"* {note}" for note in NOTES] or ["* none: every run exited 0, no warm store rebuilt."])
    return "\n".join(out) + "\n"


def fmt_phase(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def write(path: Path, body: str, work: Path, wall: float) -> None:
    """Write the report, keeping a hand-measured ``large`` section already in ``path``."""
    large = ""
    if path.exists():
        match = re.search(r"<!-- large:begin -->.*?<!-- large:end -->", path.read_text(), re.S)
        large = "\n" + match.group(0) + "\n" if match else ""
    text = (
        "# Store benchmark: whole processes\n\n"
        f"Produced by `python benchmarks/bench_store.py` on {time.strftime('%Y-%m-%d')} "
        f"(UTC {time.strftime('%H:%M', time.gmtime())}, {wall / 60:.0f} min), work directory "
        f"`{work}`.\n\nMachine: {machine()}.\n\nCode measured: {code_description()}.\n\n"
        "Every figure is a whole process timed from outside (start-up, imports, opening the "
        "store, answer), each run a fresh child; peak MB is its `ru_maxrss` as GNU `/usr/bin/time` "
        "reports it (`%M`). Synthetic data "
        "from `benchmarks/generate.py` (seed 7); hub agency AG00007.\n\n" + body + large
    )
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="agreements, comma-separated")
    parser.add_argument("--output", type=Path, default=HERE / "results-store.md")
    parser.add_argument("--work", type=Path, default=Path("/tmp/benchwork"))
    parser.add_argument(
        "--code",
        metavar="REV",
        help="measure this git revision, exported to the work directory (default: as installed)",
    )
    parser.add_argument("--runs", type=int, default=10, help="runs of each warm command")
    parser.add_argument("--start-runs", type=int, default=20, help="runs of the cold-start pair")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--cold-runs-large", type=int, default=2)
    parser.add_argument("--no-cache-runs", type=int, default=3)
    parser.add_argument("--no-cache-runs-large", type=int, default=1)
    parser.add_argument("--update-runs", type=int, default=5)
    parser.add_argument("--update-runs-large", type=int, default=3)
    parser.add_argument(
        "--few-runs-above",
        type=int,
        default=10_000,
        help="sizes above this get the *-large run counts and only partners with --no-cache",
    )
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    began = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    threading.Thread(target=sample_load, daemon=True).start()
    if args.code:
        log(f"measuring git {freeze_code(args.code, args.work)}")
    results = [bench_size(size, args.work, args) for size in sizes]
    log("cold start on the bundled data")
    start = bench_start(args.work, args.start_runs)
    body = report(results, start, sys.argv[1:])
    write(args.output, body, args.work, time.perf_counter() - began)
    print(body)


if __name__ == "__main__":
    main()
