"""Read a gazette file: detect its encoding and normalise line endings."""
from __future__ import annotations

import os

from kg.errors import InputError
from kg.ingest.variants import matching_text
from kg.model import SourceText

# Tried strictly in this order; GB18030 is a superset of GBK and GB2312.
_STRICT_ENCODINGS = ("utf-8", "gb18030")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for binary or undecodable data."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise _undecodable(path, data[3:], err, "utf-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, "this looks like a binary file (it contains NUL bytes), not gazette text", line)
    first_error = None
    for encoding in _STRICT_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as err:
            first_error = first_error or (encoding, err)
    try:  # a last try with a detector, for Big5 and the like
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding and _cjk_share(str(best)) > 0.2:
            return str(best), best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    encoding, err = first_error
    raise _undecodable(path, data, err, encoding)


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") / len(text)


def _undecodable(path: str, data: bytes, err: UnicodeDecodeError, encoding: str) -> InputError:
    line = data[: err.start].count(b"\n") + 1
    return InputError(
        path,
        f"cannot decode the text (tried UTF-8 and GB18030; {encoding} fails at byte {err.start})",
        line,
    )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str | os.PathLike) -> SourceText:
    """Read and decode one input file. Offsets downstream refer to the returned text."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a folder, not a text file")
    with open(path, "rb") as handle:
        data = handle.read()
    text, encoding = decode_bytes(data, path)
    matching, printed, offsets = matching_text(normalise_newlines(text))
    return SourceText(name=os.path.basename(path), path=path, text=matching, encoding=encoding, printed=printed,
                      offsets=offsets)


def source_from_string(text: str, name: str = "pasted.txt") -> SourceText:
    """For notebooks and tests: text that is already decoded."""
    matching, printed, offsets = matching_text(normalise_newlines(text.lstrip("\ufeff")))
    return SourceText(name=name, path=name, text=matching, encoding="str", printed=printed, offsets=offsets)
