"""Undo Content-Encoding with a cap on the decoded size, checked while decoding.

httpx decodes a whole network chunk at once, so a few kB of nested gzip ("gzip, gzip") become
gigabytes before any size check can run. Here every layer hands on at most STEP bytes at a time
(zlib's max_length), so a bomb is stopped after `max_bytes` plus one step, whatever its ratio."""

from __future__ import annotations

import zlib
from typing import Iterable, Iterator

STEP = 64 * 1024
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class DecodeError(ValueError):
    """The body is not what its Content-Encoding says, or decodes to more than the cap."""


class _Layer:
    """One encoding. `deflate` is zlib-wrapped by the standard but raw in some servers: both read."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.wbits = _WBITS[encoding]
        self.inflater = zlib.decompressobj(self.wbits)
        self.started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self.inflater.decompress(data, STEP)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.started:  # raw deflate, no zlib header
                    self.wbits, self.started = -zlib.MAX_WBITS, True
                    self.inflater = zlib.decompressobj(self.wbits)
                    continue
                raise DecodeError(f"corrupt {self.encoding} body: {exc}") from exc
            self.started = True
            if out:
                yield out
            data = self.inflater.unconsumed_tail
            if self.inflater.eof and self.inflater.unused_data:  # concatenated gzip members
                data = self.inflater.unused_data
                self.inflater = zlib.decompressobj(self.wbits)
            elif not data and len(out) < STEP:
                return


def _layers(content_encoding: str) -> list[_Layer]:
    """Encodings in the order to undo them: the header lists them in the order they were applied."""
    names = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
    layers = []
    for name in reversed(names):
        if name == "identity":
            continue
        if name not in _WBITS:
            raise DecodeError(f"unsupported Content-Encoding {name!r}")
        layers.append(_Layer(name))
    return layers


def decoded(raw_chunks: Iterable[bytes], content_encoding: str, max_bytes: int) -> Iterator[bytes]:
    """Decoded pieces of the body; raises DecodeError as soon as more than max_bytes came out."""
    layers = _layers(content_encoding)
    size = 0
    for raw in raw_chunks:
        pieces: Iterable[bytes] = [raw]
        for layer in layers:
            pieces = _through(layer, pieces)
        for piece in pieces:
            size += len(piece)
            if size > max_bytes:
                raise DecodeError(f"body decodes to more than the {max_bytes}-byte cap")
            yield piece


def _through(layer: _Layer, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from layer.feed(piece)
