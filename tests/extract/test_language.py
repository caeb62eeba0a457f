"""Language per article: detected from the text, the declared one kept apart; languages without
rules get quotes by their marks and no speakers."""

import os
from functools import lru_cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import QuoteKind, extract
from pipeline.extract.language import _AUTOMATON_DEPTH, _identifier, detect_language, effective, primary

TEXTS = {
    "en": "The minister said on Monday that the new bridge would open next spring, despite delays with steel.",
    "de": "Der Minister sagte am Montag, die neue Brücke werde trotz Verzögerungen im Frühjahr eröffnet.",
    "fr": "Le ministre a déclaré lundi que le nouveau pont ouvrirait au printemps, malgré des retards.",
    "es": "El ministro dijo el lunes que el nuevo puente se abriría en primavera, a pesar de los retrasos.",
    "ru": "Министр заявил в понедельник, что новый мост откроется весной, несмотря на задержки с поставками стали.",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_detects_the_five_languages(lang: str) -> None:
    assert detect_language(TEXTS[lang]) == lang


@pytest.mark.parametrize("text", ["", "OK", "12:45 — 3:1", "Berlin"])
def test_too_little_text_is_unknown(text: str) -> None:
    assert detect_language(text) == ""


def test_detected_language_wins_over_the_declared_one() -> None:
    assert effective("de", "en-US") == "de"
    assert effective("", "de-DE") == "de"
    assert primary("EN_us") == "en"


def test_language_without_rules_gets_quotes_by_marks_and_no_speaker() -> None:
    text = "«No vamos a ceder ante ninguna presión», dijo Ana García, ministra de Economía, en Madrid."
    [q] = extract(text, language="es").quotes
    assert q.text == "No vamos a ceder ante ninguna presión" and q.kind is QuoteKind.DIRECT
    assert q.speaker == "" and q.speaker_start == -1


@lru_cache(maxsize=1)
def _library_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_no_state_of_the_automaton_stands_for_more_bytes_than_the_walk_reads() -> None:
    """Breadth-first from the start state: a state's distance is the length of the bytes it stands for."""
    ident = _library_identifier()
    moves, rows = np.asarray(ident.tk_nextmove), np.asarray(ident._rowbase, dtype=np.intp)
    depth = np.full(len(rows), -1)
    depth[0], frontier, d = 0, np.array([0]), 0
    while len(frontier):
        reached = np.unique(moves[(rows[frontier][:, None] + np.arange(256)[None, :]).ravel()].astype(np.intp))
        frontier, d = reached[depth[reached] < 0], d + 1
        depth[frontier] = d
    assert (depth >= 0).all() and depth.max() <= _AUTOMATON_DEPTH


@settings(deadline=None, max_examples=300)
@given(text=st.one_of(st.text(max_size=300), st.sampled_from(sorted(TEXTS.values()))))
def test_the_numpy_walk_scores_as_the_library_does(text: str) -> None:
    assert _identifier().rank(text) == _library_identifier().rank(text)


@settings(deadline=None, max_examples=300)
@given(
    values=st.lists(st.integers(0, 49), max_size=200), garbage=st.lists(st.integers(-5, 300), min_size=50, max_size=50)
)
def test_first_seen_gives_what_a_sort_gives(values: list[int], garbage: list[int]) -> None:
    from pipeline.extract.language import first_seen

    found = np.array(values, dtype=np.intp)
    features, index, counts = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(index)
    got = first_seen(found, np.array(garbage, dtype=np.intp))  # (scratch holding anything)
    assert got[0].tolist() == features[order].tolist() and got[1].tolist() == counts[order].tolist()


def _fresh_identifier(rows: int):  # type: ignore[no-untyped-def]
    """A walker of its own whose float32 row store holds only `rows` rows."""
    from py3langid.langid import MODEL_FILE

    from pipeline.extract.language import _walker_class

    ident = _walker_class().from_model_file(MODEL_FILE, norm_probs=True)
    ident.prepare()
    ident._floats = ident._floats[:rows]
    return ident


def test_a_full_row_store_converts_the_rest_and_scores_the_same() -> None:
    ident = _fresh_identifier(rows=40)  # filled by the first text: later ones mix kept and converted rows
    for text in [*TEXTS.values(), *TEXTS.values()]:
        assert ident.rank(text) == _library_identifier().rank(text)
    assert ident._kept == 40


def test_threads_filling_the_row_store_at_once_score_as_the_library() -> None:
    from concurrent.futures import ThreadPoolExecutor

    ident = _fresh_identifier(rows=5000)
    texts = [f"{t} {n}" * (1 + n % 7) for n in range(40) for t in TEXTS.values()]
    with ThreadPoolExecutor(max_workers=4) as pool:
        ranks = list(pool.map(ident.rank, texts))
    assert ranks == [_library_identifier().rank(t) for t in texts]


def test_detection_runs_on_the_process_thread_alone() -> None:
    """A newsflow process keeps BLAS to one thread (pipeline/__init__.py): a detection starts no
    thread that would contend with the other job processes for the cores."""
    import subprocess
    import sys

    code = (
        "import os\n"
        "os.environ.pop('OPENBLAS_NUM_THREADS', None)\n"
        "import pipeline\n"
        "from pipeline.extract.language import detect_language\n"
        "assert detect_language('The minister said the plan would be ready by the end of the year. ' * 30) == 'en'\n"
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "1"
