"""French: English's attribution rules with these words (a module of rules of its own when French
needs more than words)."""

from __future__ import annotations

# verbs of saying in the forms news uses, past participle and present
SHARED_CUES = frozenset(
    "dit déclaré déclare affirmé affirme ajouté ajoute expliqué explique estimé estime souligné souligne "
    "précisé précise indiqué indique assuré assure lancé lance confié confie martelé martèle insisté "
    "insiste répondu répond annoncé annonce prévenu prévient averti avertit rappelé rappelle dénoncé "
    "dénonce reconnu reconnaît poursuivi poursuit conclu conclut".split()
)
# nouns that refer back to an organisation named before (lexicon.BODY_NOUNS)
BODY_NOUNS = frozenset("entreprise société groupe ministère gouvernement parti syndicat banque association".split())
# thoughts and beliefs, not words said (lexicon.STANCE_CUES)
STANCE_CUES = frozenset("pense pensé croit cru espère espéré craint redoute souhaite souhaité".split())
# between a speaker and the participle: "a déclaré", "avait dit"
SHARED_AUXILIARIES = frozenset("a ont avait avaient".split())
# an inverted cue's auxiliary: "a-t-il déclaré", "ont-ils dit"
INVERTED_AUXILIARIES = ("a", "ont")
# interviews (pipeline/extract/interview.py)
QUESTION_LABELS = frozenset({"question"})
ANSWER_LABELS = frozenset({"réponse"})
SECOND_PERSON = frozenset("vous Vous votre Votre vos Vos tu Tu".split())
INTERVIEWER_CREDIT = r"propos recueillis par|entretien réalisé par"
FIRST_PERSON = frozenset("je Je j J me moi nous Nous mon Mon ma Ma notre Notre".split())
