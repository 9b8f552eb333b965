"""Pages to HTML: the Jinja2 environment and what every page shares.

Autoescaping is on for every template: names, titles and quotes are data, and a title
with ``<script>`` in it must show as text. JSON-LD goes into a ``<script>`` element, where
HTML escaping does not apply; :func:`script_json` escapes ``<``, ``>`` and ``&`` as JSON
escapes instead, so no text can close the element.

The site's words (headings, labels) live in ``messages/<lang>/*.yaml``, one mapping per
file, merged: translators edit YAML, not templates.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from coopgraph.site.layout import lang_root, root_of, twin_path
from coopgraph.site.markup import FILTERS
from coopgraph.site.pages import RECORD_KINDS, Page
from coopgraph.site.words import files_under, messages, package_files

__all__ = ["Renderer", "code_fingerprint", "script_json"]

#: How each language names itself in the switch.
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


def script_json(text: str) -> Markup:
    """JSON text made safe inside ``<script>``: no ``</script>`` or ``<!--`` can appear."""
    safe = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(safe)


@cache
def code_fingerprint() -> str:
    """A digest of the site's templates, words, static files and code, and the RDF export's.

    Part of every file's content key: a changed template or filter re-draws every page, a
    changed export re-makes every twin.
    """
    import coopgraph.rdf

    digest = hashlib.blake2b(digest_size=16)
    for folder, name in ((package_files(), "site"), (resources.files(coopgraph.rdf), "rdf")):
        for path, entry in files_under(folder, name):
            digest.update(path.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()


class Renderer:
    """Renders the pages of one site: its languages and its public address are fixed."""

    def __init__(self, langs: Sequence[str], base_url: str | None) -> None:
        self.langs = tuple(langs)
        self.base_url = base_url
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader("coopgraph.site", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters["script_json"] = script_json
        self.environment.filters.update(FILTERS)

    def key(self, page: Page, twin_key: str | None) -> str:
        """A digest of everything the page's HTML depends on (its record's twin by its key)."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(code_fingerprint().encode())
        state = (page.path, page.template, page.title, page.content, twin_key)
        # marshal's format 2 has no back-references: equal content gives equal bytes, which
        # pickle does not promise (it shares strings that happen to be the same object)
        digest.update(marshal.dumps((state, self.langs, self.base_url), 2))
        return digest.hexdigest()

    def shared(self, path: str, lang: str) -> dict[str, Any]:
        """What every page has: where it is, its words, the language switch."""
        root = root_of(path)
        suffix = path[len(lang_root(lang, self.langs)) :]
        return {
            "lang": lang,
            "root": root,
            "lang_root": root + lang_root(lang, self.langs),
            "t": messages(lang),
            "languages": [
                {
                    "lang": other,
                    "label": LANGUAGE_NAMES.get(other, other),
                    "href": root + lang_root(other, self.langs) + suffix,
                    "current": other == lang,
                }
                for other in self.langs
            ],
            "canonical": self._canonical(path),
            "twin": None,
            "jsonld": None,
        }

    def _canonical(self, path: str) -> str | None:
        if self.base_url is None:
            return None
        return self.base_url + path.removesuffix("index.html")

    def render(self, page: Page, jsonld: str | None) -> bytes:
        context = self.shared(page.path, page.lang)
        context.update(page.content)
        context["title"] = page.title
        context["jsonld"] = jsonld
        if page.kind in RECORD_KINDS:
            context["twin"] = context["root"] + twin_path(page.kind, page.key)
        return self.environment.get_template(page.template).render(context).encode("utf-8")

    def render_plain(self, template: str, path: str, lang: str, **content: Any) -> bytes:
        """A page that is not a record's (the search page): shared context and ``content``."""
        context = self.shared(path, lang)
        context.update(content)
        return self.environment.get_template(template).render(context).encode("utf-8")
