"""The site's search index: one document per page, in shards the search page loads lazily.

The search runs in the reader's browser (``static/search.js`` with MiniSearch), so the index
is data the build writes: per language, ``search/<lang>/manifest.js`` names the shards and
``search/<lang>/<n>.js`` hold the documents. Both are JavaScript files that call
``coopgraphSearch.manifest(...)`` / ``coopgraphSearch.add(n, [...])`` rather than JSON:
a page opened from ``file://`` may not ``fetch`` a neighbouring file in Chromium, but it
may load it as a ``<script src>``; and ``script-src 'self'`` in the pages' security policy
allows exactly that, where ``eval`` of fetched text would not be.

A document is what a result line shows and what its words are found by:

``u``
    the page, relative to the site root (:func:`coopgraph.site.layout.page_path`); also
    the document's id, since every page has one document.
``k``
    the kind (``agency``...); the search page labels it in its own language and ranks
    agencies first, since most searches are for agencies.
``t``, ``l``
    the title in the page's language, else in the site's other languages, else the id:
    never empty. ``l`` is the title's language when it is not the page's (for ``lang=``).
``d``
    a one-line description: country and kind, type and date, publisher and date.
``n``, ``a``, ``o``
    the words it is found by: names (titles, labels) in every language, then acronyms,
    short names, aliases and the id (the strongest evidence of what is meant), then
    other words (a source's publisher). Former names are names too.

Shards hold at most :data:`SHARD_SIZE` documents, agencies first, so the first shard
answers most searches while the rest arrive. Everything is sorted and written without
timestamps: the same data gives the same bytes, and the content-keyed writer leaves
unchanged shards alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coopgraph.site.facts import Facts, country_aliases, country_names
from coopgraph.site.layout import page_path
from coopgraph.vocabulary import AGENCY_KINDS, AGREEMENT_TYPES, EVENT_TYPES, SOURCE_KINDS

if TYPE_CHECKING:
    from coopgraph.index import Index
    from coopgraph.models import Agency, Agreement, Event, Source, TechField

__all__ = [
    "SHARD_SIZE",
    "country_name",
    "manifest_path",
    "search_documents",
    "search_files",
]

#: Documents per shard: about 0.3 MB of script at most, parsed and indexed in well under
#: a second, so results for the first shard (the agencies) appear while the rest load.
SHARD_SIZE = 2000

#: Separator of the parts of a description (``South Korea · national metrology institute``).
_DOT = " · "


def manifest_path(lang: str) -> str:
    """Where a language's manifest lives, relative to the site root.

    The search page gets it as ``search_manifest`` and prefixes its ``root``, as search.js
    does with the shard paths the manifest lists.
    """
    return f"search/{lang}/manifest.js"


def search_files(
    index: Index,
    lang: str,
    langs: Sequence[str],
    *,
    shard_size: int = SHARD_SIZE,
    facts: Facts | None = None,
) -> dict[str, bytes]:
    """The search index of the ``lang`` pages: ``{site-relative path: bytes}``.

    ``manifest.js`` lists the shards (paths relative to the site root) and the number of
    documents; each shard registers its documents under its number.
    """
    docs = search_documents(index, lang, langs, facts=facts)
    files: dict[str, bytes] = {}
    shards: list[str] = []
    for n, start in enumerate(range(0, len(docs), shard_size)):
        path = f"search/{lang}/{n}.js"
        shards.append(path)
        files[path] = _call("add", n, docs[start : start + shard_size])
    manifest = {"docs": len(docs), "lang": lang, "shards": shards}
    files[manifest_path(lang)] = _call("manifest", manifest)
    return dict(sorted(files.items()))


def _call(function: str, *arguments: Any) -> bytes:
    """``coopgraphSearch.<function>(<arguments as JSON>);``: a script the page can load.

    JSON is valid JavaScript (since ES2019 even with U+2028 in strings); UTF-8 keeps Korean
    at 3 bytes a syllable instead of 6 for ``\\uXXXX``.
    """
    text = ",".join(
        json.dumps(argument, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for argument in arguments
    )
    return f"coopgraphSearch.{function}({text});\n".encode()


def search_documents(
    index: Index, lang: str, langs: Sequence[str], *, facts: Facts | None = None
) -> list[dict[str, Any]]:
    """Every document of the ``lang`` pages, in shard order: agencies first, each kind by key.

    Countries and pairs are those the site has pages for (:class:`Facts`, the same rule).
    """
    order = [lang, *(other for other in langs if other != lang), "en"]
    facts = facts or Facts.of(index)
    pairs = sorted(f"{a}-{b}" for a, b in facts.agreements_of_pair)
    groups: list[Iterable[dict[str, Any]]] = [
        (_agency(a, lang, langs, order) for a in _sorted(index.agencies)),
        (_country(code, lang, langs) for code in facts.countries),
        (_pair(pair, lang, langs) for pair in pairs),
        (_field(f, index, lang, langs, order) for f in _sorted(index.fields)),
        (_agreement(a, lang, langs, order) for a in _sorted(index.agreements)),
        (_event(e, lang, langs, order) for e in _sorted(index.events)),
        (_source(s, lang, langs) for s in _sorted(index.sources)),
    ]
    return [doc for group in groups for doc in group]


def _sorted(records: Mapping[str, Any]) -> Iterator[Any]:
    for key in sorted(records):
        yield records[key]


# --- one document per page ---------------------------------------------------------------


def _doc(
    kind: str,
    key: str,
    lang: str,
    langs: Sequence[str],
    title: tuple[str, str | None],
    description: Iterable[str | None],
    names: Iterable[str],
    also: Iterable[str] = (),
    other: Iterable[str] = (),
) -> dict[str, Any]:
    text, title_lang = title
    doc: dict[str, Any] = {
        "u": page_path(kind, key, lang, langs),
        "k": kind,
        "t": text or key,
        "d": _DOT.join(part for part in description if part),
        "n": _unique(names),
        "a": _unique([*also, key]),
    }
    if title_lang is not None and title_lang != lang and text:
        doc["l"] = title_lang
    if words := _unique(other):
        doc["o"] = words
    return doc


def _unique(texts: Iterable[str]) -> list[str]:
    """Each text once, in order: a repeated name would only inflate its weight."""
    return list(dict.fromkeys(text for text in texts if text))


def _localized(text: Mapping[str, str] | None, order: Sequence[str]) -> tuple[str, str | None]:
    """The text in the first language of ``order`` that has it, else any: (text, language)."""
    if not text:
        return "", None
    for lang in order:
        if text.get(lang):
            return text[lang], lang
    first = sorted(text)[0]
    return text[first], first


def _label(labels: Mapping[str, Mapping[str, str]], key: str, order: Sequence[str]) -> str:
    return _localized(labels.get(key), order)[0] or key


def _agency(
    agency: Agency, lang: str, langs: Sequence[str], order: Sequence[str]
) -> dict[str, Any]:
    official = [n for n in agency.names if n.kind == "official"]
    title: tuple[str, str | None] = ("", None)
    for wanted in order:
        in_lang = [n for n in official if n.lang == wanted]
        current = [n for n in in_lang if n.valid_until is None] or in_lang
        if current:
            title = (current[0].text, wanted)
            break
    else:
        if official:
            title = (official[0].text, official[0].lang)
    return _doc(
        "agency",
        agency.id,
        lang,
        langs,
        title,
        [country_name(agency.country, order), _label(AGENCY_KINDS, agency.kind, order)],
        names=(n.text for n in official),
        also=(n.text for n in agency.names if n.kind != "official"),
    )


def _agreement(
    agreement: Agreement, lang: str, langs: Sequence[str], order: Sequence[str]
) -> dict[str, Any]:
    return _doc(
        "agreement",
        agreement.id,
        lang,
        langs,
        _localized(agreement.title, order),
        [
            _label(AGREEMENT_TYPES, agreement.type, order),
            str(agreement.date) if agreement.date else None,
        ],
        names=agreement.title.values(),
    )


def _event(event: Event, lang: str, langs: Sequence[str], order: Sequence[str]) -> dict[str, Any]:
    city = _localized(event.place.city, order)[0] if event.place else ""
    country = event.place.country if event.place else None
    return _doc(
        "event",
        event.id,
        lang,
        langs,
        _localized(event.title, order),
        [
            _label(EVENT_TYPES, event.type, order),
            str(event.date) if event.date else None,
            ", ".join(p for p in [city, country_name(country, order) if country else ""] if p),
        ],
        names=event.title.values(),
    )


def _field(
    field: TechField, index: Index, lang: str, langs: Sequence[str], order: Sequence[str]
) -> dict[str, Any]:
    broader = index.fields.get(field.broader) if field.broader else None
    return _doc(
        "field",
        field.id,
        lang,
        langs,
        _localized(field.label, order),
        [_localized(broader.label, order)[0] if broader else None],
        names=field.label.values(),
    )


def _source(source: Source, lang: str, langs: Sequence[str]) -> dict[str, Any]:
    order = [lang, "en"]
    return _doc(
        "source",
        source.id,
        lang,
        langs,
        (source.title or source.id, source.language if source.title else None),
        [
            _label(SOURCE_KINDS, source.kind, order),
            source.publisher,
            str(source.published) if source.published else None,
        ],
        names=[source.title] if source.title else [],
        other=[source.publisher] if source.publisher else [],
    )


def _country(code: str, lang: str, langs: Sequence[str]) -> dict[str, Any]:
    order = [lang, *langs, "en"]
    return _doc(
        "country",
        code,
        lang,
        langs,
        _country_title(code, order),
        [code],
        names=country_aliases(code),
    )


def _pair(pair: str, lang: str, langs: Sequence[str]) -> dict[str, Any]:
    order = [lang, *langs, "en"]
    first, second = pair.split("-")
    one, other = _country_title(first, order), _country_title(second, order)
    title_lang = one[1] if one[1] == other[1] else "en" if lang != "en" else None
    return _doc(
        "country-pair",
        pair,
        lang,
        langs,
        (f"{one[0]} – {other[0]}", title_lang),
        [pair],
        names=[*country_aliases(first), *country_aliases(second)],
        also=[first, second],
    )


# --- countries ---------------------------------------------------------------------------


def country_name(code: str, order: Sequence[str]) -> str:
    """The country's name in the first language of ``order`` pycountry knows, else the code."""
    return _country_title(code, order)[0]


def _country_title(code: str, order: Sequence[str]) -> tuple[str, str | None]:
    names = country_names(code)
    for lang in order:
        if names.get(lang):
            return names[lang], lang
    return code, None
