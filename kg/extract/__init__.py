"""Stage 2: documents -> facts. One module per fact kind, each a pure function
``extract_X(doc: Document) -> list[Fact]`` registered with ``@extractor``.

Extractors see one document at a time and report names as printed; the
resolve stage learns the gazette's cast and canonicalises them.
"""
from kg.extract.registry import EXTRACTORS, ExtractedFacts, extract_gazette, extractor

__all__ = ["EXTRACTORS", "ExtractedFacts", "extract_gazette", "extractor"]
