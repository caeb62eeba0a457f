"""The extractor's fast paths say exactly what their plain per-token definitions say, on any text
(property-based): each plain definition is the loop the fast path replaced."""

import re
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.extract import _inside_another, attribution, lexicon
from pipeline.extract.actors import (
    _LINKS,
    _PARTICLES,
    _Builder,
    _Capitals,
    _is_name_token,
    _lone_word,
    _merge_abbreviations,
    _merged_with_lower,
    _name_of_run,
    _name_tokens,
    _sentence_openers,
    find_actors,
    merged_token,
)
from pipeline.extract.attribution import Attribution, Attributor
from pipeline.extract.document import Doc
from pipeline.extract.german.words import Words
from pipeline.extract.german_words import NACH_NOUNS
from pipeline.extract.indirect import IndirectFinder
from pipeline.extract.lang import names as name_rules
from pipeline.extract.model import QuoteSpan
from pipeline.extract.names_de import _NUMBERS, _WEEKDAYS_MONTHS, NOUN_SUFFIXES, GermanNames
from pipeline.extract.quotes import find_quotes
from pipeline.extract.speakers import Speaker, SpeakerFinder
from pipeline.extract.statements import _Later
from pipeline.extract.text import (
    _ABBREV,
    _SENT_END,
    _TOKEN,
    Token,
    _word_before,
    _word_before_stop,
    before_spaces,
    paragraphs,
    sentences,
    tokenize,
    tokens_with,
)

WORDS = st.sampled_from(
    "Sen . J . U.S. GOP-heavy al-Assad then-Secretary ex-President Mr. Ana Lima - -- said the "
    '« “ ” » „ ( " Gov Dr. Washington a-t-il says according told called-for x-Ray A-B-c 3.5 , \n \n\n'.split(" ")
)
TEXTS = st.one_of(st.text(alphabet='Ab.- \n«»“”"(x', max_size=60), st.lists(WORDS, max_size=40).map(" ".join))


def _plain_merge(tokens: list[Token]) -> list[Token]:
    """Every token asked in turn."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok, used = merged_token(tokens, i)
        out.append(tok)
        i += used
    return out


@settings(max_examples=400)
@given(text=TEXTS)
def test_fast_paths_equal_their_plain_definitions(text: str) -> None:
    tokens = tokenize(text)
    merged = _merge_abbreviations(tokens, text)
    assert merged == _plain_merge(tokens)
    for given_starts in (None, [t.start for t in tokens]):
        assert _merged_with_lower(tokens, text, [t.text.lower() for t in tokens], given_starts) == (
            merged,
            [t.text.lower() for t in merged],
            [t.start for t in merged],
        )
    assert _merged_with_lower(tokens, text, None)[1:] == ([t.text.lower() for t in merged], [t.start for t in merged])
    starts = [t.start for t in merged]
    hyphenated = tokens_with(text, merged, starts, "-")
    upper = [text[s].isupper() for s in starts]
    assert _name_tokens(merged, upper, hyphenated) == [_is_name_token(t) for t in merged]
    starts = {s for s, _ in sentences(text)} | {s for s, _ in paragraphs(text)}
    after_mark = {s + 1 for s in starts if text[s : s + 1] in tuple('«“"„‘(')}
    openers = {t.start for t in merged if t.start in starts or t.start in after_mark}
    assert _sentence_openers(text, [t.start for t in merged], paragraphs(text)) == openers


@settings(max_examples=300)
@given(text=TEXTS)
def test_token_look_ups_equal_a_test_of_every_token(text: str) -> None:
    doc = Doc(text)
    for char in "-.":
        holding = [k for k, t in enumerate(doc.tokens) if char in t.text]
        assert tokens_with(text, doc.tokens, doc.starts, char) == holding
    words = lexicon.CUE_OR_OBJECT_WORD
    assert doc.cue_candidates == [i for i, w in enumerate(doc.lower) if w in words or "-" in w]
    for words in (frozenset({","}), frozenset({"said"}), frozenset({"-", "the"}), frozenset()):
        assert doc.positions(words) == [i for i, w in enumerate(doc.lower) if w in words]
    for offset in range(len(text) + 1) if doc.sents else ():  # (a text with words has a sentence and a paragraph)
        # the last span starting at or before offset, the first when none does
        assert doc.sentence(offset) == doc.sents[max([0] + [i for i, (s, _) in enumerate(doc.sents) if s <= offset])]
        assert doc.paragraph_index(offset) == max([0] + [i for i, (s, _) in enumerate(doc.paras) if s <= offset])


@settings(max_examples=300)
@given(text=TEXTS, bounds=st.tuples(st.integers(0, 70), st.integers(0, 70)))
def test_quote_look_ups_equal_a_scan_of_every_quote(text: str, bounds: tuple[int, int]) -> None:
    doc, (start, end) = Doc(text, find_quotes(text)), sorted(bounds)
    quotes = doc.quotes
    assert doc.quote_within(start, end) == any(q.outer_start >= start and q.outer_end <= end for q in quotes)
    inner = sum(q.end - q.start for q in quotes if q.start >= start and q.end <= end)
    assert doc.inner_quoted_chars(start, end) == inner
    assert doc.quoted == [doc.in_quote(t.start) for t in doc.tokens]


SPACED = st.one_of(
    TEXTS,
    st.text(alphabet="ab.,;—–’'-3 \t\n\u00a0\u2003\x1c", max_size=60),
    st.lists(st.sampled_from(["and", "but", ",", ";", "—", "–", "said", "x"]), max_size=30).map(" ".join),
)


@settings(max_examples=400)
@given(text=SPACED, bounds=st.tuples(st.integers(0, 70), st.integers(0, 70)))
def test_tokens_paragraphs_and_sentences_equal_their_plain_definitions(text: str, bounds: tuple[int, int]) -> None:
    start, end = sorted(bounds)
    for lo, hi in ((0, None), (start, end)):
        matches = _TOKEN.finditer(text, lo, len(text) if hi is None else hi)
        assert tokenize(text, lo, hi) == [Token(m.start(), m.end(), m.group()) for m in matches]
    plain, pos = [], 0  # the lines holding more than whitespace, as str.strip tells it
    for line in text.split("\n"):
        if line.strip():
            plain.append((pos, pos + len(line)))
        pos += len(line) + 1
    assert paragraphs(text) == plain
    spans = sentences(text)
    assert all(text[s:e].strip() for s, e in spans)  # a sentence holds more than whitespace
    assert not any(text[s].isspace() for s, _ in spans[1:])  # and the next starts after the spaces


@settings(max_examples=300)
@given(text=SPACED)
def test_clause_breaks_are_the_tokens_a_clause_end_acts_on(text: str) -> None:
    doc = Doc(text)
    finder = IndirectFinder(doc, Attributor(doc, SpeakerFinder(doc, find_actors(text, doc.tokens))))
    lower = doc.lower
    plain = [k for k in range(len(lower)) if lower[k - 1] == "," or lower[k] in ("and", "but", ";", "—", "–")]
    assert finder._breaks == plain


# the sentence-end pattern before a run of stops was read from its first stop only (its plain form)
_PLAIN_SENT_END = re.compile(
    r"(?=[.!?…\n])"
    r"(?:[.!?…]+(?:''|[»”\"’)“‘«'])*(?=\s+(?:''|``|[«»“„\"‘'(‚›])?[A-Z0-9À-ÖØ-ÞА-Я]|„[A-ZÄÖÜ]|[A-ZÄÖÜ][a-zäöüß]{2,}(?![\w.]))|\n+)"
)


@settings(max_examples=400)
@given(text=st.text(alphabet=".!?…»” \n„AaDie'", max_size=40))
def test_sentence_ends_are_those_of_the_plain_pattern(text: str) -> None:
    assert [m.span() for m in _SENT_END.finditer(text)] == [m.span() for m in _PLAIN_SENT_END.finditer(text)]


def _stop_facts(word: str) -> tuple[bool, bool, bool]:
    """What sentences() asks of the word before a full stop: an abbreviation, an initial, a number
    of up to three digits (and then the word itself, for the German date and ordinal)."""
    short_number = word.isdigit() and len(word) <= 3
    return word.lower().rstrip(".") in _ABBREV, len(word) == 1 and word.isupper(), short_number


@settings(max_examples=400)
@given(
    text=st.lists(st.sampled_from(["Sept", "sept", "x", "U.S", ".", "\n", " ", "12", "A"]), max_size=12).map("".join),
    start=st.integers(0, 5),
)
@example(text="xsept.\n.", start=0)  # (periods before a line break, a longer word before them)
def test_the_word_before_a_stop_read_back_a_bounded_way_decides_as_the_whole_word(text: str, start: int) -> None:
    for stop in range(start + 1, len(text)):
        if text[stop] == "." and text[stop - 1] not in ".!?…":  # (where _SENT_END lets a stop match)
            short, whole = _word_before_stop(text, start, stop), _word_before(text, start, stop)
            assert _stop_facts(short) == _stop_facts(whole)
            assert not _stop_facts(whole)[2] or short == whole


@settings(max_examples=400)
@given(spans=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 6)).map(lambda p: (p[0], p[0] + p[1])), max_size=8))
def test_a_span_inside_another_is_one_another_span_contains(spans: list[tuple[int, int]]) -> None:
    plain = [any(s <= a and b <= e and (s, e) != (a, b) for s, e in spans) for a, b in spans]
    assert _inside_another(spans) == plain


GERMAN = st.one_of(
    st.lists(st.sampled_from("sagte , : ; „ “ wurde von Anna Roth der Plan hat gesagt".split(" ")), max_size=60),
    st.lists(st.sampled_from("sagte wurde von Anna Roth der Plan hat gesagt".split(" ")), min_size=30, max_size=90),
)


@settings(max_examples=200)
@given(words=GERMAN, lo=st.integers(0, 95))
def test_german_clause_starts_and_first_words_are_those_of_a_walk(words: list[str], lo: int) -> None:
    text = " ".join(words)
    doc = Doc(text, find_quotes(text))
    w = Words(doc, SpeakerFinder(doc, find_actors(text, doc.tokens, language="de")))
    for i in range(len(doc.tokens) + 1):
        k = i - 1
        while k >= lo and doc.tokens[k].text not in (",", ":", ";") and not doc.quoted[k]:
            k -= 1
        assert w._clause_start(i, lo) == k + 1
        wanted = frozenset({"wurde", "hat"})
        plain = next((j for j in range(lo, i) if doc.lower[j] in wanted), None)
        assert doc.first_of(wanted, lo, i) == plain


@settings(max_examples=300)
@given(
    cues=st.lists(st.one_of(st.none(), st.integers(0, 3)), max_size=12), qi=st.integers(0, 12), cue=st.integers(0, 3)
)
def test_the_attributions_after_a_quote_skip_exactly_those_of_its_cue(
    cues: list[int | None], qi: int, cue: int
) -> None:
    attributions = [None if c is None else Attribution(Speaker(-1, "x", 0, 1), "said", 10 * c, 0.5) for c in cues]
    plain = [a for a in attributions[qi + 1 :] if a is not None and a.cue_start != 10 * cue]
    assert list(_Later(attributions).others(qi, 10 * cue)) == plain


@settings(max_examples=300)
@given(
    text=st.text(alphabet="ab1_ .,’-\n\u00e9", max_size=60), bounds=st.tuples(st.integers(0, 65), st.integers(0, 65))
)
def test_nine_words_are_nine_of_the_word_pattern(text: str, bounds: tuple[int, int]) -> None:
    from pipeline.extract.lang.base import _NINE_WORDS, WORD

    start, end = sorted(bounds)
    assert (_NINE_WORDS.match(text, start, end) is not None) == (len(WORD.findall(text, start, end)) >= 9)


CUE_WORDS = (
    "sagte Sagte betonte mitteilte bekanntgab würdigte bewertete als teilte mit laut zufolge nach für so".split()
)


@settings(max_examples=200)
@given(
    words=st.lists(
        st.sampled_from([*CUE_WORDS, ",", ":", ";", "„", "“", ".", "Anna", "Roth", "der", "Plan"]), max_size=50
    )
)
def test_german_cue_and_source_lists_are_those_of_a_test_of_every_token(words: list[str]) -> None:
    from pipeline.extract.german.reported import _REPORTING_WORDS, ReportedSpeech
    from pipeline.extract.german_words import SOURCE_WORDS

    text = " ".join(words)
    doc = Doc(text, find_quotes(text))
    w = ReportedSpeech(doc, SpeakerFinder(doc, find_actors(text, doc.tokens, language="de")))
    every = range(len(doc.tokens))
    lower = doc.lower
    assert w._cues == [k for k in every if w._cue_test(k)]
    assert [w._is_cue(k) for k in every] == [w._cue_test(k) for k in every]
    assert [w._first_cue(lo, hi) for lo in every for hi in every] == [
        next((k for k in range(lo, hi) if w._cue_test(k)), None) for lo in every for hi in every
    ]
    marks = {":", ";", "nach", "für", *SOURCE_WORDS}
    assert w._source_marks == [k for k in every if lower[k] in marks or w._cue_test(k)]
    assert w._statement_openers == [k for k in every if w._cue_test(k) or lower[k] in _REPORTING_WORDS]
    assert w._lower_words == {t.text.lower() for t in doc.tokens if t.text[:1].islower()}


LONE = st.sampled_from(
    "The But Of And the of Obama Obama’s Obama's James’ ’s 's Sen. Senator President Minister Kanzlerin "
    "Regierung Polizei Washington Berlin NATO GOP I.B.M. Inc. Committee University We’re Mr. Dr. X Müller "
    "Audi-Werk Russian Democrats Monday Montag Bundesverfassungsgericht".split()
)


@settings(max_examples=300)
@given(word=st.one_of(LONE, st.text(alphabet="AbcÄß.’'-", min_size=1, max_size=8)), opener=st.booleans())
def test_a_lone_word_is_named_as_the_path_for_runs_names_it(word: str, opener: bool) -> None:
    """_lone_word is _name_of_run for a run of one token, and adds nothing to the builder."""
    run = [Token(0, len(word), word)]
    for names in (name_rules.ENGLISH, name_rules.GERMAN):
        builder = _Builder(word)
        plain = _name_of_run(word, run, 0, [word.lower()], {0} if opener else set(), {word.lower()}, names, builder)
        assert _lone_word(run, 0, [word.lower()]) == plain
        assert not builder.drafts


def _plain_noun(names: GermanNames, word: str) -> bool:
    """GermanNames._noun as one test after another."""
    if word in names.surnames:
        return False
    low = word.lower()
    if word in names.nouns or low in _WEEKDAYS_MONTHS or low in _NUMBERS or low in NACH_NOUNS:
        return True
    if lexicon.is_acronym(word) or word in lexicon.places():
        return False
    return low.endswith(NOUN_SUFFIXES) or (len(low) > 5 and low.endswith(("en", "ern")))


NOUNISH = st.one_of(
    st.sampled_from(
        "Montag Mai Zwei Angaben Ansicht Regierung BMW Berlin Merkel Flammen Tausend Ost Bremen Dresden".split()
    ),
    st.text(alphabet="AbenrungÖ", min_size=1, max_size=9),
)


@settings(max_examples=300)
@given(word=NOUNISH, surnames=st.sets(NOUNISH, max_size=3), nouns=st.sets(NOUNISH, max_size=3))
def test_a_german_noun_is_one_by_the_plain_tests(word: str, surnames: set[str], nouns: set[str]) -> None:
    names = GermanNames([], [], [], [])
    names.surnames, names.nouns = frozenset(surnames), frozenset(nouns)
    assert names._noun(word) == _plain_noun(names, word)


RUN_WORDS = st.sampled_from(
    "Bank of America and the van der de Ludwig Beethoven Ana Lima Obama’s Mr. U.S. Sen. . , said in The "
    "Acme Corp for Human Rights Watch al-Assad von Weizsäcker \n".split(" ")
)


def _plain_runs(capitals: _Capitals) -> list[list[Token]]:
    """_Capitals.runs with every run grown by run_from."""
    lower, runs, i = capitals.lower, [], 0
    for first in (k for k in range(len(capitals.tokens)) if capitals.named[k]):
        if first < i:
            continue
        run, j = capitals.run_from(first)
        while run and (lower[first + len(run) - 1] in _LINKS or lower[first + len(run) - 1] in _PARTICLES):
            run.pop()
        if run:
            runs.append(run)
        i = max(j, first + 1)
    return runs


@settings(max_examples=300)
@given(words=st.lists(RUN_WORDS, max_size=30))
@example(words="said Bank of America and Ludwig van Beethoven in the Human Rights Watch".split())
def test_runs_are_those_every_name_token_grows(words: list[str]) -> None:
    """_Capitals.runs takes a name token followed by a word that is neither a name token nor a
    joiner as a run of its own, without asking run_from: what run_from makes of it."""
    text = " ".join(words)
    tokens, lower, starts = _merged_with_lower(tokenize(text), text, None)
    named = _name_tokens(tokens, [t.text[:1].isupper() for t in tokens], tokens_with(text, tokens, starts, "-"))
    openers = _sentence_openers(text, starts, paragraphs(text))
    for names in (name_rules.ENGLISH, name_rules.GERMAN):
        capitals = _Capitals(tokens, text, names, named, openers, lower)
        assert capitals.runs() == _plain_runs(capitals)


def _plain_embedded(doc: Doc, q: QuoteSpan, window: int) -> bool:
    """Attributor._embedded as a copy of the stretch before the quote, split into its words."""
    s, _ = doc.sentence(q.outer_start)
    start = max(s, doc.paragraph(q.outer_start)[0])
    lead = doc.text[max(start, q.outer_start - window) : q.outer_start].rstrip()
    if len(lead.split()) < 2 and q.outer_start - start > window:
        lead = doc.text[start : q.outer_start].rstrip()
    return len(lead.split()) >= 2 and not lead.endswith((":", ","))


QUOTED = st.one_of(
    SPACED,
    st.lists(
        st.sampled_from(["“a”", "“b c,”", '"d"', "said", "Ann.", ":", ",", "xy", "\n", "\n\n", "\u00a0", "\t"]),
        max_size=30,
    ).map(" ".join),
)


@settings(max_examples=300)
@given(
    text=QUOTED,
    bounds=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=6),
    window=st.sampled_from([1000, 8, 3, 1]),
)
@example(text="Ann said “a” “b c,” “a”", bounds=[(0, 3), (0, 4), (8, 9)], window=3)
def test_blank_spans_and_embedded_quotes_are_those_of_a_copy_of_the_span(
    text: str, bounds: list[tuple[int, int]], window: int
) -> None:
    """Doc.blank and text.before_spaces against str.strip and str.rstrip of the span (the same
    start asked again with other ends reads the kept position), and Attributor._embedded against
    its stretch copied and split, with windows short enough that the stretch back to the
    sentence's start is read too."""
    doc = Doc(text, find_quotes(text))
    for start, end in bounds:
        assert doc.blank(start, end) == (not text[start:end].strip())
        lo, hi = min(start, end, len(text)), min(max(start, end), len(text))  # (floor <= pos <= len(text))
        assert before_spaces(text, hi, lo) == lo + len(text[lo:hi].rstrip()) - 1
    attributor = Attributor(doc, SpeakerFinder(doc, find_actors(text, doc.tokens)))
    with patch.object(attribution, "_LEAD_WINDOW", window):
        for q in doc.quotes:
            assert attributor._embedded(q) == _plain_embedded(doc, q, window)
