"""The small pieces of HTML every page repeats: a link, a country, a party, a quote.

Written as Jinja2 filters in Python rather than as template macros because they are drawn
hundreds of thousands of times in a large site: a macro call costs Jinja about 20 µs, a
filter about 2 µs, and at 10,000 agreements that was most of the build. Every value goes
through :func:`markupsafe.escape` (in C): names are data, never markup. (``Markup.format``
escapes too, but through Python's ``string.Formatter``: it took half the rendering time.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup, escape

__all__ = ["FILTERS"]

View = Mapping[str, Any]


def _a(href: str, label: str, lang: str | None = None) -> str:
    """A link; ``lang`` marks a label in another language than the page's (a fallback)."""
    if lang:
        return f'<a href="{escape(href)}" lang="{escape(lang)}">{escape(label)}</a>'
    return f'<a href="{escape(href)}">{escape(label)}</a>'


@jinja2.pass_context
def link(context: Any, item: View | None) -> Markup:
    """``<a href="ROOT+href">label</a>``: a record or place of the site."""
    if not item:
        return Markup("")
    return Markup(_a(context["root"] + item["href"], item["label"], item.get("lang")))


@jinja2.pass_context
def country_link(context: Any, item: View | None) -> Markup:
    """A country's page, named in the page's language, with its code."""
    if not item:
        return Markup("")
    return Markup(_country(context["root"], item))


def _country(root: str, item: View) -> str:
    anchor = _a(root + item["href"], item["name"])
    return f'{anchor} <span class="code">({escape(item["code"])})</span>'


@jinja2.pass_context
def party(context: Any, item: View) -> Markup:
    """A party: its agency (and acting unit), or an unnamed party's description; country, role."""
    root = context["root"]
    if item.get("agency"):
        agency = item["agency"]
        html = _a(root + agency["href"], agency["label"], agency.get("lang"))
        if item.get("unit"):
            unit = item["unit"]
            html += f" ({_a(root + unit['href'], unit['label'], unit.get('lang'))})"
    else:
        html = f'<span class="unnamed">{escape(item.get("description", ""))}</span>'
    if item.get("country"):
        html += " · " + _country(root, item["country"])
    if item.get("role"):
        html += f' · <span class="role">{escape(item["role"])}</span>'
    return Markup(html)


def _source(root: str, original: str, item: View) -> str:
    """A source's page on the site, and the address of the original when there is one."""
    html = (
        _a(root + item["href"], item["label"]) if item.get("href") else str(escape(item["label"]))
    )
    if item.get("url"):
        html += (
            f' · <a class="external" href="{escape(item["url"])}" rel="noopener noreferrer">'
            f"{escape(original)}</a>"
        )
    return html


@jinja2.pass_context
def source_link(context: Any, item: View) -> Markup:
    """A source's page on the site, and the address of the original when there is one."""
    return Markup(_source(context["root"], context["t"]["original"], item))


@jinja2.pass_context
def cited(context: Any, items: Sequence[View]) -> Markup:
    """Each quote as a blockquote, with its source, the source it came through, and what it
    supports."""
    if not items:
        return Markup("")
    t, root = context["t"], context["root"]
    original = t["original"]
    parts = ['<ul class="quotes">']
    for quote in items:
        line = f"{escape(t['source'])}: {_source(root, original, quote['source'])}"
        if quote.get("via"):
            line += f" · {escape(t['via'])} {_source(root, original, quote['via'])}"
        if quote.get("supports"):
            named = ", ".join(t.get(f"field_{name}", name) for name in quote["supports"])
            line += f" · {escape(t['supports'])}: {escape(named)}"
        parts.append(
            f'<li><blockquote>{escape(quote["quote"])}</blockquote><p class="cite">{line}</p></li>'
        )
    parts.append("</ul>")
    return Markup("\n".join(parts))


FILTERS = {
    "link": link,
    "country_link": country_link,
    "party": party,
    "source_link": source_link,
    "cited": cited,
}
