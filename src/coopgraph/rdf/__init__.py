"""RDF views of the dataset: export, import and SHACL shapes, on Oxigraph (rdflib on request)."""
