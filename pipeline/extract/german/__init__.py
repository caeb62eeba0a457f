"""German attribution: who said what in German news, by sentence position rather than by
capitalisation (every German noun is capitalised, so "the nearest capitalised word" names
"Urteilsbegründung" or "Forderungen" as speakers).

German is verb-second: the finite cue verb is the second constituent of its clause. When the
clause opens with its subject ("Der Staatsanwalt sagte, …"), that is the speaker; when it opens
with anything else (an adverb, a prepositional phrase, a quote: "Zudem sagte er", "„…“, sagte der
Minister"), the subject follows the verb. Besides verbs: "so X" after a quote, "laut X", "X
zufolge", "nach Angaben von X", "wie X mitteilte", colon attributions ("Steinbrück: „…“"), and
reported speech that runs on in the subjunctive (Konjunktiv I: "Dies sei nachzuweisen.") with
the last speaker. The word lists are in pipeline/extract/german_words.py.

Layers, each a module: words.py (cue verbs, verb forms, cuts), subjects.py (a cue's subject and
sources), quotes.py (each quote's speaker), reported.py (reported speech), attributor.py
(follow-on quotes), clauses.py (the clause a partial quote's cue reports)."""

from pipeline.extract.german.attributor import GermanAttributor
from pipeline.extract.german.quoted_names import in_reported_speech, named_by_a_cue, names_a_work

__all__ = ["GermanAttributor", "in_reported_speech", "named_by_a_cue", "names_a_work"]
