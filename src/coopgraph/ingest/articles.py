"""Articles from files: plain text or saved HTML pages, their language and their header.

What a reader of a clipped news page sees first is its title, a byline and a date; the
rest is the story. The text kept here is the exact text offsets in the evidence point
into, so it is never rewritten after reading (only HTML is reduced to its main text, by
trafilatura, before anything points into it).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coopgraph.errors import CoopgraphError

__all__ = [
    "LANGUAGES",
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "article_files",
    "detect_language",
    "read_article",
]

#: The languages the lexicons cover.
LANGUAGES = ("ko", "en", "ja", "de")

#: A news article or press release is some kilobytes; a file of megabytes is something else
#: (a dump, a book, a mistaken path) and is refused before it is read whole.
MAX_ARTICLE_BYTES = 2_000_000

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HEADER_LINES = 20
_LEAST_LETTERS = 40
#: A header line (a dateline, a byline) is short; a sentence of the story is not.
_SHORT_LINE = 60
#: Header lines that carry the publication date ("승인 2017.04.14", "입력 2022-12-09",
#: "발표:2024/01/29", "등록 2024-08-02"): the first numeric day in the first lines.
_HEADER_DAY = re.compile(r"(?<!\d)(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)")


class ArticleError(CoopgraphError):
    """A file cannot be read as an article: empty, binary, too large, not an article, or
    in a language the lexicons do not cover."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = str(path), problem


@dataclass(frozen=True)
class Article:
    """One article's text and what is known of it; offsets in evidence index ``text``."""

    path: str
    text: str
    language: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None


def article_files(paths: list[Path]) -> list[Path]:
    """The files ``paths`` stand for: each file, and every regular non-hidden file of each
    directory (not recursing), in name order. A missing path is an error naming it."""
    found: list[Path] = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as error:
            raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
        if stat.S_ISDIR(mode):
            inside = sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.is_file())
            if not inside:
                raise ArticleError(path, "the directory holds no file")
            found.extend(inside)
        elif stat.S_ISREG(mode):
            found.append(path)
        else:
            raise ArticleError(path, "is not a regular file or a directory")
    return found


def read_article(path: Path) -> Article:
    """Read one file as an article; ArticleError says what is wrong with it."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            path,
            f"is {size / 1e6:.1f} MB; an article is expected under "
            f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB",
        )
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(path, "is empty")
    if b"\0" in data:
        raise ArticleError(path, "is binary data, not text")
    raw = _decoded(path, data)
    if path.suffix.lower() in _HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        return _from_html(path, raw)
    return _from_text(path, raw)


def _decoded(path: Path, data: bytes) -> str:
    """The file's text: UTF-8, else the encoding charset_normalizer finds (Korean and
    Japanese pages are still saved in CP949, EUC-KR, Shift_JIS or EUC-JP)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ArticleError(
                path, f"is neither UTF-8 nor text in an encoding recognised (byte {error.start})"
            ) from None
        return str(best)


def _from_text(path: Path, text: str) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else None
    language = _language_or_error(path, text)
    return Article(str(path), text, language, title, _header_date(lines, language))


def _header_date(lines: list[str], language: str) -> date | None:
    """The article's date: the first whole day in its first lines, written in digits
    ("입력 2022-12-09 12:35") or in words on a short line ("12 March 2025", "2025年3月12日")."""
    for line in lines[:_HEADER_LINES]:
        if (found := _HEADER_DAY.search(line)) and (day := _day(*found.groups())):
            return day
    from coopgraph.ingest.lexicon import lexicon
    from coopgraph.ingest.when import find_date

    for line in lines[1:_HEADER_LINES]:  # not the headline
        if len(line) <= _SHORT_LINE:
            found = find_date(line, lexicon(language), None, future=False)
            if found is not None and found.value and len(found.value) == len("YYYY-MM-DD"):
                return date.fromisoformat(found.value)
    return None


def _from_html(path: Path, html: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or sum(c.isalpha() for c in body) < _LEAST_LETTERS:  # a menu is no article
        raise ArticleError(path, "is an HTML page without an article text")
    published = None
    if raw_date := getattr(extracted, "date", None):
        published = _day(*str(raw_date).split("-")[:3]) if raw_date.count("-") >= 2 else None
    title = getattr(extracted, "title", None)
    text = f"{title}\n\n{body}" if title else body
    return Article(
        str(path),
        text,
        _language_or_error(path, text),
        title,
        published,
        getattr(extracted, "sitename", None),
        getattr(extracted, "url", None),
    )


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _language_or_error(path: Path, text: str) -> str:
    language = detect_language(text)
    if language not in LANGUAGES:
        shown = f"in {language!r}" if language else "in no language recognised"
        raise ArticleError(
            path, f"is {shown}; ingest reads {', '.join(LANGUAGES)} (see docs/ingest.md)"
        )
    return language


def detect_language(text: str) -> str | None:
    """The article's language: Hangul means Korean and kana Japanese (by their share of
    letters, so a Korean story quoting an English name stays Korean); Latin-script text is
    told apart by langdetect (seeded, so the answer is the same on every run)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return None
    hangul = sum("\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e" for c in letters)
    kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
    han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    if hangul / len(letters) > 0.2:
        return "ko"
    if kana and (kana + han) / len(letters) > 0.3:
        return "ja"
    if han / len(letters) > 0.3:
        return "zh"
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text[:5000])
    except LangDetectException:
        return None
