"""Pictures of the graph: an offline HTML view, and files for Gephi, Cytoscape and Graphviz."""
