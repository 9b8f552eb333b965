"""The report's charting library, chosen by measurement: matplotlib SVG beside Altair + vl-convert.

Each library draws the same stacked bar chart (3 series x 25 years, a Korean title and
legend, every bar a link to an in-page anchor ``#x``) in a fresh process, so import time and
peak memory are its own. Altair and vl-convert are not coopgraph dependencies: install them
in a scratch environment to run their half (``pip install altair vl-convert-python``).

    python benchmarks/bench_report_charts.py [PYTHON]   # prints a markdown table

Run under ``strace -f -e trace=connect`` to see that neither opens a network connection.
"""

from __future__ import annotations

import json
import subprocess
import sys

MATPLOTLIB = r"""
import io, json, random, resource, time
t0 = time.perf_counter()
import matplotlib
from matplotlib.figure import Figure
t1 = time.perf_counter()
matplotlib.rcParams.update({"svg.fonttype": "none", "text.parse_math": False})
random.seed(1)
years = list(range(2000, 2025))
figure = Figure(figsize=(8, 3))
axes = figure.add_subplot()
bottom = [0] * len(years)
for label in ["한국–미국 KR–US", "KR–JP", "US–JP"]:
    values = [random.randint(0, 5) for _ in years]
    for bar in axes.bar(years, values, bottom=bottom, label=label):
        bar.set_url("#x")
    bottom = [a + b for a, b in zip(bottom, values)]
axes.legend()
axes.set_title("협정 수 agreements per year")
out = io.StringIO()
figure.savefig(out, format="svg", metadata={"Date": None})
t2 = time.perf_counter()
svg = out.getvalue()
links = sorted(set(part.split('"')[0] for part in svg.split('<a xlink:href="')[1:]))
print(json.dumps({"import": t1 - t0, "chart": t2 - t1, "bytes": len(svg), "links": links,
                  "korean_as_text": "협정 수" in svg,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ALTAIR = r"""
import json, random, resource, time
t0 = time.perf_counter()
import altair as alt, vl_convert as vlc
t1 = time.perf_counter()
random.seed(1)
rows = [{"year": y, "pair": p, "n": random.randint(0, 5)}
        for p in ["한국–미국 KR–US", "KR–JP", "US–JP"] for y in range(2000, 2025)]
chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
    x="year:O", y="sum(n):Q", color="pair:N", href=alt.value("#x")
).properties(title="협정 수 agreements per year", width=600, height=200)
svg = vlc.vegalite_to_svg(chart.to_dict())
t2 = time.perf_counter()
links = sorted(set(part.split('"')[0] for part in svg.split('<a xlink:href="')[1:]))
print(json.dumps({"import": t1 - t0, "chart": t2 - t1, "bytes": len(svg), "links": links,
                  "korean_as_text": "협정 수" in svg,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(script: str, python: str) -> dict[str, object] | str:
    """Run ``script`` in a child process of ``python``; its figures, peak memory included."""
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return done.stderr.strip().splitlines()[-1]
    return json.loads(done.stdout)


def main() -> None:
    python = sys.argv[1] if len(sys.argv) > 1 else sys.executable  # a scratch venv's python
    print("| library | import s | first chart s | SVG bytes | peak MB | links | Korean as text |")
    print("|---|---|---|---|---|---|---|")
    for name, script in (("matplotlib", MATPLOTLIB), ("altair + vl-convert", ALTAIR)):
        found = measure(script, python)
        if isinstance(found, str):
            print(f"| {name} | not installed: {found} |||||")
            continue
        print(
            f"| {name} | {found['import']:.2f} | {found['chart']:.2f} | {found['bytes']:,} | "
            f"{found['peak_mb']:.0f} | {', '.join(found['links'])} | {found['korean_as_text']} |"
        )


if __name__ == "__main__":
    main()
