"""Plain functions that take a DocumentStructure and return contract rows."""
