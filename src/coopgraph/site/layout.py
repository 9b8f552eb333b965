"""Where each page of the site lives, and how one page links to another.

A page's path mirrors its record's IRI path: the IRI ``<base>agency/KRISS`` has its page at
``agency/KRISS/index.html``, so one redirect rule from the IRI base to the site makes every
IRI resolve to its page. The first language of the site sits at the root; every other
language repeats the same tree under its tag (``ko/agency/KRISS/index.html``), so switching
language is a fixed change of prefix and keeps the reader on the same record.

Links are relative and name ``index.html`` explicitly: the same files then work from
``file://`` (where a directory link opens a listing, not its index), from any static host,
and under any sub-path, without rewriting.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from coopgraph.errors import UsageError

__all__ = [
    "KINDS",
    "LANGUAGES",
    "check_base_url",
    "lang_root",
    "page_path",
    "parse_languages",
    "relative",
    "root_of",
    "twin_path",
]

#: Path segments of the pages: the record kinds (as in the IRIs), then the pages of places.
KINDS = ("agency", "agreement", "event", "field", "source", "country", "country-pair")

#: Languages the site's own words exist in (``messages/<lang>/*.yaml``).
LANGUAGES = ("en", "ko")


def parse_languages(text: str) -> tuple[str, ...]:
    """``"en,ko"`` → ``("en", "ko")``: the first is the root language."""
    langs = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if not langs or unknown:
        shown = ", ".join(unknown) if unknown else repr(text)
        raise UsageError(f"--lang: {shown} is not one of {', '.join(LANGUAGES)}")
    return langs


def lang_root(lang: str, langs: Sequence[str]) -> str:
    """The folder of a language's pages, relative to the site root (``""`` or ``"ko/"``)."""
    return "" if lang == langs[0] else f"{lang}/"


def page_path(kind: str, key: str, lang: str, langs: Sequence[str]) -> str:
    """``agency/KRISS/index.html`` for the root language, ``ko/agency/...`` for another."""
    return f"{lang_root(lang, langs)}{kind}/{key}/index.html"


def twin_path(kind: str, key: str) -> str:
    """The record's Turtle, one per record whatever the language: ``agency/KRISS/index.ttl``."""
    return f"{kind}/{key}/index.ttl"


def relative(from_file: str, to_file: str) -> str:
    """The relative href from one site file to another (``../../field/quantum/index.html``)."""
    start = posixpath.dirname(from_file) or "."
    return posixpath.relpath(to_file, start)


def root_of(from_file: str) -> str:
    """The relative path from a site file to the site root: ``""``, ``"../../"``..."""
    return "../" * from_file.count("/")


_PATH = re.compile(r"/(?:[A-Za-z0-9._~!$&'()*+,;=:@%-]+/)*")
_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?P<path>/.*)?")


def check_base_url(text: str) -> str:
    """The site's public address, ending in ``/``: a URL path (``/coopgraph/``) or an http(s) URL.

    The pages link to each other relatively and need no base; it goes into what must be
    absolute: the canonical link of each page, the sitemap and the citation text.
    """
    value = text if text.endswith("/") else text + "/"
    found = _URL.fullmatch(value)
    path = (found["path"] or "/") if found is not None else value
    if ".." in path.split("/") or "//" in path or not _PATH.fullmatch(path):
        raise UsageError(
            f"--base-url: {text!r} is not a URL path such as /coopgraph/ "
            "or an address such as https://example.org/coopgraph/"
        )
    return value
