"""RDF views of the dataset: export, import, SHACL shapes (Oxigraph underneath, rdflib on request)."""
