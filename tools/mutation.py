"""Mutation testing of coopgraph's core: how many small mistakes would the tests catch?

One command (``python tools/mutation.py``) does what a fair score needs:

1. ``mutmut run`` on the core modules named in ``pyproject.toml`` (``[tool.mutmut]``),
   each mutant checked by the tests that reach the mutated function.
2. Every mutant that survives (or that no test reached) is run again against the whole
   suite, as a user's change would be: mutmut's selection of tests is a shortcut, and a
   kill by any test counts.
3. Mutants mutmut does not make — the bodies of properties and cached properties, module
   constants such as regular expressions and vocabularies — are made here by hand
   (:data:`HAND_MADE`) and run against the whole suite the same way.
4. Survivors that cannot change behaviour are listed, each with its reason, in
   ``tools/mutation-equivalents.toml``; they leave the score's denominator.

It prints a Markdown table per module (mutants, killed, equivalent, survived, score) and
writes each surviving mutant's diff to ``mutants/survivors.txt``. Property tests run
derandomised (``HYPOTHESIS_PROFILE=ci``) so that a verdict depends on the code only.
Nothing here is part of the package; CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"

#: Tests that check the core's answers directly run first, so that a kill comes early.
FIRST_TESTS = [
    "tests/test_dates.py",
    "tests/test_filters.py",
    "tests/test_index.py",
    "tests/test_partners.py",
    "tests/test_resolve.py",
    "tests/test_validate.py",
    "tests/test_seed_answers.py",
    "tests/test_models.py",
    "tests/test_bad_input.py",
]

#: What the whole suite needs besides ``src`` (also what ``[tool.mutmut] also_copy`` lists).
TREE = ["tests", "data", "queries", "benchmarks", "README.md", "pyproject.toml"]

#: Killed: a test failed (1), collection broke (2), pytest crashed (3), or it ran too long.
KILLED = {"killed", "timeout", "segfault", "suspicious"}


@dataclass(frozen=True)
class HandMade:
    """A mistake mutmut does not make: ``old`` (found exactly once) becomes ``new``."""

    module: str
    old: str
    new: str
    what: str


HAND_MADE = [
    # --- dates: the patterns and properties -------------------------------------------------
    HandMade("dates", r'r"(?P<year>\d{4})', r'r"(?P<year>\d{3,4})', "3-digit years read"),
    HandMade("dates", r"(?:-(?P<month>\d{2})", r"(?:-(?P<month>\d{1,2})", "1-digit months read"),
    HandMade("dates", r"(?:-(?P<day>\d{2}))", r"(?:-(?P<day>\d{1,2}))", "1-digit days read"),
    HandMade(
        "dates",
        'if self.day is not None:\n            return "day"',
        'if self.day is not None:\n            return "month"',
        "a day's precision is month",
    ),
    HandMade(
        "dates",
        'return "month" if self.month is not None else "year"',
        'return "year" if self.month is not None else "month"',
        "month and year swapped",
    ),
    HandMade(
        "dates",
        "        return self.start.precision",
        "        return (self.end or self.start).precision",
        "a span's precision from its end",
    ),
    # --- resolve: what normalisation ignores, and the key tables ---------------------------
    HandMade(
        "resolve",
        r"""_IGNORED = re.compile(r"[\s.,""",
        r"""_IGNORED = re.compile(r"[.,""",
        "spaces count in names",
    ),
    HandMade("resolve", r"""'’\"()\-_/&]+")""", r"""'’\"()_/&]+")""", "hyphens count in names"),
    HandMade("resolve", "[\\s.,·・", "[\\s.,・", "the middle dot counts in names"),
    HandMade(
        "resolve",
        "        return self.index.agency_keys\n",
        "        return {}\n",
        "no agency is found by name",
    ),
    HandMade(
        "resolve",
        "        return self.index.record_keys\n",
        "        return {}\n",
        "no other record is found by name",
    ),
    # --- index: the cached lookups -----------------------------------------------------------
    HandMade(
        "index",
        "            for text in name_keys(agency):",
        "            for text in name_keys(agency)[:1]:",
        "agencies found by id only",
    ),
    HandMade(
        "index",
        '            ("source", self.dataset.sources),\n        ]\n        for kind, records',
        "        ]\n        for kind, records",
        "sources not found by title",
    ),
    HandMade(
        "index",
        '("field", self.dataset.fields),\n            ("source"',
        '("source", self.dataset.fields),\n            ("source"',
        "fields labelled sources",
    ),
    HandMade(
        "index",
        "filter(None, (party.agency, party.unit))",
        "filter(None, (party.agency,))",
        "units acting for a party do not count in agreements_of",
    ),
    HandMade(
        "index",
        "filter(None, (party.agency, party.unit))",
        "filter(None, (party.unit,))",
        "only units count in agreements_of",
    ),
    HandMade(
        "index",
        "parties = [*event.organisers, *event.participants]\n            ids",
        "parties = [*event.participants]\n            ids",
        "organisers do not count",
    ),
    HandMade(
        "index",
        "for i in (p.agency, p.unit) if i)\n            for agency_id in ids:",
        "for i in (p.agency,) if i)\n            for agency_id in ids:",
        "units do not count in events_of",
    ),
    HandMade(
        "index",
        "            if agreement.event is not None:\n",
        "            if agreement.event is None:\n",
        "agreements_at inverted",
    ),
    HandMade(
        "index",
        "found[parent.agency].append(agency.id)",
        "found[agency.id].append(parent.agency)",
        "children are parents",
    ),
    HandMade(
        "index",
        "                found[field.broader].append(field.id)",
        "                found[field.id].append(field.broader)",
        "narrower is broader",
    ),
    # --- vocabulary: the constants -----------------------------------------------------------
    HandMade(
        "vocabulary",
        'IN_PLACE_STATUSES = frozenset({"signed", "active"})',
        'IN_PLACE_STATUSES = frozenset({"signed"})',
        "active is not in place",
    ),
    HandMade(
        "vocabulary",
        'IN_PLACE_STATUSES = frozenset({"signed", "active"})',
        'IN_PLACE_STATUSES = frozenset({"signed", "active", "planned"})',
        "planned is in place",
    ),
    HandMade(
        "vocabulary",
        '    "loi": {"en": "letter of intent", "ko": "협력의향서"},\n',
        "",
        "no letters of intent",
    ),
    HandMade("vocabulary", '    "summit": {"en": "summit", "ko": "정상회의"},\n', "", "no summits"),
    HandMade(
        "vocabulary",
        '"mou": {"en": "memorandum of understanding", "ko": "양해각서"}',
        '"mou": {"en": "memorandum of agreement", "ko": "양해각서"}',
        "the MOU mislabelled",
    ),
    HandMade(
        "vocabulary",
        '"metrology-institute": {"en": "national metrology institute", "ko": "측정표준기관"}',
        '"metrology-institute": {"en": "national metrology institute", "ko": "연구기관"}',
        "a Korean kind label wrong",
    ),
]


@dataclass
class Mutant:
    """One mutant and what became of it."""

    module: str
    name: str  # mutmut's name, or "hand-made: <what>"
    status: str
    diff: str = ""
    equivalent: str | None = None  # the reason, when listed as equivalent
    made: HandMade | None = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--reuse", action="store_true", help="skip mutmut: read its last run's results again"
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per whole-suite run")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci"}
    started = time.monotonic()
    if not args.reuse:
        shutil.rmtree(MUTANTS, ignore_errors=True)  # no verdicts carried over from other tests
        MUTANTS.mkdir()
        log = MUTANTS / "mutmut.log"
        note(f"mutmut run --max-children {args.jobs} (log: {log})")
        with log.open("wb") as out:
            done = subprocess.run(
                [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                check=False,
            )
        if done.returncode != 0:
            note(f"mutmut failed (exit {done.returncode}); see {log}")
            return 1
    note(f"mutmut done after {time.monotonic() - started:.0f} s")
    if not baseline_passes(env, args.timeout):
        return 1
    equivalents = read_equivalents()
    mutants = mutmut_results()
    for mutant in mutants:
        if mutant.status not in KILLED:
            mutant.diff = mutmut_diff(mutant.name)
            mutant.equivalent = equivalents.get(equivalence_key(mutant))
    recheck = [m for m in mutants if m.status not in KILLED and m.equivalent is None]
    note(f"{len(recheck)} survivors of mutmut: each against the whole suite")
    run_all(
        recheck,
        lambda m: whole_suite(MUTANTS, env | {"MUTANT_UNDER_TEST": m.name}, args.timeout),
        args.jobs,
    )
    hand = [
        Mutant(h.module, f"hand-made: {h.what}", "not checked", hand_diff(h), made=h)
        for h in HAND_MADE
    ]
    for mutant in hand:
        mutant.equivalent = equivalents.get(equivalence_key(mutant))
    unlisted = [m for m in hand if m.equivalent is None]
    note(f"{len(unlisted)} hand-made mutants: each against the whole suite")
    run_all(unlisted, lambda m: copy_run(m.made, env, args.timeout), args.jobs)
    everything = mutants + hand
    write_survivors(everything)
    print(table(everything))
    note(f"done in {(time.monotonic() - started) / 60:.1f} min")
    return 0


def note(text: str) -> None:
    print(f"[mutation] {text}", file=sys.stderr, flush=True)


# --- mutmut's results ------------------------------------------------------------------------


def mutmut_results() -> list[Mutant]:
    from mutmut.stats import status_by_exit_code

    found = []
    for meta in sorted((MUTANTS / "src" / "coopgraph").glob("*.py.meta")):
        module = meta.name.removesuffix(".py.meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        found += [Mutant(module, name, status_by_exit_code[code]) for name, code in codes.items()]
    return found


def mutmut_diff(name: str) -> str:
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], capture_output=True, text=True, check=False
    )
    return shown.stdout


def changed_lines(diff: str) -> list[str]:
    return [
        line[0] + line[1:].strip()
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def function_of(name: str) -> str:
    """``coopgraph.resolve.xǁResolverǁ_suggest__mutmut_5`` -> ``resolve.Resolver._suggest``."""
    mangled = name.partition("__mutmut_")[0]
    module, _, function = mangled.rpartition(".")
    function = function.removeprefix("x_").strip("xǁ").replace("ǁ", ".")
    return f"{module.removeprefix('coopgraph.')}.{function}"


def equivalence_key(mutant: Mutant) -> str:
    """What identifies a mutant across runs: where it is and what it changes, not its number."""
    where = mutant.name if mutant.name.startswith("hand-made") else function_of(mutant.name)
    return where + "\n" + "\n".join(changed_lines(mutant.diff))


def read_equivalents() -> dict[str, str]:
    listed = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("mutant", [])
    return {item["where"] + "\n" + "\n".join(item["change"]): item["reason"] for item in listed}


# --- running the whole suite -----------------------------------------------------------------


def whole_suite(root: Path, env: dict[str, str], timeout: float) -> str:
    """Run every test under ``root`` with ``root/src`` first on the path; the verdict.

    Files are named one by one (pytest would put a folder's own order before the order
    given), the core's own tests first, and the run stops at the first failure.
    """
    rest = sorted(str(path.relative_to(root)) for path in (root / "tests").glob("test_*.py"))
    files = [*FIRST_TESTS, *(name for name in rest if name not in FIRST_TESTS)]
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *files]
    env = env | {"PYTHONPATH": str(root / "src"), "CI": "1"}
    try:
        done = subprocess.run(
            command, cwd=root, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return {0: "survived", 1: "killed", 2: "killed", 3: "killed"}.get(done.returncode, "suspicious")


def baseline_passes(env: dict[str, str], timeout: float) -> bool:
    """The whole suite must pass with no mutant, in mutmut's tree and in a copy of ours.

    Otherwise every mutant would count as killed by whatever already fails.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        in_mutants = pool.submit(whole_suite, MUTANTS, env | {"MUTANT_UNDER_TEST": ""}, timeout)
        in_copy = pool.submit(copy_run, None, env, timeout)
        verdicts = {"mutmut's tree": in_mutants.result(), "a copy of the tree": in_copy.result()}
    failing = [where for where, verdict in verdicts.items() if verdict != "survived"]
    if failing:
        note(f"the suite does not pass without mutants ({'; '.join(failing)}): no score")
    return not failing


def run_all(mutants: list[Mutant], check: Callable[[Mutant], str], jobs: int) -> None:
    """Give each mutant the verdict ``check`` finds, ``jobs`` at a time."""

    def one(mutant: Mutant) -> None:
        mutant.status = check(mutant)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, mutants))


def hand_diff(made: HandMade) -> str:
    return "".join(f"-{line}\n" for line in made.old.splitlines()) + "".join(
        f"+{line}\n" for line in made.new.splitlines()
    )


def copy_run(made: HandMade | None, env: dict[str, str], timeout: float) -> str:
    """Copy the tree, make the mistake (if any) in the copy, run the whole suite there."""
    with tempfile.TemporaryDirectory(prefix="coopgraph-mutant-") as folder:
        copy = Path(folder)
        shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
        for name in TREE:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, copy / name)
        if made is not None:
            target = copy / "src" / "coopgraph" / f"{made.module}.py"
            text = target.read_text(encoding="utf-8")
            if text.count(made.old) != 1:
                raise SystemExit(
                    f"hand-made mutant {made.what!r}: its text is no longer in "
                    f"{made.module}.py exactly once; update tools/mutation.py"
                )
            target.write_text(text.replace(made.old, made.new), encoding="utf-8")
        return whole_suite(copy, env, timeout)


# --- the report ------------------------------------------------------------------------------


def table(mutants: Iterable[Mutant]) -> str:
    rows = [
        "| module | mutants | killed | equivalent | survived | score |",
        "|---|---|---|---|---|---|",
    ]
    per: dict[str, Counter[str]] = {}
    for mutant in mutants:
        counts = per.setdefault(mutant.module, Counter())
        counts["mutants"] += 1
        counts[verdict(mutant)] += 1
    total: Counter[str] = Counter()
    for module in sorted(per):
        rows.append(row(module, per[module]))
        total.update(per[module])
    rows.append(row("all", total))
    return "\n".join(rows)


def verdict(mutant: Mutant) -> str:
    if mutant.status in KILLED:
        return "killed"
    return "equivalent" if mutant.equivalent else "survived"


def row(name: str, counts: Counter[str]) -> str:
    scored = counts["mutants"] - counts["equivalent"]
    score = f"{100 * counts['killed'] / scored:.0f}%" if scored else "—"
    return (
        f"| {name} | {counts['mutants']} | {counts['killed']} | {counts['equivalent']} "
        f"| {counts['survived']} | {score} |"
    )


def write_survivors(mutants: Iterable[Mutant]) -> None:
    MUTANTS.mkdir(exist_ok=True)
    lines = []
    for mutant in mutants:
        if verdict(mutant) == "survived":
            lines += [
                f"## {mutant.name} ({mutant.status})",
                "where: " + equivalence_key(mutant).partition("\n")[0],
                mutant.diff,
                "",
            ]
    (MUTANTS / "survivors.txt").write_text("\n".join(lines), encoding="utf-8")
    note(f"survivors with their diffs: {MUTANTS / 'survivors.txt'}")


if __name__ == "__main__":
    raise SystemExit(main())
