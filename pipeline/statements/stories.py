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
_SHIFT = np.uint64(61)
_CHUNK = 256  # rows of hashes permuted at once: 256 x 128 values stay in the cache between passes
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
    hashes = run >> np.uint64(32)  # a run said twice changes no minimum: no need to make them unique
    out = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for chunk in range(0, len(hashes), _CHUNK):  # bounded memory for very long texts
        permuted = np.multiply(hashes[chunk : chunk + _CHUNK, None], _A)  # products wrap mod 2^64: still a hash
        permuted += _B
        np.minimum(out, _mod_prime(permuted).min(axis=0), out=out)
    return out.tobytes()


def _mod_prime(x: np.ndarray) -> np.ndarray:
    """x mod 2^61 - 1 without a division: the low 61 bits plus the high 3 are below 2p, and
    subtracting p wraps below zero to a value above any residue, so the smaller of r and r - p is
    the residue (x is overwritten)."""
    r: np.ndarray = np.bitwise_and(x, _PRIME)
    x >>= _SHIFT
    r += x
    np.subtract(r, _PRIME, out=x)
    np.minimum(r, x, out=r)
    return r


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
