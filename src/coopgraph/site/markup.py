"""The small pieces of HTML every page repeats: a link, a country, a party, a quote.

Written as Jinja2 filters in Python rather than as template macros because they are drawn
hundreds of thousands of times in a large site: a macro call costs Jinja about 20 µs, a
filter about 2 µs, and at 10,000 agreements that was most of the build. Every value goes
through :meth:`markupsafe.Markup.format`, which escapes it: names are data, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

__all__ = ["FILTERS"]

View = Mapping[str, Any]

_LINK = Markup('<a href="{}{}">{}</a>')


@jinja2.pass_context
def link(context: Any, item: View | None) -> Markup:
    """``<a href="ROOT+href">label</a>``: a record or place of the site."""
    if not item:
        return Markup("")
    return _LINK.format(context["root"], item["href"], item["label"])


@jinja2.pass_context
def country_link(context: Any, item: View | None) -> Markup:
    """A country's page, named in the page's language, with its code."""
    if not item:
        return Markup("")
    return Markup('<a href="{}{}">{}</a> <span class="code">({})</span>').format(
        context["root"], item["href"], item["name"], item["code"]
    )


@jinja2.pass_context
def party(context: Any, item: View) -> Markup:
    """A party: its agency (and acting unit), or an unnamed party's description; country, role."""
    if item.get("agency"):
        html = link(context, item["agency"])
        if item.get("unit"):
            html += Markup(" (") + link(context, item["unit"]) + Markup(")")
    else:
        html = Markup('<span class="unnamed">{}</span>').format(item.get("description", ""))
    if item.get("country"):
        html += Markup(" · ") + country_link(context, item["country"])
    if item.get("role"):
        html += Markup(' · <span class="role">{}</span>').format(item["role"])
    return html


@jinja2.pass_context
def source_link(context: Any, item: View) -> Markup:
    """A source's page on the site, and the address of the original when there is one."""
    if item.get("href"):
        html = _LINK.format(context["root"], item["href"], item["label"])
    else:
        html = Markup("{}").format(item["label"])
    if item.get("url"):
        html += Markup(' · <a class="external" href="{}" rel="noopener noreferrer">{}</a>').format(
            item["url"], context["t"]["original"]
        )
    return html


@jinja2.pass_context
def cited(context: Any, items: Sequence[View]) -> Markup:
    """Each quote as a blockquote, with its source, the source it came through, and what it
    supports."""
    if not items:
        return Markup("")
    t = context["t"]
    parts = [Markup('<ul class="quotes">')]
    for quote in items:
        line = Markup("{}: ").format(t["source"]) + source_link(context, quote["source"])
        if quote.get("via"):
            line += Markup(" · {} ").format(t["via"]) + source_link(context, quote["via"])
        if quote.get("supports"):
            line += Markup(" · {}: {}").format(t["supports"], ", ".join(quote["supports"]))
        parts.append(
            Markup('<li><blockquote>{}</blockquote><p class="cite">{}</p></li>').format(
                quote["quote"], line
            )
        )
    parts.append(Markup("</ul>"))
    return Markup("\n").join(parts)


FILTERS = {
    "link": link,
    "country_link": country_link,
    "party": party,
    "source_link": source_link,
    "cited": cited,
}
