"""``ingest``: articles in, candidates out.

Every file is read and checked before any is analysed, so a bad file among a hundred is
reported at once and nothing is written (the command writes only a whole answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from coopgraph.errors import CoopgraphError
from coopgraph.index import Index
from coopgraph.ingest.articles import Article, article_files, read_article
from coopgraph.ingest.candidates import Candidates, combine
from coopgraph.ingest.extract import Gazetteer, extract

__all__ = ["cited_articles", "ingest", "source_id"]


def cited_articles(index: Index, data: Path | str) -> list[Path]:
    """The article files the data's news and press-release sources are kept in (their
    ``file``, relative to the data directory), in id order."""
    base = Path(data)
    if not base.is_dir():
        base = base.parent
    return [
        base / source.file
        for _, source in sorted(index.sources.items())
        if source.file and source.kind in ("news", "press-release")
    ]


def source_id(path: str, taken: set[str]) -> str:
    """A record id for the article at ``path``: ``article-`` and its file name, made an id
    (letters, digits, ``.``, ``_``, ``-``) and unique among ``taken``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).stem).strip("-._")[:60] or "text"
    candidate, number = f"article-{stem}", 2
    while candidate in taken:
        candidate, number = f"article-{stem}-{number}", number + 1
    taken.add(candidate)
    return candidate


#: What ``ingest`` needs beyond coopgraph's own dependencies (the ``ingest`` extra), by the
#: name it is imported as: 300 MB of tokeniser dictionaries most users never need.
PACKAGES = {
    "kiwipiepy": "kiwipiepy",
    "kiwipiepy_model": "kiwipiepy-model",
    "sudachipy": "SudachiPy",
    "sudachidict_core": "SudachiDict-core",
    "trafilatura": "trafilatura",
    "lxml_html_clean": "lxml_html_clean",
    "dateparser": "dateparser",
    "langdetect": "langdetect",
    "charset_normalizer": "charset-normalizer",
}


def require_packages() -> None:
    """One line naming what is missing and how to install it, before any article is read."""
    import importlib.util

    missing = [name for module, name in PACKAGES.items() if not importlib.util.find_spec(module)]
    if missing:
        raise CoopgraphError(
            f"coopgraph ingest needs {', '.join(missing)}, not installed: "
            "pip install 'coopgraph[ingest]'"
        )


def ingest(
    paths: Iterable[Path | str],
    index: Index,
    *,
    progress: Callable[[Iterable[Article], int], Iterable[Article]] | None = None,
) -> Candidates:
    """Read the articles at ``paths`` (files, or directories meaning every file in them)
    and return the agreements, events and new agencies they state, for review.

    ``progress`` wraps the loop over the articles (the CLI's progress bar). Raises
    :class:`~coopgraph.ingest.articles.ArticleError` for a file that is not an article.
    """
    require_packages()
    files = article_files([Path(p) for p in paths])
    articles = [read_article(file) for file in files]
    gazetteer = Gazetteer(index)
    taken = set(index.sources)
    found = Candidates()
    agreements, agencies = [], {}
    loop: Iterable[Article] = progress(articles, len(articles)) if progress else articles
    for article in loop:
        extracted = extract(article, gazetteer, source_id(article.path, taken))
        found.sources.append(extracted.source)
        agreements.extend(extracted.agreements)
        found.events.extend(extracted.events)
        for agency in extracted.agencies:
            if agency["name"] in agencies:
                kept = agencies[agency["name"]]
                kept["evidence"].extend(e for e in agency["evidence"] if e not in kept["evidence"])
                kept["country"] = kept["country"] or agency["country"]
                others = [*kept.get("other_names", []), *agency.get("other_names", [])]
                if others:
                    kept["other_names"] = list(dict.fromkeys(others))
            else:
                agencies[agency["name"]] = {**agency, "evidence": list(agency["evidence"])}
    found.agreements = combine(agreements, index)
    found.agencies = list(agencies.values())
    return found
