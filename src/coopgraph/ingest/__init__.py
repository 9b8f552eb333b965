"""From news to records: articles in, cited candidate agreements out, merged after review.

- :mod:`coopgraph.ingest.articles` — files to articles: text, HTML (trafilatura), header
  date, language; bad input refused;
- :mod:`coopgraph.ingest.lexicon` — the per-language lexicons (``lexicons/*.yaml``), the
  sentence splitters and the tokenisers (kiwipiepy, SudachiPy);
- :mod:`coopgraph.ingest.when` — dates at the precision the text gives (dateparser);
- :mod:`coopgraph.ingest.extract` — one article's candidates with their evidence;
- :mod:`coopgraph.ingest.candidates` — the same agreement joined across articles and
  matched against the data;
- :mod:`coopgraph.ingest.pipeline` — ``ingest``;
- :mod:`coopgraph.ingest.merge` — ``merge``: accepted candidates into a data directory.

Nothing here is imported by the CLI until ``coopgraph ingest`` or ``merge`` runs.
"""

from coopgraph.ingest.merge import merge
from coopgraph.ingest.pipeline import ingest

__all__ = ["ingest", "merge"]
