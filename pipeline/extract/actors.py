"""Rule-based actor recognition: capitalised runs, split into title + name, typed by gazetteers and
cues, and merged so that "Lavrov" and "Foreign Minister Sergei Lavrov" are one actor."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.extract import lexicon
from pipeline.extract.model import Actor, ActorType, Mention
from pipeline.extract.text import Token, paragraphs, sentences, tokenize

_CONNECTORS = frozenset(
    {
        "of",
        "the",
        "de",
        "von",
        "van",
        "der",
        "den",
        "al",
        "bin",
        "la",
        "le",
        "du",
        "del",
        "di",
        "da",
        "dos",
        "y",
        "for",
        "and",
    }
)
_POSSESSIVE = ("’s", "'s", "’", "'")
_AFFILIATION = frozenset({"of", "von", "de", "du", "des"})
# Slavic surnames mark gender in their ending (Lavrov / Lavrova, Смирнов / Смирнова).
_SURNAME_F = ("ova", "eva", "ina", "ska", "skaya", "ова", "ева", "ина", "ская", "цкая")
_SURNAME_M = ("ov", "ev", "in", "sky", "skiy", "ski", "ов", "ев", "ин", "ский", "цкий")


def _surname_gender(word: str) -> str:
    w = word.lower()
    if len(w) < 5:
        return ""
    if w.endswith(_SURNAME_F):
        return "f"
    return "m" if w.endswith(_SURNAME_M) else ""


def _person_like(run: list[Token]) -> bool:
    return bool(lexicon.first_name_gender(run[0].text)) or (len(run) == 2 and bool(_surname_gender(run[1].text)))


@dataclass
class _Draft:
    """A mutable actor while mentions are being merged."""

    name: str
    type: ActorType | None
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str = ""


@dataclass(frozen=True)
class ActorIndex:
    """Actors plus every mention sorted by offset, for attribution to look up what is near a cue."""

    actors: tuple[Actor, ...]
    mentions: tuple[tuple[int, int, int], ...]  # (start, end, actor index)


def _strip_possessive(tok: Token) -> tuple[str, int]:
    for suffix in _POSSESSIVE:
        if tok.text.endswith(suffix) and len(tok.text) > len(suffix):
            return tok.text[: -len(suffix)], tok.end - len(suffix)
    return tok.text, tok.end


def _is_name_token(tok: Token) -> bool:
    return tok.is_capitalized and (tok.text[0].isalpha())


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised tokens; connectors allowed inside, a possessive ends a run."""
    runs: list[list[Token]] = []
    i = 0
    while i < len(tokens):
        if not _is_name_token(tokens[i]):
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens) and not run[-1].text.endswith(_POSSESSIVE[:2]):
            tok = tokens[j]
            if tok.start - run[-1].end > 1:
                break  # more than one space or a line break between
            if _is_name_token(tok):
                run.append(tok)
                j += 1
            elif tok.text == "." and len(run[-1].text) == 1 and run[-1].text.isupper():
                j += 1  # an initial: "George W. Bush"
            elif tok.text.lower() in _AFFILIATION and len(run) >= 2 and _person_like(run):
                break  # "Priya Natarajan of the Coastal Works Agency": a person, then an organisation
            elif (
                tok.text.lower() in _CONNECTORS
                and j + 1 < len(tokens)
                and (_is_name_token(tokens[j + 1]) or tokens[j + 1].text.lower() in _CONNECTORS)
            ):
                k = j
                while k < len(tokens) and tokens[k].text.lower() in _CONNECTORS:
                    k += 1
                if k < len(tokens) and _is_name_token(tokens[k]) and tok.text.lower() != "and":
                    run.extend(tokens[j:k])
                    j = k
                else:
                    break
            else:
                break
        while run and run[-1].text.lower() in _CONNECTORS:
            run.pop()
        runs.append(run)
        i = j
    return runs


def _classify(name: str, words: list[str], has_title: bool) -> ActorType | None:
    lowered = [w.lower() for w in words]
    if name in lexicon.KNOWN_ORGS:
        return ActorType.ORGANIZATION
    if name in lexicon.places():
        return ActorType.PLACE
    if len(words) == 1 and name.isupper() and len(name.replace(".", "")) >= 2 and name not in lexicon.ACRONYM_NOT_ORG:
        return ActorType.ORGANIZATION
    if any(w in lexicon.ORG_WORDS for w in lowered) and not has_title:
        return ActorType.ORGANIZATION
    if has_title or (len(words) >= 2 and lexicon.first_name_gender(words[0])):
        return ActorType.PERSON
    if len(words) == 2 and _surname_gender(words[1]) and words[0][:1].isupper():
        return ActorType.PERSON
    return None  # decided after merging (alias of a person, speaker of a quote, or other)


def _is_headline(para: str) -> bool:
    """Title Case lines capitalise every word, so capitalisation says nothing about names there."""
    words = [w for w in para.split() if len(w) > 3 and w[0].isalpha()]
    return (
        len(words) >= 3
        and not para.rstrip().endswith((".", "»", "”", '"'))
        and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    )


def _title_split(words: list[str]) -> int:
    """Number of leading words that are a title ("Russian Foreign Minister", "Authority Chair")."""
    k = 0
    while k < len(words) - 1 and (words[k].lower() in lexicon.TITLE_WORDS or words[k].lower() in lexicon.DEMONYMS):
        k += 1
    # an organisation word before the title: "Authority Chair Margaret Osei", "Union leader ..."
    for j in range(len(words) - 2, k - 1, -1):
        if words[j].lower() in lexicon.TITLE_WORDS and lexicon.first_name_gender(words[j + 1]):
            return j + 1
    return k


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.drafts: list[_Draft] = []
        self.by_name: dict[str, int] = {}
        self.mentions: list[tuple[int, int, int]] = []

    def add(self, name: str, kind: ActorType | None, start: int, end: int, title: str) -> None:
        idx = self.by_name.get(name)
        if idx is None:
            idx = self._alias_of(name)
        if idx is None:
            idx = len(self.drafts)
            self.drafts.append(_Draft(name, kind))
            self.by_name[name] = idx
        draft = self.drafts[idx]
        if kind is not None and draft.type is None:
            draft.type = kind
        if name != draft.name and name not in draft.aliases:
            draft.aliases.append(name)
        if title and title not in draft.titles:
            draft.titles.append(title)
        draft.mentions.append(Mention(start, end, self.text[start:end]))
        self.mentions.append((start, end, idx))

    def _alias_of(self, name: str) -> int | None:
        """A shorter mention of a person named in full earlier ("Lavrov" -> "Sergei Lavrov")."""
        words = name.split()
        for idx in range(len(self.drafts) - 1, -1, -1):
            d = self.drafts[idx]
            full = d.name.split()
            if (
                len(full) > len(words)
                and d.type in (ActorType.PERSON, None)
                and (
                    full[-len(words) :] == words
                    or (len(words) == 1 and full[0] == words[0] and d.type is ActorType.PERSON)
                )
            ):
                return idx
        return None

    def promote_full_names(self) -> None:
        """A short name met before the full one ("Putin ... Vladimir Putin") joins the full one."""
        for idx, d in enumerate(self.drafts):
            if len(d.name.split()) != 1 or not d.mentions:
                continue
            for jdx, full in enumerate(self.drafts):
                if jdx != idx and full.type is ActorType.PERSON and full.name.split()[-1] == d.name and full.mentions:
                    full.mentions.extend(d.mentions)
                    full.titles.extend(t for t in d.titles if t not in full.titles)
                    if d.name not in full.aliases:
                        full.aliases.append(d.name)
                    d.mentions = []
                    self.mentions = [(s, e, jdx if i == idx else i) for s, e, i in self.mentions]
                    break


def find_actors(text: str, tokens: list[Token] | None = None) -> ActorIndex:
    """Untyped names come out as OTHER; extract() makes the ones that speak persons."""
    tokens = tokens if tokens is not None else tokenize(text)
    sents = sentences(text)
    sentence_starts = {s for s, _ in sents}
    first_token_of_sentence: set[int] = set()
    for tok in tokens:
        if tok.start in sentence_starts or (tok.start - 1 in sentence_starts and text[tok.start - 1] in '«“"„‘('):
            first_token_of_sentence.add(tok.start)
    mid_sentence_caps = {t.text for t in tokens if t.is_capitalized and t.start not in first_token_of_sentence}

    headlines = [(s, e) for s, e in paragraphs(text) if _is_headline(text[s:e])]
    builder = _Builder(text)
    for run in _runs(tokens):
        if not run or any(s <= run[0].start < e for s, e in headlines):
            continue
        words = [t.text for t in run]
        last_text, last_end = _strip_possessive(run[-1])
        words[-1] = last_text
        start = run[0].start
        while run and (words[0].lower() in lexicon.NON_NAMES or words[0].lower() in _CONNECTORS):
            run, words = run[1:], words[1:]
        if not run:
            continue
        start = run[0].start
        k = _title_split(words)
        title_words, name_words = words[:k], words[k:]
        name = " ".join(name_words)
        if " ".join(words) in lexicon.KNOWN_ORGS:
            title_words, name_words, name = [], words, " ".join(words)
        if (
            not name
            or name.lower() in lexicon.NON_NAMES
            or (name.lower() in lexicon.DEMONYMS and name not in lexicon.KNOWN_ORGS)
        ):
            continue
        if len(name_words) == 1 and name_words[0].lower() in lexicon.TITLE_WORDS and not title_words:
            continue
        name_start = run[k].start if k < len(run) else start
        if (
            len(run) == 1
            and start in first_token_of_sentence
            and name not in mid_sentence_caps
            and name not in lexicon.places()
            and name not in lexicon.KNOWN_ORGS
        ):
            continue  # a capitalised sentence opener seen nowhere else is an ordinary word
        kind = _classify(name, name_words, bool(title_words))
        builder.add(name, kind, name_start, last_end, " ".join(title_words))
    builder.promote_full_names()

    actors: list[Actor] = []
    remap: dict[int, int] = {}
    for idx, d in enumerate(builder.drafts):
        if not d.mentions:
            continue
        kind = d.type or ActorType.OTHER
        remap[idx] = len(actors)
        actors.append(
            Actor(
                d.name,
                kind,
                tuple(d.titles),
                tuple(d.aliases),
                tuple(sorted(d.mentions, key=lambda m: m.start)),
                _gender(d, kind),
            )
        )
    mentions = tuple(sorted((s, e, remap[i]) for s, e, i in builder.mentions if i in remap))
    return ActorIndex(tuple(actors), mentions)


_TITLE_GENDER = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "spokesman": "m",
    "spokeswoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "sir": "m",
    "lady": "f",
    "dame": "f",
    "lord": "m",
    "chairman": "m",
    "chairwoman": "f",
    "councilman": "m",
    "councilwoman": "f",
}


def _gender(d: _Draft, kind: ActorType) -> str:
    if kind is not ActorType.PERSON:
        return ""
    for title in d.titles:
        for word in title.lower().split():
            if word in _TITLE_GENDER:
                return _TITLE_GENDER[word]
    words = d.name.split()
    g = lexicon.first_name_gender(words[0]) if len(words) > 1 else ""
    return g if g in ("m", "f") else _surname_gender(words[-1])
