"""Errors a user can act on: each names the file (and line where known)."""
from __future__ import annotations


class GazetteError(Exception):
    """Base class; the CLI prints ``str(err)`` and exits non-zero, no traceback."""


class InputError(GazetteError):
    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class StoreError(GazetteError):
    pass
