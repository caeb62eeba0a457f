"""Find the speaker noun phrase next to a cue verb and resolve it to an actor.

The phrase is reported even when it names no known actor ("a senior official", "the agency"), so
consumers see who the text says spoke; `actor` is -1 then."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, NamedTuple

from pipeline.extract import lexicon, roles
from pipeline.extract.actors import ActorIndex
from pipeline.extract.document import Doc
from pipeline.extract.model import Actor, ActorType

_MAX_NP = 9
_BOUNDARY_WORDS = frozenset(
    "that which who whom whose and but or nor when while as after before because if since though although where "
    "so than then until unless whether what how why in on at for with about from into by of to during over under "
    "is was were are be been being am it there this these those".split()
)
_DETERMINERS = frozenset(
    "the a an his her their its our my your one another some many several two three le la les un une der die das "
    "ein eine".split()
)
_ABBREVIATIONS = frozenset(
    "sen rep gov gen lt col sgt capt maj dr mr mrs ms st jr sr prof rev del adm cmdr inc corp co ltd bros".split()
)
_DASHES = frozenset("—―–-")
_NAME_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "on"})
_RELATIVES = frozenset({"who", "which", "that"})
_RELATIVE_OPENERS = _RELATIVES | {"whose", "whom", "where"}
_MAX_NAME_WORDS = 4
_MAX_ROLE_WORDS = 3
_IRREGULAR_PARTICIPLES = frozenset("written led held known seen made given taken run built chosen drawn shown".split())
_PARTICIPLE_PREPOSITIONS = frozenset("in by on at for from with to last this earlier".split())
_PLURAL_NOUN = ("ers", "ors", "ists", "ans", "dents", "ies", "ss")  # "voters", "residents": no verb
# words of a role in lower case: titles, their modifiers ("chief", "senior") and role nouns
ROLE_WORDS = lexicon.TITLE_WORDS | roles.MODIFIERS | roles.HEADS
_APPOSITIVE_ENDS = frozenset({",", ".", ";", "!", "?"})
_CONTRACTION = re.compile(r"[’'](s|d|ll|ve|re)$")
_SENTENCE_PUNCT = frozenset(".!?;:")
_CLAUSE_PUNCT = _SENTENCE_PUNCT - {"."}
_TIME_NOUNS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday day week month year morning afternoon evening "
    "night weekend past".split()
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_INITIAL_JOINERS = frozenset({".", "-"})  # inside a name: "N.C.", "Jean-Luc"
_MEDIUM_PREPOSITIONS = frozenset({"in", "on", "during", "via"})
_NOUN_BEFORE = frozenset("of the a an his her their its our".split())
# after a dateline's place: ", MD --27 April 2015--", " (AP) —", ", Germany —"
_DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\(|--|—|–)")
_SUBORDINATE_OPENERS = frozenset(
    "after when before while although though because since if as once until unless whereas".split()
)
_PARENTHESISED = re.compile(r"[ \t]*\(([^()\n]{3,60})\)")
_APPOSITIVE_PREPOSITIONS = frozenset({"at", "of", "for", "with"})
_BODY_REACH = 1500  # characters back to the organisation "the company" refers to
# a person called by their age: "the 36-year-old", "der 36-Jährige"
AGE = re.compile(r"\d{1,3}-(?:year-old|jährige[nr]?)$")
_OPENERS = frozenset(
    "in at on for after before during with from by as when while but and so yet also however meanwhile "
    "still then now today yesterday last this that the a an".split()
)


class Speaker(NamedTuple):
    """Who speaks, as written at [start, end) (a NamedTuple: dozens per article)."""

    actor: int  # index into ActorIndex.actors, -1 if the phrase names no known actor
    mention: str
    start: int
    end: int
    pronoun: bool = False


class SpeakerFinder:
    def __init__(self, doc: Doc, index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        self._mention_starts = [m[0] for m in index.mentions]
        self.recent: list[int] = []  # actors of attributed quotes so far, for pronoun fallback
        self._accepted: dict[object, list[tuple[int, int]]] = {}  # _named_last's lists, per key
        self._accepted_starts: dict[object, list[int]] = {}

    def mentions_within(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Actor mentions inside [start, end), in text order (a bisect, not a scan of all)."""
        mentions = self.index.mentions
        lo, hi = bisect_left(self._mention_starts, start), bisect_right(self._mention_starts, end)
        return [m for m in mentions[lo:hi] if m[1] <= end]

    # --- phrases -------------------------------------------------------------------------------
    def _is_np_token(self, k: int) -> bool:
        tok = self.doc.tokens[k]
        if tok.text[0].isalnum():
            word = self.doc.lower[k]
            if word in _BOUNDARY_WORDS:
                return False
            if word in lexicon.CUE_VERBS_EN or word in lexicon.CUE_VERBS_INTL:
                # a cue word after "of" or an article is a noun: "secretary of state", "the report"
                return k > 0 and self.doc.lower[k - 1] in _NOUN_BEFORE
            return True
        if tok.text == "-" and self.doc.text[tok.start - 1 : tok.start] == " " == self.doc.text[tok.end : tok.end + 1]:
            return False  # a spaced dash separates clauses: "a planner - a former speechwriter said"
        if tok.text in ("’s", "'s", "’", "'", "-", "&", "%"):  # "26% say"
            return True
        return tok.text == "." and k > 0 and self.doc.lower[k - 1] in _ABBREVIATIONS

    def _skip_parenthetical_back(self, j: int) -> int:
        """From a ')' at j, the index before its '('; j unchanged if none within reach."""
        for k in range(j - 1, max(-1, j - 12), -1):
            if self.doc.tokens[k].text == "(":
                return k - 1
        return j

    def _walk_back(self, j: int) -> int:
        """Start of the phrase ending at token j; connectors inside a name ("Bank of Norland") are kept."""
        toks, lower = self.doc.tokens, self.doc.lower
        if _CONTRACTION.sub("", lower[j]) in lexicon.SUBJECT_PRONOUNS:
            return j  # "In 2010 she said", "the way they say": a pronoun takes no modifiers
        s = j
        while s - 1 >= 0 and j - s < _MAX_NP and not self.doc.quoted[s - 1]:
            if self._is_np_token(s - 1):
                s -= 1
            elif (
                lower[s - 1] in _NAME_CONNECTORS
                and s - 2 >= 0
                and toks[s - 2].is_capitalized
                and toks[s].is_capitalized
            ):
                s -= 1
            elif lower[s - 1] == "of" and s - 2 >= 0 and self._is_np_token(s - 2) and j - s < 3:
                s -= 1  # "the secretary of state", "the head of the agency"
            else:
                break
        return s

    def _before_medium_phrase(self, j: int) -> int:
        """The token before a short phrase naming where something was said, between a name and its
        verb ("Jeb Bush in a Medium post said", "Cruz on Twitter wrote"); j itself when there is none."""
        lower, toks = self.doc.lower, self.doc.tokens
        for p in range(j, max(0, j - 5), -1):
            if toks[p].text in _SENTENCE_PUNCT or toks[p].text == ",":
                return j
            if lower[p] in _MEDIUM_PREPOSITIONS and p >= 1 and toks[p - 1].is_capitalized:
                if p < j and (lower[p + 1] in _NOUN_BEFORE or (p + 1 == j and toks[j].is_capitalized)):
                    return p - 1  # "in a Medium post", "on Twitter"
        return j

    def _before_time_phrase(self, j: int) -> int:
        """The token before a time phrase ending at j ("on Tuesday", "earlier in the day", "last
        week"), which stands between a subject and its verb; j itself when there is none."""
        lower = self.doc.lower
        if j >= 1 and (lower[j] in lexicon.MONTHS or _YEAR.fullmatch(lower[j])):
            # "who in 2010 said", "a poll released in late August found", "a panel in March 2001 found"
            k = j - 1
            if lower[k] in lexicon.MONTHS and k >= 1:
                k -= 1
            if lower[k] in ("late", "early", "mid") and k >= 1:
                k -= 1
            if lower[k] in ("in", "since", "by", "during", "until") and k >= 1:
                return k - 1
            return j
        if j >= 1 and lower[j] in _TIME_NOUNS:
            k = j - 1
            if lower[k] == "the" and k >= 1:
                k -= 1
            if lower[k] in ("on", "in", "last", "this", "next", "early", "late") and k >= 1:
                k -= 1
                if lower[k] in ("earlier", "later") and k >= 1:
                    k -= 1
                return k
        return j

    def _relative_before(self, j: int) -> int | None:
        """A "who" opening a restrictive relative clause that ends at token j, with no comma or
        quote between: its token index. A "that" too, after the phrase that opens the sentence
        ("The group that represents growers said"): further in, it may open what a verb or noun
        before it reports ("told reporters that voters said")."""
        toks = self.doc.tokens
        for k in range(j, max(-1, j - 10), -1):
            if toks[k].text in (",", ";", ":", ".", "(", ")") or self.doc.quoted[k]:
                return None
            if self.doc.lower[k] == "who" and k > 0 and self._is_np_token(k - 1):
                return k
            if self.doc.lower[k] == "that" and k > 0 and self._subject_relative(k, j):
                return k
        return None

    def _subject_relative(self, k: int, j: int) -> bool:
        """The "that" at token k opens a relative clause whose subject it is, ending at token j,
        after the phrase that opens the sentence: a verb follows it ("that represents", "that
        has"), not a subject ("The claim that Reed said …" reports what Reed said)."""
        toks, lower = self.doc.tokens, self.doc.lower
        if k + 1 >= j or toks[k + 1].is_capitalized or not self._is_np_token(k - 1):
            return False
        verb = lower[k + 1]
        if not (verb in lexicon.AUXILIARIES_EN or (verb.endswith(("s", "ed")) and not verb.endswith(_PLURAL_NOUN))):
            return False
        return self._walk_back(k - 1) == self.doc.token_at(self.doc.sentence(toks[k].start)[0])

    def subject_before(self, i: int) -> tuple[int, int] | None:
        """Token range [s, e) of the phrase right before token i: "Lavrov", "a senior official",
        "Douglas Brinkley, a historian who attended the session," (phrase and appositive together,
        so the name is found on either side)."""
        toks = self.doc.tokens
        j = self._before_time_phrase(i - 1)
        lower = self.doc.lower
        while j >= 0 and (
            self.doc.adverb(j)
            or lower[j] in lexicon.DAY_WORDS  # "Acme (NYSE: ACM) today announced"
            or (j < i - 1 and lower[j] in lexicon.AUXILIARIES_EN)
            or lower[j].endswith(("n't", "n’t"))  # "he didn’t mention"
        ):
            j -= 1  # "have in the past said": the auxiliary before a time phrase too
        j = self._before_medium_phrase(j)
        if j < 0 or self.doc.quoted[j]:
            return None
        who = self._relative_before(j)
        if who is not None:  # "Hawkins and others who want to ban abortion said"
            return self.subject_before(who)
        if self.doc.lower[j] == "it":  # "it says", "the report, it said,": a document or body speaks
            return j, j + 1
        if toks[j].text == ")":
            j = self._skip_parenthetical_back(j)
        if j >= 0 and self.doc.lower[j] in _RELATIVES:  # "the Department, which reported"
            j -= 1
            if j >= 0 and toks[j].text == ",":
                j -= 1
        end = j + 1
        if j >= 0 and toks[j].text == "," and (subject := self._before_relative_clause(j)) is not None:
            return subject
        if j >= 0 and toks[j].text == ",":  # appositive: find the comma that opens it
            for k in range(j - 1, max(-1, j - 30), -1):
                if toks[k].text == "," and k > 0 and not self._inside_list(k):
                    j = k - 1
                    break
                if toks[k].text in _SENTENCE_PUNCT or self.doc.quoted[k]:
                    return None
            else:
                return None
            if toks[j].text == ")":
                j = self._skip_parenthetical_back(j)
            named = self._name_opening_chain(i, j)
            if named is not None:
                return named, end
        else:
            end = j + 1
        if j < 0 or not self._is_np_token(j):
            return None
        start = self._walk_back(j)
        person = self._unclosed_appositive(start)
        return (person, end) if person is not None else (start, end)

    def _before_relative_clause(self, j: int) -> tuple[int, int] | None:
        """ "The mayor, who took office in May, said": the phrase opening the sentence, when a
        relative clause set off by commas (the second one at j) is all that stands between it and
        the verb, or a participle's clause ("The study, published in May, found"). Only a phrase
        opening the sentence: further in, the clause may be about the object of a preposition or
        of an earlier verb."""
        toks, lower = self.doc.tokens, self.doc.lower
        first = self.doc.token_at(self.doc.sentence(toks[j].start)[0])
        comma = next((k for k in range(first + 1, min(j, first + _MAX_NP + 1)) if toks[k].text == ","), None)
        if comma is None or comma + 1 >= j:
            return None
        if not (lower[comma + 1] in _RELATIVE_OPENERS or self._participle(comma + 1)):  # "The study, published in …"
            return None
        if any(toks[k].text in _SENTENCE_PUNCT or self.doc.quoted[k] for k in range(first, j)):
            return None
        if any(toks[k].text == "," for k in range(comma + 1, j)):
            return None  # more than one clause or appositive: the general search below
        if not self._is_np_token(comma - 1) or self._walk_back(comma - 1) != first:
            return None
        return first, comma

    def _participle(self, k: int) -> bool:
        """Token k is a past participle opening a reduced relative clause ("The study, published in
        May, found"): a lower-case word in -ed or an irregular participle, a preposition after it."""
        toks, lower = self.doc.tokens, self.doc.lower
        word = lower[k]
        if toks[k].is_capitalized or not (word in _IRREGULAR_PARTICIPLES or (word.endswith("ed") and len(word) > 4)):
            return False
        return k + 1 < len(toks) and lower[k + 1] in _PARTICIPLE_PREPOSITIONS

    def _inside_list(self, k: int) -> bool:
        """The comma at k separates items of a list inside an appositive ("the owners, builders,
        and keepers of …"): common nouns on both sides, so the appositive opens further back."""
        toks, lower = self.doc.tokens, self.doc.lower
        before, after = toks[k - 1].text, toks[k + 1].text if k + 1 < len(toks) else ""
        return before[:1].islower() and after[:1].islower() and lower[k + 1] not in _DETERMINERS

    def _unclosed_appositive(self, s: int) -> int | None:
        """ "James Lyne, head of research at security firm Sophos told …": the phrase before the
        cue is the object of a preposition in an appositive whose closing comma is missing; the
        subject is the person before the appositive's comma (its first token), else None."""
        toks, lower = self.doc.tokens, self.doc.lower
        if s < 1 or lower[s - 1] not in _APPOSITIVE_PREPOSITIONS:
            return None
        for k in range(s - 2, max(-1, s - 14), -1):
            if toks[k].text == ",":
                mention = self._mention_in(toks[k - 1].start, toks[k - 1].end) if k > 0 else None
                if mention is None or mention[1] != toks[k - 1].end:
                    return None
                first = self.doc.token_at(mention[0])
                inside = first > 0 and (lower[first - 1] in _NAME_CONNECTORS or toks[first - 1].is_capitalized)
                if inside or self.index.actors[mention[2]].type is not ActorType.PERSON:
                    return None  # "the Star of David, Speaker … said": a name inside a longer one
                return first
            if not toks[k].text[0].isalnum() or self.doc.quoted[k]:
                return None
        return None

    def name_before_comma(self, start: int, stop: int, joiners: frozenset[str]) -> int | None:
        """A name of 2 to 6 capitalised tokens (or `joiners`) from token start, set off by a comma
        before token stop: the comma's index."""
        toks = self.doc.tokens
        end = start
        while end < stop and end - start < 6 and (toks[end].is_capitalized or self.doc.lower[end] in joiners):
            end += 1
        if end - start < 2 or end >= stop or toks[end].text != "," or not toks[start].is_capitalized:
            return None
        return end

    def _name_opening_chain(self, i: int, j: int) -> int | None:
        """The sentence opens with a name and a comma, and only appositives follow it up to the
        cue at token i ("Harry Bond, 30, of Raleigh, N.C., who was polled, said"): the name's
        first token, when the phrase found before the last appositive (ending at j) is not it."""
        toks = self.doc.tokens
        start = self.doc.token_at(self.doc.sentence(toks[i].start)[0])
        if self.name_before_comma(start, j, _INITIAL_JOINERS) is None:
            return None
        if self.doc.lower[start] in _OPENERS:  # "In Ohio, …": an adverbial, not a name
            return None
        if any(self.doc.quoted[k] or toks[k].text in _CLAUSE_PUNCT for k in range(start, i)):
            return None
        return start

    def object_after(self, i: int) -> tuple[int, int] | None:
        """Token range of the phrase right after token i: "said Lavrov", "said the city's mayor"."""
        toks = self.doc.tokens
        j = i + 1
        if j >= len(toks) or self.doc.quoted[j]:
            return None
        first = self.doc.lower[j]
        if not toks[j].text[0].isalnum() or (first in _BOUNDARY_WORDS and first not in _DETERMINERS):
            return None
        e = j
        named = False
        while e < len(toks) and e - j < _MAX_NP:
            if named and (through := self._mention_end_after(e)) > e and self._role_then_name(through):
                e = through  # a name with a link inside before a role: "Bank of Canada governor Ana Lima"
                continue
            if not (self._is_np_token(e) or self.doc.lower[e] in _DETERMINERS):
                break
            if named and toks[e].text[:1].islower() and self.doc.lower[e] not in _NAME_CONNECTORS:
                if role := self._role_then_name(e):
                    e += role + 1  # "said Greenpeace chief scientist Tom Hale": the role's holder is named after it
                    named = False
                    continue
                break  # the name is complete: "Laut Klaus Weber wurden …"
            named = named or toks[e].is_capitalized
            e += 1
        if e > j and not named:
            e = self._apposed_name_end(e)
        return (j, e) if e > j else None

    def _apposed_name_end(self, e: int) -> int:
        """ "said the club's chairman, John Barnes, after …": a role (ending at e) and the name set
        after it by a comma are one phrase, whose person speaks; the end of the name, else e."""
        toks = self.doc.tokens
        if not (e + 1 < len(toks) and toks[e].text == "," and roles.is_head(self.doc.lower[e - 1])):
            return e
        if self.doc.lower[e + 1] in lexicon.NON_NAMES:
            return e  # "said the chairman, Monday"
        f = e + 1
        while f < len(toks) and f - e <= _MAX_NAME_WORDS and toks[f].is_capitalized and not self.doc.quoted[f]:
            f += 1
        if f == e + 1 or (f < len(toks) and toks[f].text not in _APPOSITIVE_ENDS):
            return e
        return f

    def _role_then_name(self, k: int) -> int:
        """How many words from token k make a role in lower case between two names (0: none): the
        first name owns the role, the second holds it ("Greenpeace spokesman Tom Hale", "Acme
        chief economist Ana Lima"). A role of several words ends in its head noun."""
        toks, lower = self.doc.tokens, self.doc.lower
        n = k
        while n < len(toks) and n - k < _MAX_ROLE_WORDS and lower[n] in ROLE_WORDS and not toks[n].is_capitalized:
            n += 1
        while n > k and not (lower[n - 1] in lexicon.TITLE_WORDS or roles.is_head(lower[n - 1])):
            n -= 1
        if n == k or n >= len(toks) or not toks[n].is_capitalized or toks[n].start != toks[n - 1].end + 1:
            return 0
        return n - k if n - k == 1 or roles.is_head(lower[n - 1]) else 0

    def _title_holder(self, k: int, end: int) -> tuple[int, str, int, int] | None:
        """The person named right after mention k when only capitalised title words stand between
        them ("Acme Workers Council Chairman Ana Lima": the body owns the title, she holds it), before
        offset `end`: (actor, mention, start, stop), else None."""
        if k + 1 >= len(self.index.mentions):
            return None
        _, me, _ = self.index.mentions[k]
        ns, ne, actor = self.index.mentions[k + 1]
        if ne > end or self.index.actors[actor].type is not ActorType.PERSON:
            return None
        between = self.doc.text[me:ns].split()
        if not between or len(between) > _MAX_ROLE_WORDS or self.doc.text[me : me + 1] != " ":
            return None
        last = between[-1].lower().rstrip(".")
        if not all(w[:1].isupper() for w in between) or not (roles.is_head(last) or last in lexicon.TITLE_WORDS):
            return None  # ("Research Director", "Gov.": capitalised words ending in a title's head)
        return actor, self.doc.text[ns:ne], ns, ne

    def _role_holder(self, after: int, end: int) -> tuple[int, str, int, int] | None:
        """The person named right after a role in lower case that follows offset `after` (the end
        of its owner's name), before offset `end`: (actor, mention, start, stop), else None."""
        k = self.doc.token_at(after)
        role = self._role_then_name(k) if k < len(self.doc.tokens) and self.doc.tokens[k].start == after + 1 else 0
        if not role:
            return None
        found = self._mention_in(self.doc.tokens[k + role].start, end)
        if found is None or found[0] != self.doc.tokens[k + role].start:
            return None
        ms, me, actor = found
        return (actor, self.doc.text[ms:me], ms, me) if self.index.actors[actor].type is ActorType.PERSON else None

    def _mention_end_after(self, k: int) -> int:
        """When token k lies inside an actor's mention that starts before it, the index of the
        first token after that mention; else k."""
        start = self.doc.tokens[k].start
        m = bisect_left(self._mention_starts, start) - 1
        if m < 0 or self.index.mentions[m][1] <= start:
            return k
        return self.doc.token_at(self.index.mentions[m][1])

    def dash_after(self, i: int) -> tuple[int, int] | None:
        """`“…” ― Jorge Falcon`: a dash then a name."""
        toks = self.doc.tokens
        if i < len(toks) and toks[i].text in _DASHES:
            return self.object_after(i)
        return None

    def sentence_subject(self, i: int) -> Speaker | None:
        """For "…, saying …", "took to Twitter to accuse …", "… and said …": the first actor named
        in the sentence before token i, outside quotes and not as a possessive."""
        start = self.doc.sentence(self.doc.tokens[i].start)[0]
        end = self.doc.tokens[i].start
        k = bisect_left(self._mention_starts, start)
        while k < len(self.index.mentions) and self.index.mentions[k][0] < end:
            ms, me, actor = self.index.mentions[k]
            if (
                not self.doc.in_quote(ms)
                and not self.doc.text.startswith(("’s", "'s"), me)
                and self.index.actors[actor].type is not ActorType.PLACE
                and not (self.doc.text[ms - 1 : ms] == "(" and self.doc.text[me : me + 1] == ")")  # "(Reuters) -"
            ):
                holder = self._role_holder(me, end) or self._title_holder(k, end)  # "Acme president Ana Lima met …"
                return Speaker(*holder) if holder else Speaker(actor, self.doc.text[ms:me], ms, me)
            k += 1
        first = self.doc.token_at(start)  # "I laughed and said, …": a pronoun subject
        if first < len(self.doc.tokens) and self.doc.lower[first] in lexicon.SUBJECT_PRONOUNS and first < i:
            return self.resolve((first, first + 1))
        return None

    # --- resolution ----------------------------------------------------------------------------
    def resolve(self, span: tuple[int, int]) -> Speaker:
        toks = self.doc.tokens
        s, e = span
        start, end = toks[s].start, toks[e - 1].end
        words = self.doc.lower[s:e]
        pronoun = _CONTRACTION.sub("", words[0]) if len(words) == 1 else ""
        pronoun = pronoun.rpartition("-")[2] if "-" in pronoun else pronoun  # "a-t-il"
        if pronoun in lexicon.SUBJECT_PRONOUNS:  # "he", "he’s", "she'd", "il"
            return Speaker(self.resolve_pronoun(start, lexicon.PRONOUNS[pronoun]), toks[s].text, start, end, True)
        best = self._mention_in(start, end)
        if best is not None:
            ms, me, actor = best
            return Speaker(actor, self.doc.text[ms:me], ms, me)
        head = words[-1]
        if words[0] in _DETERMINERS and AGE.match(head):
            actor = self.last_person(start)
            if actor >= 0:
                return Speaker(actor, self.doc.text[start:end], start, end)
        if words[0] in _DETERMINERS and head in lexicon.BODY_NOUNS:
            actor = self.last_body(start)
            if actor >= 0:
                return Speaker(actor, self.doc.text[start:end], start, end)
        if words[0] in _DETERMINERS and head in lexicon.TITLE_WORDS:
            actor = self.resolve_nominal(start, head)
            if actor >= 0:
                return Speaker(actor, self.doc.text[start:end], start, end)
        return Speaker(-1, self.doc.text[start:end], start, end)

    def _mention_in(self, start: int, end: int) -> tuple[int, int, int] | None:
        """The head actor mention of a phrase: not a possessive ("CNN's Wolf Blitzer"), a person
        first, not the place of a dateline ("Forest Hill, MD -- The Foundation announced")."""
        k = max(0, bisect_left(self._mention_starts, start) - 1)
        found: list[tuple[int, int, int]] = []
        while k < len(self.index.mentions) and self.index.mentions[k][0] < end:
            m = self.index.mentions[k]
            if m[1] > start and not self.doc.text.startswith(("’s", "'s"), m[1]):
                found.append(m)
            k += 1
        if not found:
            return None
        people = [m for m in found if self.index.actors[m[2]].type is ActorType.PERSON]
        return (people or [m for m in found if not self._dateline(m)] or found)[0]

    def _dateline(self, mention: tuple[int, int, int]) -> bool:
        """A place opening its paragraph before a dash or "(AP)": where the story was filed."""
        start, end, actor = mention
        if self.index.actors[actor].type is not ActorType.PLACE:
            return False
        return self.doc.paragraph(start)[0] == start and _DATELINE_TAIL.match(self.doc.text, end) is not None

    def _compatible(self, actor: int, gender: str) -> bool:
        return self._compatible_actor(self.index.actors[actor], gender)

    def resolve_pronoun(self, pos: int, gender: str) -> int:
        """The subject (first person named outside quotes) of this sentence before pos, else of
        the sentences before it, else the last compatible speaker."""
        sents, mentions = self.doc.sents, self.index.mentions
        si = self.doc.sentence_index(pos)
        for k in range(si, max(-1, si - 4), -1):
            s, e = sents[k]
            stop = min(e, pos)
            candidates = []
            for j in range(bisect_left(self._mention_starts, s), len(mentions)):
                ms, _me, actor = mentions[j]
                if ms >= stop:
                    break
                if not self.doc.in_quote(ms) and self._compatible(actor, gender):
                    candidates.append((ms, actor))
            if candidates:
                lead_end = self._subordinate_lead(s, e)
                main = [actor for ms, actor in candidates if ms >= lead_end]
                return (main or [candidates[0][1]])[0]
        return next((a for a in reversed(self.recent) if self._compatible(a, gender)), -1)

    def of_mention(self, mention: tuple[int, int, int]) -> Speaker:
        """The speaker an actor mention (start, end, actor) names, as written there."""
        start, end, actor = mention
        return Speaker(actor, self.doc.text[start:end], start, end)

    def _named_last(
        self, pos: int, key: object, wanted: Callable[[Actor], bool], reach: int = -1, quoted: bool = False
    ) -> int:
        """The actor `wanted` accepts that is mentioned last before pos (outside quotation marks
        unless quoted, at most reach characters back when reach >= 0); -1: none. The accepted
        mentions are listed once per key, so each look-up is a bisect, not a walk back."""
        found = self._accepted.get(key)
        if found is None:
            found = [
                (ms, actor)
                for ms, _, actor in self.index.mentions
                if wanted(self.index.actors[actor]) and (quoted or not self.doc.in_quote(ms))
            ]
            self._accepted[key] = found
            self._accepted_starts[key] = [ms for ms, _ in found]
        k = bisect_left(self._accepted_starts[key], pos) - 1
        if k < 0 or 0 <= reach < pos - found[k][0]:
            return -1
        return found[k][1]

    def last_person(self, pos: int) -> int:
        """The person named last before pos outside quotation marks (-1: none)."""
        return self._named_last(pos, "person", lambda a: a.type is ActorType.PERSON)

    def last_person_within(self, pos: int, gender: str, reach: int) -> int:
        """The person of this gender ("" any) named last before pos outside quotation marks, at
        most reach characters back (-1: none): whom "die Managerin" or "der 50-Jährige" refers to."""
        return self._named_last(pos, ("person", gender), lambda a: self._compatible_actor(a, gender), reach)

    @staticmethod
    def _compatible_actor(a: Actor, gender: str) -> bool:
        return a.type is ActorType.PERSON and (not gender or not a.gender or a.gender == gender)

    def last_body(self, pos: int) -> int:
        """The organisation, or the name no evidence typed, named last before pos outside
        quotation marks and at most _BODY_REACH characters back: what "the company" refers to."""
        return self._named_last(pos, "body", lambda a: a.type in (ActorType.ORGANIZATION, ActorType.OTHER), _BODY_REACH)

    def parenthesised_after(self, end: int) -> Speaker | None:
        """ "„…“ (Anna Roth)." / "“…” (Anna Roth)": a person named alone in parentheses right after
        a quote's closing mark says it."""
        m = _PARENTHESISED.match(self.doc.text, end)
        if m is None:
            return None
        named = self.mentions_within(m.start(1), m.end(1))
        if len(named) != 1 or (named[0][0], named[0][1]) != (m.start(1), m.end(1)):
            return None
        if self.index.actors[named[0][2]].type is not ActorType.PERSON:
            return None
        return self.of_mention(named[0])

    def paragraph_subject(self, p_start: int, p_end: int) -> Speaker | None:
        """The person who opens the paragraph's last sentence ("Draper meanwhile wrapped up his
        win …"): the one a paragraph of quotation after it goes on about."""
        s, _ = self.doc.sentence(max(p_start, p_end - 1))
        s = max(s, p_start)
        first = self.mentions_within(s, p_end)[:1]
        if not first or self.doc.in_quote(first[0][0]):
            return None
        lead = self.doc.token_range(s, first[0][0])
        if len(lead) > 2 or self.index.actors[first[0][2]].type is not ActorType.PERSON:
            return None  # "After the match, …": a name later in the sentence need not be its subject
        return self.of_mention(first[0])

    def _subordinate_lead(self, s: int, e: int) -> int:
        """Where a sentence-opening subordinate clause ends ("After Ana Ruiz won, it was Ina Berg
        who …": the comma), s when the sentence opens with its main clause: a person named in the
        main clause is the one a following pronoun continues."""
        first = self.doc.token_at(s)
        if first >= len(self.doc.tokens) or self.doc.lower[first] not in _SUBORDINATE_OPENERS:
            return s
        comma = self.doc.text.find(",", s, e)
        return comma if comma > 0 else s

    def resolve_nominal(self, pos: int, noun: str) -> int:
        """ "the minister" -> the most recent actor whose titles include "minister"."""
        return self._named_last(
            pos, ("title", noun), lambda a: any(noun in t.lower().split() for t in a.titles), quoted=True
        )
