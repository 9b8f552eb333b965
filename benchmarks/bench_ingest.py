"""coopgraph ingest measured: the five seed articles against the curated data, and speed.

The five seed articles are the development set and ``data/agreements.yaml`` their truth:
the agreements citing one of the five articles. A candidate matches a true agreement when
both have the same type and the same parties: agency ids, and for a party the data keeps
by description ("Government of Korea", "UK counterpart (not named)") its country, which a
candidate's party described without a name ("한미 정부", "영국과") must share. Reported:
precision and recall of agreements, and on the matched pairs the share with the same
status, the same date (as written: "2024-01" is not "2024-01-29") and the same fields. Of
several true agreements alike, a candidate is matched to the one quoting its sentence.

Speed: the five articles copied 20 times (100 files) through ``ingest`` in one process,
and the whole command as a process (``/usr/bin/time -v`` for peak memory).

    python benchmarks/bench_ingest.py [--seeds DIR] [--copies 20]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coopgraph.index import Index
from coopgraph.ingest import ingest
from coopgraph.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
#: The seed articles and the ids the data cites them by.
SEED_SOURCES = {
    "000_1e85047a6bef3691.txt": "seed-2017-04-14",
    "001_7257b5aa37c3b2f3.txt": "seed-2022-12-09",
    "002_81d5445150a593c1.txt": "ebn-2024-01-29",
    "003_e4ec2931827fdf87.txt": "fnnews-2023-12-09",
    "004_863554713d870662.txt": "edaily-2024-08-02",
}


def truth(index: Index) -> list:
    """The data's agreements citing one of the seed articles."""
    cited = set(SEED_SOURCES.values())
    return [a for a in index.agreements.values() if any(c.source in cited for c in a.sources)]


def parties(record: dict) -> tuple[str, ...]:
    """A candidate's parties (who signs, and who takes part): agency ids, names as written
    for new organisations, and "unnamed (KR)" for a party described, not named."""
    return tuple(sorted(
        p["agency"] or (_unnamed(p["country"]) if p.get("unnamed") else p["name"])
        for p in record["parties"] if p["role"] in ("signatory", "participant")
    ))  # fmt: skip


def true_parties(agreement) -> tuple[str, ...]:
    """A true agreement's parties, the same way: a party the data keeps by description
    ("Government of Korea", "UK counterpart (not named)") is "unnamed" with its country."""
    return tuple(sorted(p.agency or _unnamed(p.country) for p in agreement.parties))


def cites(agreement, evidence: list[dict]) -> bool:
    """Whether the true agreement quotes one of the sentences of ``evidence``."""
    said = [" ".join(e["quote"].split()) for e in evidence]
    quotes = [" ".join(c.quote.split()) for c in agreement.sources if c.quote]
    quotes += [" ".join(c.quote.split()) for h in agreement.history for c in h.sources if c.quote]
    return any(q and (q in s or s in q) for q in quotes for s in said)


def _unnamed(country: str | None) -> str:
    return f"unnamed ({country})" if country else "unnamed"


def quality(seeds: Path, index: Index, least: float = 0.0) -> None:
    files = [seeds / name for name in SEED_SOURCES]
    found = ingest(files, index)
    found.agreements = [a for a in found.agreements if a["confidence"] >= least]
    print(f"\n### Candidates of confidence {least} or more\n")
    true = truth(index)
    pairs, unmatched = [], []
    left = list(true)
    for candidate in found.agreements:
        same = [
            a for a in left if a.type == candidate["type"] and true_parties(a) == parties(candidate)
        ]
        # of several alike (two MSIT-ARPA-E plans), the one citing the candidate's sentence
        # (its own sentence first: the sentences before only say who its officials are)
        evidence = candidate["evidence"]
        match = max(same, key=lambda a: (cites(a, evidence[-1:]), cites(a, evidence)), default=None)
        if match is None:
            unmatched.append(candidate)
        else:
            left.remove(match)
            pairs.append((candidate, match))
    precision = len(pairs) / len(found.agreements) if found.agreements else 0.0
    recall = len(pairs) / len(true) if true else 0.0
    print(f"true agreements citing the seeds: {len(true)}")
    print(f"candidate agreements: {len(found.agreements)}; matched: {len(pairs)}")
    print(f"precision {precision:.2f}, recall {recall:.2f}")
    if pairs:
        status = sum(c["status"] == a.status for c, a in pairs) / len(pairs)
        when = sum((c["date"] or None) == (str(a.date) if a.date else None) for c, a in pairs)
        fields = sum(set(c["fields"]) == set(a.fields) for c, a in pairs) / len(pairs)
        shared = sum(bool(set(c["fields"]) & set(a.fields)) for c, a in pairs) / len(pairs)
        print(f"on the matched: status {status:.2f}, date {when / len(pairs):.2f}, "
              f"fields the same {fields:.2f}, at least one field shared {shared:.2f}")  # fmt: skip
    print(
        "\n| candidate | type | status | date | fields | matched truth | its status | its date "
        "| its fields |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for candidate, agreement in pairs:
        print(f"| {'-'.join(sorted(parties(candidate)))} | {candidate['type']} | "
              f"{candidate['status']} | {candidate['date']} | {', '.join(candidate['fields'])} | "
              f"{agreement.id} | {agreement.status} | {agreement.date} | "
              f"{', '.join(agreement.fields)} |")  # fmt: skip
    for candidate in unmatched:
        print(f"| {'-'.join(sorted(parties(candidate)))} | {candidate['type']} | "
              f"{candidate['status']} | {candidate['date']} | {', '.join(candidate['fields'])} | "
              "(none) | | | |")  # fmt: skip
    print("\ntrue agreements not found:")
    for agreement in left:
        print(f"- {agreement.id} ({agreement.type}, {', '.join(true_parties(agreement))})")


def speed(seeds: Path, index: Index, copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        many = Path(folder) / "articles"
        many.mkdir()
        for number in range(copies):
            for name in SEED_SOURCES:
                shutil.copy(seeds / name, many / f"{number:03d}-{name}")
        count = len(list(many.iterdir()))
        started = time.perf_counter()
        ingest([many], index)
        print(f"\nlibrary: {count} articles in {time.perf_counter() - started:.1f} s "
              "(tokenisers loaded in this call)")  # fmt: skip
        out = Path(folder) / "candidates.yaml"
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "coopgraph", "ingest", str(many),
                   "-o", str(out), "--no-cache"]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        peak = next(
            line.split(":")[1].strip()
            for line in done.stderr.splitlines()
            if "Maximum resident" in line
        )
        print(f"command: {count} articles in {wall:.1f} s, peak RSS {int(peak) / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    index = Index(load_dataset(ROOT / "data"))
    quality(args.seeds, index)
    quality(args.seeds, index, least=0.9)
    if args.copies > 0:
        speed(args.seeds, index, args.copies)


if __name__ == "__main__":
    main()
