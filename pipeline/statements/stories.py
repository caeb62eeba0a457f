"""Near-duplicate articles (wire copies, rewrites, updated versions) as one story: a MinHash
signature over runs of five words, and locality-sensitive hashing by bands to find the candidates
(Broder 1997; Leskovec, Rajaraman and Ullman, Mining of Massive Datasets, ch. 3). The few lines are
written here rather than taken from datasketch, which needs scipy."""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # candidates from a Jaccard similarity of about (1/32)^(1/4) = 0.42 up
SAME_STORY = 0.5  # estimated Jaccard similarity of two articles of one story
WORDS = 5
_WORD = re.compile(r"\w+")
_PRIME = np.uint64((1 << 61) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit multiplier (the golden ratio's bits)
_RNG = np.random.default_rng(20261205)  # fixed: signatures must compare across processes and releases
_A = _RNG.integers(1, (1 << 61) - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, (1 << 61) - 1, size=PERMUTATIONS, dtype=np.uint64)


def signature(text: str) -> bytes:
    """The article's MinHash signature (PERMUTATIONS unsigned 64-bit values), empty for a text of
    fewer than WORDS words. Linear in the text."""
    words = _WORD.findall(text.casefold())  # copies share their spelling: no accent folding needed
    if len(words) < WORDS:
        return b""
    # each run of WORDS words hashed from its words' hashes, in numpy: a polynomial of the word
    # hashes, wrapping mod 2^64, then the 32 bits the permutations below expect
    word = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    n = len(words) - WORDS + 1
    run = np.zeros(n, dtype=np.uint64)
    for j in range(WORDS):
        run *= _MIX
        run += word[j : j + n]
    hashes = np.unique(run >> np.uint64(32))
    out = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for chunk in range(0, len(hashes), 4096):  # bounded memory for very long texts
        permuted = np.multiply(hashes[chunk : chunk + 4096, None], _A)  # products wrap mod 2^64: still a hash
        permuted += _B
        np.remainder(permuted, _PRIME, out=permuted)  # in place: one array per chunk, not three
        np.minimum(out, permuted.min(axis=0), out=out)
    return out.tobytes()


def bands(sig: bytes) -> list[int]:
    """One signed 64-bit key per band: two articles sharing a key are candidates."""
    if not sig:
        return []
    width = ROWS * 8
    return [
        int.from_bytes(
            hashlib.blake2b(bytes([b]) + sig[b * width : (b + 1) * width], digest_size=8).digest(), "big", signed=True
        )
        for b in range(BANDS)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two articles' runs of words."""
    if not a or not b:
        return 0.0
    return int(np.count_nonzero(np.frombuffer(a, dtype=np.uint64) == np.frombuffer(b, dtype=np.uint64))) / PERMUTATIONS
