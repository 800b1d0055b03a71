"""Stage 1: text -> documents, paragraphs and tables with offsets."""
from kg.ingest.documents import split_documents
from kg.ingest.source import read_source, source_from_string

__all__ = ["read_source", "source_from_string", "split_documents", "ingest_file"]


def ingest_file(path):
    """Read and split one gazette file."""
    return split_documents(read_source(path))
