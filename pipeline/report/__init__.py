"""The audit report: a static site of the dataset (`site.py`), its marked text (`marks.py`)
and its legal-basis graphs (`graph.py`)."""
