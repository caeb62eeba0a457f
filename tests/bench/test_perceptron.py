"""The perceptron tagger of bench/pos_tagger.py learns word order, not only words: a word it never
saw is tagged from its neighbours and affixes."""

from __future__ import annotations

from pathlib import Path

from bench.lib.perceptron import read_conllu, train

# sentences of my own, tagged by hand (STTS)
_TRAINING = [
    "Die/ART Ministerin/NN sagte/VVFIN am/APPRART Montag/NN ,/$, der/ART Plan/NN sei/VAFIN gut/ADJD ./$.",
    "Der/ART Sprecher/NN erklärte/VVFIN gestern/ADV ,/$, die/ART Lage/NN sei/VAFIN ruhig/ADJD ./$.",
    "Eine/ART Sprecherin/NN betonte/VVFIN heute/ADV ,/$, das/ART Werk/NN bleibe/VVFIN offen/ADJD ./$.",
    "Die/ART Polizei/NN meldete/VVFIN am/APPRART Abend/NN zwei/CARD Verletzte/NN ./$.",
    "Der/ART Verband/NN kritisierte/VVFIN die/ART Pläne/NN scharf/ADJD ./$.",
]


def _sentences(lines: list[str]) -> list[list[tuple[str, str]]]:
    return [[(w.rsplit("/", 1)[0], w.rsplit("/", 1)[1]) for w in line.split()] for line in lines]


def test_an_unseen_verb_in_second_position_is_tagged_a_finite_verb() -> None:
    tagger = train(_sentences(_TRAINING) * 3, passes=5)
    words = "Die Behörde bestätigte am Montag zwei Verletzte .".split()
    tags = tagger.tag(words)
    assert tags[1:3] == ["NN", "VVFIN"]  # "Behörde" and "bestätigte" were never seen
    assert tags[0] == "ART" and tags[-1] == "$."


def test_conllu_reading_skips_comments_and_the_parts_of_multiword_tokens(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu"
    rows = [
        "# text = Sie sagte im Mai nichts.",
        "1\tSie\tsie\tPRON\tPPER\t_\t2\tnsubj\t_\t_",
        "2\tsagte\tsagen\tVERB\tVVFIN\t_\t0\troot\t_\t_",
        "3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_",
        "3\tin\tin\tADP\tAPPR\t_\t5\tcase\t_\t_",
        "4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_",
        "5\tMai\tMai\tPROPN\tNN\t_\t2\tobl\t_\t_",
    ]
    path.write_text("\n".join(rows) + "\n\n", encoding="utf-8")
    assert read_conllu(path) == [[("Sie", "PPER"), ("sagte", "VVFIN"), ("in", "APPR"), ("dem", "ART"), ("Mai", "NN")]]
    assert read_conllu(path, column=3)[0][1] == ("sagte", "VERB")
