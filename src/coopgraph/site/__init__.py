"""``coopgraph site``: the graph as a static, bilingual, searchable website.

For the people who never open a terminal. One folder of HTML, CSS and a little JavaScript
that works from ``file://``, from any static host and offline:

- a page per record (agency, agreement, event, field, source) at the path of its IRI
  (``<base>agency/KRISS`` → ``agency/KRISS/index.html``), and per country and country
  pair; every statement carries its quote and a link to its source;
- English at the root and Korean under ``ko/`` (:mod:`~coopgraph.site.layout`), with a
  switch on every page that stays on the same record;
- each record's machine-readable twin: JSON-LD embedded in its page and Turtle beside it
  (:mod:`~coopgraph.site.twins`), the whole dataset downloadable (:mod:`~coopgraph.site.downloads`);
- a search box on every page, answered in the browser by MiniSearch over shards loaded only
  when someone searches (:mod:`~coopgraph.site.search`).

The data flows: index → :mod:`~coopgraph.site.facts` (inverse lookups, one pass) →
:mod:`~coopgraph.site.pages` (what each page says, as plain data) →
:mod:`~coopgraph.site.render` (Jinja2 templates) → :mod:`~coopgraph.site.output` (a staging
folder swapped into place; unchanged files linked from the previous build, not rewritten),
driven by :mod:`~coopgraph.site.build` (content keys, languages drawn in parallel).
"""

from coopgraph.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
