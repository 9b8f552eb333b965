"""Write a synthetic coopgraph dataset of realistic shape, for benchmarks.

Shape: agencies spread over countries (a few large ones), with sub-units; agreements
between two or three parties picked with preferential attachment (a few hubs with many
partners, as with NIST or KRISS), dates over three decades at mixed precision, fields
from a two-level hierarchy, one or two citations each, and one event per 20 agreements.

The YAML is written directly (JSON-quoted scalars are valid YAML), because dumping
100,000 agreements through PyYAML would take longer than the benchmark itself.

    python benchmarks/generate.py --agencies 2000 --agreements 100000 -o /tmp/big.yaml
    python benchmarks/generate.py --agencies 2000 --agreements 100000 --files 100 -o /tmp/big/

With ``--files N`` the same data is written as a directory of N files, as a team that
keeps one file per source or per year would: the first holds sources, fields and agencies,
the others the events and agreements in equal slices.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

COUNTRIES = ["KR", "US", "JP", "GB", "DE", "FR", "IN", "CA", "AU", "NO", "SG", "IL"]
WEIGHTS = [30, 30, 12, 6, 5, 4, 3, 3, 2, 2, 2, 1]
TYPES = [
    "mou",
    "loi",
    "research-cooperation-agreement",
    "implementing-arrangement",
    "joint-programme",
    "partnership",
    "cooperation-plan",
]
STATUSES = ["signed", "signed", "active", "planned", "proposed", "ended"]
KINDS = [
    "ministry",
    "research-institute",
    "national-laboratory",
    "metrology-institute",
    "funding-agency",
]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(agencies: int, agreements: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines: list[str] = ["sources:"]
    sources = max(10, agreements // 50)
    for s in range(sources):
        lines += [
            f"  - id: src-{s}",
            "    kind: news",
            f"    title: {q(f'Article {s} 기사')}",
            "    language: ko",
            f"    published: {q(f'{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}')}",
            f"    url: {q(f'https://example.org/news/{s}')}",
        ]
    lines.append("fields:")
    fields = []
    for top in range(8):
        lines.append(
            f"  - {{id: f{top}, label: {{en: {q(f'field {top}')}, ko: {q(f'분야 {top}')}}}}}"
        )
        for sub in range(5):
            fields.append(f"f{top}-{sub}")
            label = f"{{en: {q(f'field {top}.{sub}')}}}"
            lines.append(f"  - {{id: f{top}-{sub}, label: {label}, broader: f{top}}}")
    lines.append("agencies:")
    ids = [f"AG{i:05d}" for i in range(agencies)]
    for i, agency_id in enumerate(ids):
        country = rng.choices(COUNTRIES, WEIGHTS)[0]
        lines += [
            f"  - id: {agency_id}",
            "    names:",
            f"      - {{text: {q(f'Agency {i} of {country}')}, lang: en}}",
            f"      - {{text: {q(f'기관 {i}')}, lang: ko}}",
            f"    country: {q(country)}",
            f"    kind: {rng.choice(KINDS)}",
        ]
        if i > 20 and rng.random() < 0.1:
            lines.append(f"    part_of: [{ids[rng.randrange(20)]}]")
        cite = f"{{source: src-{rng.randrange(sources)}, quote: {q(f'Agency {i} exists.')}}}"
        lines.append(f"    sources: [{cite}]")
    lines.append("events:")
    events = max(1, agreements // 20)
    for e in range(events):
        parties = rng.sample(ids, 3)
        lines += [
            f"  - id: ev-{e}",
            "    type: meeting",
            f"    title: {{en: {q(f'Meeting {e}')}}}",
            f"    date: {q(_day(rng))}",
            f"    participants: [{', '.join(parties)}]",
            f"    sources: [{{source: src-{rng.randrange(sources)}, quote: {q(f'Meeting {e}.')}}}]",
        ]
    lines.append("agreements:")
    hubs: list[str] = ids[:50] * 3  # preferential attachment: chosen agencies get chosen again
    for a in range(agreements):
        count = 3 if rng.random() < 0.1 else 2
        parties: list[str] = []
        while len(parties) < count:
            pick = rng.choice(hubs) if rng.random() < 0.6 else rng.choice(ids)
            if pick not in parties:
                parties.append(pick)
        hubs.extend(parties)
        year, month, day = rng.randint(1994, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines += [
            f"  - id: agr-{a}",
            f"    type: {rng.choice(TYPES)}",
            f"    title: {{en: {q(f'Agreement {a} on cooperation')}, ko: {q(f'협약 {a}')}}}",
            f"    parties: [{', '.join(parties)}]",
            f"    status: {rng.choice(STATUSES)}",
            f"    date: {q(date)}",
            f"    fields: [{', '.join(rng.sample(fields, rng.randint(1, 3)))}]",
            "    scope:",
            f"      - {{en: {q(f'joint research item {a}')}}}",
        ]
        if rng.random() < 0.05:
            lines.append(f"    event: ev-{rng.randrange(events)}")
        lines.append("    sources:")
        for _ in range(rng.randint(1, 2)):
            lines += [
                f"      - source: src-{rng.randrange(sources)}",
                f"        quote: {q(f'The parties signed agreement {a} to cooperate.')}",
                "        supports: [parties, date]",
            ]
    return "\n".join(lines) + "\n"


def split(text: str, files: int) -> list[str]:
    """Cut the generated YAML into ``files`` documents at record boundaries."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if not line.startswith(" "):
            current = line.rstrip(":")
            sections[current] = []
        else:
            sections[current].append(line)
    records = {name: _records(lines) for name, lines in sections.items()}
    head = "".join(
        f"{name}:\n" + "".join(records[name]) for name in ("sources", "fields", "agencies")
    )
    documents = [head]
    slices = files - 1
    for i in range(slices):
        body = ""
        for name in ("events", "agreements"):
            items = records[name]
            start, end = len(items) * i // slices, len(items) * (i + 1) // slices
            body += f"{name}:\n" + "".join(items[start:end])
        documents.append(body)
    return documents


def _records(lines: list[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        if line.startswith("  - "):
            found.append("")
        found[-1] += line + "\n"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--files", type=int, default=1, help="write a directory of this many files")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    text = generate(args.agencies, args.agreements, args.seed)
    if args.files <= 1:
        args.output.write_text(text, encoding="utf-8")
        return
    args.output.mkdir(parents=True, exist_ok=True)
    for i, document in enumerate(split(text, args.files)):
        (args.output / f"part-{i:03d}.yaml").write_text(document, encoding="utf-8")


if __name__ == "__main__":
    main()
