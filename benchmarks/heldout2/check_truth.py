"""Sanity checks for benchmarks/heldout2: truth.yaml loads, quotes and names occur
verbatim in their articles, agency ids exist in data/agreements.yaml, article format."""
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "data" / "agreements.yaml"
TYPES = {"loi", "mou", "moa", "research-cooperation-agreement", "implementing-arrangement",
         "joint-programme", "partnership", "working-group", "cooperation-plan", "dialogue"}
STATUSES = {"proposed", "planned", "signed", "active", "ended"}
DATE_LINE = {
    "ko": r"입력 \d{4}-\d{2}-\d{2} \d{2}:\d{2}",
    "en": r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}",
    "ja": r"\d{4}年\d{1,2}月\d{1,2}日",
    "de": r"\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}",
}

errors = []
agencies = {a["id"] for a in yaml.safe_load(DATA.read_text(encoding="utf-8"))["agencies"]}
truth = yaml.safe_load((HERE / "truth.yaml").read_text(encoding="utf-8"))
articles = {p.name: p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.txt"))}

for name, text in articles.items():
    lines = text.split("\n")
    lang = name[:2]
    if not re.fullmatch(DATE_LINE[lang], lines[1]):
        errors.append(f"{name}: bad date line {lines[1]!r}")
    if lines[2] != "" or not lines[0].strip():
        errors.append(f"{name}: line 1 must be a headline, line 3 blank")
    body = "\n".join(lines[3:])  # rough sentence count (abbreviations such as U.S. inflate it)
    n = len(re.findall(r"[.!?。](?=[\s」“”\"]|$)|다\.", body)) if lang != "ja" else body.count("。")
    if not 4 <= n <= 12:
        errors.append(f"{name}: about {n} sentences")

for i, rec in enumerate(truth):
    where = f"record {i} ({rec.get('file')})"
    text = articles.get(rec["file"])
    if text is None:
        errors.append(f"{where}: no such article"); continue
    if rec["type"] not in TYPES: errors.append(f"{where}: type {rec['type']}")
    if rec["status"] not in STATUSES: errors.append(f"{where}: status {rec['status']}")
    d = rec["date"]
    if d is not None and not (isinstance(d, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d)):
        errors.append(f"{where}: date {d!r}")
    if rec["quote"] not in text: errors.append(f"{where}: quote not verbatim")
    if len(rec["parties"]) < 2: errors.append(f"{where}: fewer than two parties")
    for p in rec["parties"]:
        if "agency" in p and p["agency"] not in agencies:
            errors.append(f"{where}: unknown agency {p['agency']}")
        if "name" in p and p["name"] not in text:
            errors.append(f"{where}: name {p['name']!r} not in article")
        if not ({"agency", "name"} & p.keys() or p.get("unnamed")):
            errors.append(f"{where}: party without agency, name or unnamed")

missing = set(articles) - {r["file"] for r in truth}
if missing: errors.append(f"articles without records: {sorted(missing)}")
by_lang = {}
for r in truth: by_lang[r["file"][:2]] = by_lang.get(r["file"][:2], 0) + 1
print(f"{len(articles)} articles, {len(truth)} records, per language {by_lang}")
print("\n".join(errors) or "all checks passed")
sys.exit(1 if errors else 0)
