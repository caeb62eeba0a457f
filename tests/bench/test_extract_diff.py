"""bench/extract_diff.py --show: what left and came between two outputs of one text."""

from bench.extract_diff import changes

TEXT = "Dana Whitfield said the plan would fail."


def _output(speaker: str, kind: str) -> dict[str, object]:
    actor = {"canonical_name": "Dana Whitfield", "type": kind}
    quote = {"start": 20, "end": 39, "speaker": speaker, "speaker_mention": "Dana Whitfield"}
    return {"language": "en", "result": {"actors": [actor], "quotes": [quote]}}


def test_changes_list_what_left_then_what_came() -> None:
    lines = changes(TEXT, _output("", "other"), _output("Dana Whitfield", "person"))
    assert lines == [
        "- actor 'Dana Whitfield' (other)",
        "- quote 20: 'the plan would fail' <- '' | 'Dana Whitfield'",
        "+ actor 'Dana Whitfield' (person)",
        "+ quote 20: 'the plan would fail' <- 'Dana Whitfield' | 'Dana Whitfield'",
    ]


def test_an_unchanged_output_or_a_text_new_to_one_side() -> None:
    same = _output("Dana Whitfield", "person")
    assert changes(TEXT, same, same) == []
    assert [line[0] for line in changes(TEXT, None, same)] == ["+", "+"]
