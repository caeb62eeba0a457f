"""Speaker attribution constructions, on sentences written for these tests."""

import pytest

from pipeline.extract import ActorType, CueClass, QuoteKind, extract
from pipeline.extract.attribution import is_cue
from pipeline.extract.document import Doc
from pipeline.extract.quotes import find_quotes
from pipeline.extract.text import tokenize


def speakers(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("“The bridge will open in May,” said Mayor Janet Moore.", "Janet Moore"),  # inverted
        ("“The bridge will open in May,” Janet Moore said.", "Janet Moore"),  # cue after name
        ("“The bridge will open in May,” Janet Moore told reporters.", "Janet Moore"),  # told + object
        ("Janet Moore said: “The bridge will open in May.”", "Janet Moore"),  # cue before
        ("“The bridge will open in May,” Janet Moore, the city's mayor, said.", "Janet Moore"),
        ("“The bridge will open in May,” the city's mayor, Janet Moore, said on Monday.", "Janet Moore"),
        ("“The bridge will open in May,” Janet Moore later added.", "Janet Moore"),  # adverb
        ("“The bridge will open in May.” Janet Moore said.", "Janet Moore"),  # a full stop inside the marks
    ],
)
def test_cue_positions(text: str, speaker: str) -> None:
    assert speakers(text)[0][1] == speaker


def test_pronoun_resolves_to_subject_of_previous_sentence() -> None:
    text = "Senator Paul Grant met union leaders on Friday. “We have a deal in principle,” he said."
    assert speakers(text) == [("We have a deal in principle", "Paul Grant")]


def test_pronoun_respects_gender() -> None:
    text = (
        "Maria Lopez and John Carter spoke after the vote. Carter left early. "
        "“I am disappointed by the result,” she said."
    )
    assert speakers(text)[0][1] == "Maria Lopez"


def test_alias_is_merged_with_full_name() -> None:
    text = "Prime Minister Kate Holloway arrived late. “We will not raise taxes this year,” Holloway said."
    result = extract(text)
    assert result.quotes[0].speaker == "Kate Holloway"
    kate = next(a for a in result.actors if a.canonical_name == "Kate Holloway")
    assert kate.type is ActorType.PERSON and "Holloway" in kate.aliases and "Prime Minister" in kate.titles


def test_quote_chain_in_next_paragraph() -> None:
    text = (
        "“The harvest was the worst in a decade,” farmer Tom Ellis said.\n\n"
        "“We lost nearly half of the wheat to the rain in August.”"
    )
    assert [s for _, s in speakers(text)] == ["Tom Ellis", "Tom Ellis"]


def test_partial_quote_inside_sentence() -> None:
    text = "Janet Moore said the plan was “a disaster waiting to happen” for the city."
    [q] = extract(text).quotes
    assert q.speaker == "Janet Moore" and q.kind is QuoteKind.PARTIAL


def test_unattributed_scare_quote_is_dropped() -> None:
    assert extract("The so-called “reform” changed nothing.").quotes == ()


def test_organisation_as_speaker() -> None:
    text = "“Prices will rise again next year,” the Central Bank of Norland said in a statement."
    assert speakers(text)[0][1] == "Central Bank of Norland"


@pytest.mark.parametrize(
    "text,speaker,content",
    [
        (
            "Mayor Janet Moore said on Monday that the bridge would open in May.",
            "Janet Moore",
            "the bridge would open in May",
        ),
        ("The bridge will open in May, Janet Moore said.", "Janet Moore", "The bridge will open in May"),
        ("According to Janet Moore, the bridge will open in May.", "Janet Moore", "the bridge will open in May"),
        (
            "Janet Moore told reporters that the bridge would open in May.",
            "Janet Moore",
            "the bridge would open in May",
        ),
    ],
)
def test_indirect_speech(text: str, speaker: str, content: str) -> None:
    [q] = extract(text).quotes
    assert (q.kind, q.speaker, q.text) == (QuoteKind.INDIRECT, speaker, content)


def test_no_reported_speech_without_a_clause() -> None:
    assert extract("Janet Moore said in May.").quotes == ()


def test_nominal_reference_resolves_to_titled_actor() -> None:
    text = (
        "Health Minister Sara Lindqvist visited the hospital on Tuesday. "
        "“Waiting lists will be halved by spring,” the minister said."
    )
    assert speakers(text) == [("Waiting lists will be halved by spring", "Sara Lindqvist")]


@pytest.mark.parametrize("cue", ["said", "says", "has said", "added", "stressed", "had warned", "insisted"])
def test_tense_and_adverb_variants(cue: str) -> None:
    text = f"“The reform is overdue,” Ben Okoro {cue}."
    assert speakers(text)[0][1] == "Ben Okoro"


def test_unnamed_source_is_reported_as_written() -> None:
    [q] = extract("“The talks have stalled,” a senior diplomat said.").quotes
    assert q.speaker == "" and q.speaker_mention == "a senior diplomat"


def test_gerund_cue_takes_the_sentence_subject() -> None:
    text = "Governor Amy Ruiz signed the bill, saying it was “the fairest budget in a decade.”"
    assert speakers(text) == [("it was “the fairest budget in a decade.”", "Amy Ruiz")]


def test_ly_adverb_between_subject_and_cue() -> None:
    assert speakers("“We will not resign,” Mayor Ruth Okafor emphatically declared.")[0][1] == "Ruth Okafor"


def test_cue_in_a_following_subordinate_clause_is_not_the_speaker() -> None:
    text = (
        "The advert shows Senator Dana Whitlow saying during the debate, “That makes me smart,” "
        "when Governor Paul Reyes blasted her for the tax plan."
    )
    assert speakers(text)[0][1] == "Dana Whitlow"


def test_doubled_apostrophe_quotes_and_parenthetical_reporting() -> None:
    text = (
        "''The levee will hold,'' said Mr. Ivo Brandt, the county engineer. ''We rebuilt it in 2019.''\n\n"
        "The storm was weaker than feared, Mr. Brandt said, and the river fell overnight."
    )
    result = extract(text)
    direct = [(q.text, q.speaker) for q in result.quotes if q.kind is not QuoteKind.INDIRECT]
    assert direct == [("The levee will hold … We rebuilt it in 2019.", "Ivo Brandt")]  # one statement, two parts
    reported = [q for q in result.quotes if q.kind is QuoteKind.INDIRECT]
    assert [q.speaker for q in reported] == ["Ivo Brandt"] and "river fell overnight" in reported[0].text


def test_noun_look_alike_is_not_a_cue() -> None:
    text = "President Lena Park said the rival leader's mental state is “deeply troubling” for the region."
    assert speakers(text) == [("the rival leader's mental state is “deeply troubling” for the region", "Lena Park")]


def test_a_partial_quote_is_one_statement_with_its_fragments_marked() -> None:
    text = "Donald Trump said on Monday that the deal was “a disaster” and “a shame” for workers."
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.PARTIAL and q.speaker == "Donald Trump"
    assert q.text == "the deal was “a disaster” and “a shame” for workers"
    assert [text[s:e] for s, e in q.segments] == ["a disaster", "a shame"]


def test_a_quoted_infinitive_is_the_commitment_around_it() -> None:
    text = "Mayor Ana Lima vowed to “clean out” the city housing agency."
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.PARTIAL and q.speaker == "Ana Lima"
    assert q.text == "to “clean out” the city housing agency"
    assert [text[s:e] for s, e in q.segments] == ["clean out"]


@pytest.mark.parametrize(
    "text,content",
    [
        # the quote opens after a short adjunct or listener: the clause starts at its mark
        (
            "Mayor Ana Lima acknowledged in a radio interview “it will be very hard to win” if turnout falls.",
            "“it will be very hard to win” if turnout falls",
        ),
        (
            "Mayor Ana Lima pledged to be “the mayor of every borough” in her first speech.",
            "to be “the mayor of every borough” in her first speech",
        ),
    ],
)
def test_a_partial_quote_after_an_adjunct_or_to_be(text: str, content: str) -> None:
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.PARTIAL and q.speaker == "Ana Lima" and q.text == content


@pytest.mark.parametrize(
    "text,content",
    [
        (
            "Half of the voters said they want the next mayor to rebuild the bridge.",
            "they want the next mayor to rebuild the bridge",
        ),
        (
            "The Daily News suggested the recent attacks highlight the risks of the plan.",
            "the recent attacks highlight the risks of the plan",
        ),
    ],
)
def test_a_wish_or_a_noun_inside_a_reported_clause_is_no_statement_of_its_own(text: str, content: str) -> None:
    assert [q.text for q in extract(text).quotes] == [content]


@pytest.mark.parametrize(
    "text,word", [("Ana Lima’s remarks angered the owners.", "remarks"), ("Paul Ryan's comments", "comments")]
)
def test_a_possessive_makes_an_ambiguous_form_a_noun(text: str, word: str) -> None:
    doc = Doc(text, find_quotes(text))
    assert not is_cue(doc, next(i for i, t in enumerate(doc.tokens) if t.text == word))
    assert is_cue(Doc("Ana Lima remarks that", []), 2)  # a name without "'s" is the subject


def _cue_at(text: str, word: str) -> bool:
    doc = Doc(text, find_quotes(text))
    return is_cue(doc, next(i for i, t in enumerate(doc.tokens) if t.text == word))


@pytest.mark.parametrize(
    "text,word",
    [
        ("Some states remained too close to call on Tuesday.", "states"),
        ("Other Western states Lima is counting on vote next week.", "states"),
        ("Minnesota state delegate Ana Lima said the vote was close.", "state"),
        ("The 35 states would not have voted by then.", "states"),
        ("Two weeks of donor-driven attacks hurt the senator.", "attacks"),
        ("He faced tough questions about the budget.", "questions"),
        ("The Republican state attorney filed the case.", "state"),
    ],
)
def test_an_ambiguous_form_needs_a_subject_that_agrees_with_it(text: str, word: str) -> None:
    assert not _cue_at(text, word)


@pytest.mark.parametrize(
    "text,word",
    [
        ("Ana Lima attacks the council for its budget.", "attacks"),
        ("Many fear the plant will close.", "fear"),
        ("Republicans claim the plan will fail.", "claim"),
        ("She refused to attack the council.", "attack"),
        ("They state that the plan failed.", "state"),
    ],
)
def test_an_ambiguous_form_after_a_subject_that_agrees_is_a_cue(text: str, word: str) -> None:
    assert _cue_at(text, word)


@pytest.mark.parametrize(
    "text,mention,speaker",
    [
        ("The attack came from Jeb Bush, who said the senator lacks the experience to lead.", "who", "Jeb Bush"),
        (
            "Critics include the Harbour Authority, which has said the bridge is unsafe for trucks.",
            "which",
            "Harbour Authority",
        ),
    ],
)
def test_a_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker(
    text: str, mention: str, speaker: str
) -> None:
    [q] = extract(text).quotes
    assert (q.speaker_mention, text[q.speaker_start : q.speaker_end], q.speaker) == (mention, mention, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Ann Cole arrived at 7 p.m. In 2010 she said the bridge would never open to trucks.",
        "Ann Cole spoke for an hour. But she didn’t mention the bridge that the city wants to close.",
    ],
)
def test_a_pronoun_subject_is_the_pronoun_alone(text: str) -> None:
    [q] = extract(text).quotes
    assert (q.speaker_mention, q.speaker) == ("she", "Ann Cole")


def test_a_speech_act_participle_after_a_comma_reports_its_object() -> None:
    text = "Senator Ann Cole voted against the bill, citing low economic growth in the state."
    [q] = extract(text).quotes
    assert (q.text, q.speaker, q.cue) == ("low economic growth in the state", "Ann Cole", "citing")
    assert extract("Senator Ann Cole left early, supporting the idea of a recess.").quotes == ()  # a stance


def test_a_colon_hands_the_quote_to_the_subject_of_the_clause_before_it() -> None:
    text = "Mayor Ana Lima addressed the crowd again: “Here is what I regret. Nobody listened.”"
    quotes = extract(text).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the crowd again", "Ana Lima"),  # the object ends at the colon, before the quote
        ("Here is what I regret. Nobody listened.", "Ana Lima"),
    ]


def test_a_colon_hands_the_quote_to_the_holder_of_a_role_before_it() -> None:
    text = "Greenpeace senior adviser Ana Lima, a former engineer, calls the reef “a relic”: “It will not survive.”"
    quotes = extract(text).quotes
    assert [(q.text, q.speaker) for q in quotes][-1] == ("It will not survive.", "Ana Lima")


def test_the_holder_of_a_role_is_the_subject_a_participle_or_infinitive_takes() -> None:
    text = "Harbour Trust chief engineer Ana Lima met the mayor on Monday, warning that the bridge would fail."
    assert [(q.text, q.speaker) for q in extract(text).quotes] == [("the bridge would fail", "Ana Lima")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "It was a rare rebuke from the Democratic Party, as Mayor Ana Lima echoed the criticism, "
            "saying the plan was a disgrace.",
            "Ana Lima",
        ),
        (
            "In a letter to the Harbour Authority, Senator Ann Cole praised the engineers and said "
            "the bridge would open in May.",
            "Ann Cole",
        ),
    ],
)
def test_a_participle_or_coordinated_cue_shares_the_subject_of_the_verb_before_it(text: str, speaker: str) -> None:
    [q] = [q for q in extract(text).quotes if q.cue in ("saying", "said")]
    assert q.speaker == speaker


def test_a_relative_pronoun_subject_carries_over_to_a_coordinated_cue() -> None:
    text = "The plan was attacked by Mayor Ana Lima, who opposed the tax and said the bridge was unsafe."
    [q] = [q for q in extract(text).quotes if q.cue == "said"]
    assert (q.speaker_mention, q.speaker) == ("who", "Ana Lima")


@pytest.mark.parametrize("cue", ["admitted", "quipped", "snapped", "slammed"])
def test_verbs_that_double_their_final_consonant_are_cues(cue: str) -> None:
    text = f"Harry Bond arrived early. “I was a little nervous,” he {cue}. “Nobody knew me there.”"
    assert [(q.speaker, q.cue) for q in extract(text).quotes] == [("Harry Bond", cue)]


def test_a_medium_phrase_between_the_name_and_its_cue() -> None:
    [q] = extract("Senator Ann Cole in a Medium post said the bridge would open in May.").quotes
    assert q.speaker == "Ann Cole"


def test_pronoun_subject_of_a_coordinated_cue() -> None:
    text = "Tom Reed drove home. He laughed and said, “Nobody will believe this story tomorrow.”"
    assert speakers(text) == [("Nobody will believe this story tomorrow.", "Tom Reed")]


def test_colon_attributions_in_headlines_and_transcripts() -> None:
    text = (
        "Mayor Ana Lima: Harbour Bridge Will Reopen in May.\n\n"
        'Partial transcript:\n\n"REPORTER: When will the bridge reopen to traffic?\n\n'
        '"LIMA: We expect the first cars in the second week of May.\n\n'
        "Related: Ferry timetables for the summer.\n\n"
        "The Latest: Ferries add a late crossing on Fridays."
    )
    got = [(q.text, q.speaker_mention) for q in extract(text).quotes]
    assert ("Harbour Bridge Will Reopen in May.", "Ana Lima") in got  # the name, without its title
    assert ("When will the bridge reopen to traffic?", "REPORTER") in got
    assert ("We expect the first cars in the second week of May.", "LIMA") in got
    assert all(speaker not in ("Related", "Latest", "The Latest") for _, speaker in got)


def test_a_press_releases_closing_sections_are_no_colon_attributions() -> None:
    text = (
        "Northwind Ferries opens a second route on Monday.\n\n"
        "About Northwind Ferries: Northwind Ferries runs eight boats between the islands.\n\n"
        "Media contact: Northwind Ferries press office, phone and email below."
    )
    assert extract(text).quotes == ()


def test_a_poll_shows_that_is_reported() -> None:
    [q] = extract("A new poll shows that most voters want the bridge rebuilt before winter.").quotes
    assert q.kind is QuoteKind.INDIRECT and q.text == "most voters want the bridge rebuilt before winter"


def test_reported_clause_after_a_short_adjunct() -> None:
    [q] = extract("Donald Trump said after the convention he would not accept the endorsement.").quotes
    assert q.kind is QuoteKind.INDIRECT and q.text == "he would not accept the endorsement"


def test_an_object_ends_at_its_comma() -> None:
    text = "Mayor Linda Chavez, who defended the plan, said the city had secured guarantees on local hiring."
    got = [(q.text, q.speaker) for q in extract(text).quotes]
    assert ("the plan", "Linda Chavez") in got
    assert ("the city had secured guarantees on local hiring", "Linda Chavez") in got


def test_a_comma_inside_a_number_ends_no_object() -> None:
    text = "Mayor Ana Lima pledged to hire 2,000 teachers for the city schools."
    [q] = extract(text).quotes
    assert q.text == "to hire 2,000 teachers for the city schools"


def test_numbers_keep_their_separators_as_one_token() -> None:
    words = [t.text for t in tokenize("$30,000 or 8.42, then 1.000")]
    assert words == ["$", "30,000", "or", "8.42", ",", "then", "1.000"]


def test_and_that_goes_on_with_the_same_reported_clause() -> None:
    text = "Bernie Sanders said the plan was a fatal miscalculation and that he has learned his lesson."
    [q] = extract(text).quotes
    assert q.text == "the plan was a fatal miscalculation and that he has learned his lesson"


def test_a_reported_clause_ends_before_which_and_a_second_cue() -> None:
    text = "Graham said the bridge was safe, which surprised engineers, saying the tests were thorough."
    [first, *_] = extract(text).quotes
    assert first.text == "the bridge was safe"


def test_told_a_listener_how_or_why() -> None:
    [q] = extract("Pollster Pat Keller told the radio host on Thursday how surprised he was by the turnout.").quotes
    assert q.kind is QuoteKind.INDIRECT and q.text == "how surprised he was by the turnout"


def test_interrupted_quote_with_a_lower_case_second_part_is_one_statement() -> None:
    text = "''We have a plan for everyone,'' Mr. Grant said, ''because every town deserves a bridge.''"
    (quote,) = extract(text).quotes
    assert (quote.kind, quote.speaker, len(quote.segments)) == (QuoteKind.DIRECT, "Grant", 2)


def test_a_noun_in_a_prepositional_phrase_is_no_cue() -> None:
    (quote,) = extract("Janet Moore said in her opening remarks that the bridge would open in May.").quotes
    assert (quote.text, quote.speaker, quote.cue) == ("the bridge would open in May", "Janet Moore", "said")


def test_a_dateline_agency_is_not_the_subject_of_a_coordinated_cue() -> None:
    text = "DENVER (Reuters) - Mayor Janet Moore visited the site on Friday and said the bridge would open in May."
    assert [q.speaker for q in extract(text).quotes] == ["Janet Moore"]


@pytest.mark.parametrize(
    "text,statements",
    [
        (
            "Mayor Janet Moore said the bridge would open in May and she accused the council of delaying the vote.",
            [("the bridge would open in May", "Janet Moore"), ("the council of delaying the vote", "Janet Moore")],
        ),
        (
            "Senator Paul Reyes told the crowd he expects to win the primary but conceded that the math is hard.",
            [("he expects to win the primary", "Paul Reyes"), ("the math is hard", "Paul Reyes")],
        ),
    ],
)
def test_a_reported_clause_ends_where_a_second_attribution_begins(text: str, statements: list[tuple[str, str]]) -> None:
    found = [(q.text, q.speaker or q.speaker_mention) for q in extract(text).quotes]
    assert found == statements


@pytest.mark.parametrize(
    "text",
    [
        '"Both candidates scare me," Harry Bond, 30, of Raleigh, N.C., said in a follow-up interview.',
        '"Both candidates scare me," Harry Bond, 30, of Raleigh, who was among those polled, said on Monday.',
    ],
)
def test_a_name_then_appositives_then_the_cue_after_a_quote(text: str) -> None:
    assert [(q.text, q.speaker) for q in extract(text).quotes] == [("Both candidates scare me", "Harry Bond")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Harry Bond, 30, of Raleigh, N.C., who was among those polled, said the race was too close.", "Harry Bond"),
        ("In Ohio, the candidate Ted Strickland, a Democrat, said the plan was bad.", "Ted Strickland"),
    ],
)
def test_a_sentence_opening_name_speaks_across_its_appositives(text: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert q.speaker == speaker and q.speaker_mention.startswith(speaker.split()[0])


def test_a_progressive_cue_has_its_own_subject() -> None:
    text = "Senator Ann Cole said that some critics had been predicting a withdrawal from the region."
    found = [(q.text, q.speaker_mention) for q in extract(text).quotes]
    assert ("a withdrawal from the region", "some critics") in found


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Mayor Janet Moore earlier in the day said the panel made progress.", "Janet Moore"),
        ("Voters who know the mayor said the bridge was a mistake.", "Voters"),
        ("The company that makes the Acme parts said the recall would cost millions.", "The company"),
        ("The firm that has run Hill Farm since 2010 said it would close.", "The firm"),
        ("The claim that Tom Reed said the plant was unsafe is false.", "Tom Reed"),  # no relative clause
    ],
)
def test_a_time_phrase_or_a_relative_clause_between_subject_and_cue(text: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert (q.speaker or q.speaker_mention) == speaker


@pytest.mark.parametrize(
    "text,mention",
    [
        ("The former secretary of state said the plan needed a more robust campaign.", "The former secretary of state"),
        ("The head of the agency said the plan needed more money.", "The head of the agency"),
        ("Ted Cruz said he and Marco Rubio promised to lead the fight.", "Ted Cruz"),
    ],
)
def test_subjects_with_of_and_contents_with_coordinated_subjects(text: str, mention: str) -> None:
    q, *nested = extract(text).quotes
    assert q.speaker_mention == mention and q.kind is QuoteKind.INDIRECT
    assert [n.text for n in nested] == (["to lead the fight"] if "promised" in text else [])  # Rubio's pledge


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        (
            "Reporters asked whether the plan would work before the vote.",
            "whether the plan would work before the vote",
            "Reporters",
        ),
        ("Mayor Ann Lee asked the crowd why the polls were so wrong.", "why the polls were so wrong", "Ann Lee"),
        (
            "The poll showed the mayor losing support after the debate.",
            "the mayor losing support after the debate",
            "The poll",
        ),
    ],
)
def test_reported_questions_and_findings_of_records(text: str, content: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker or q.speaker_mention) == (content, speaker)


def test_a_show_is_not_a_finding() -> None:
    assert extract("The show was a hit with young voters in Ohio.").quotes == ()


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Her close allies have in the past said she was staying quiet.", "Her close allies"),
        ("Moore was a careful planner - a former aide said she read every report.", "a former aide"),
    ],
)
def test_an_auxiliary_with_a_time_phrase_and_a_spaced_dash(text: str, speaker: str) -> None:
    assert extract(text).quotes[0].speaker_mention == speaker


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        # a commitment's to-infinitive, up to a comma
        (
            "Mr. Trump has vowed to reverse job losses and economic malaise, and more.",
            "to reverse job losses and economic malaise",
            "Trump",
        ),
        ("David Jolly hopes to work across the aisle.", "to work across the aisle", "David Jolly"),
        # a thinking verb without "that", when a subject pronoun and its verb follow
        ("Many voters think he is the better candidate.", "he is the better candidate", "Many voters"),
        # a listener, then a clause opening with a contracted pronoun
        (
            "Calabrese told the National Post he’s already received hundreds of emails.",
            "he’s already received hundreds of emails",
            "Calabrese",
        ),
        # a request: the listener and the infinitive; a question with "if" after the listener
        (
            "In a letter, Trump asked the network to donate the profits to veterans groups.",
            "the network to donate the profits to veterans groups",
            "Trump",
        ),
        ("Rubin asked the students if they were always so serious.", "if they were always so serious", "Rubin"),
        # a record heading a longer subject reports a finding without "that"
        (
            "A poll from Marquette Law School released Wednesday found Clinton leading Trump by 15 points.",
            "Clinton leading Trump by 15 points",
            "Marquette Law School",
        ),
        # inverted: the cue after a comma, its subject after it, what was said before the comma
        (
            "Even in New York the race will be tight, said Dan Gerstein, a political analyst in the city.",
            "Even in New York the race will be tight",
            "Dan Gerstein",
        ),
    ],
)
def test_infinitives_bare_clauses_and_inverted_speakers(text: str, content: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker or q.speaker_mention) == (content, speaker)


def test_a_thinking_verb_with_a_bare_clause_whose_subject_is_a_noun_phrase() -> None:
    [q] = extract("Some legal experts think the case against the mayor is clear.").quotes
    assert (q.text, q.speaker_mention) == ("the case against the mayor is clear", "Some legal experts")


def test_a_thinking_verb_with_an_object_is_no_statement() -> None:
    assert extract("Many voters think the world of him in Ohio.").quotes == ()


def test_a_one_word_object_that_is_someone() -> None:
    assert [(q.text, q.speaker) for q in extract("On Tuesday, Governor Jerry Brown endorsed Clinton.").quotes] == [
        ("Clinton", "Jerry Brown")
    ]
    assert extract("On Tuesday, Governor Jerry Brown endorsed change.").quotes == ()


def test_a_fragment_resumed_after_its_attribution_is_one_direct_quote_of_its_parts() -> None:
    text = "Still, golf clubs are “just scratching out a profit,” Tom Hedge said. “Golf is a thin industry.”"
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.DIRECT and q.speaker == "Tom Hedge"
    assert [text[s:e] for s, e in q.segments] == ["just scratching out a profit", "Golf is a thin industry."]


@pytest.mark.parametrize(
    "text,mention",
    [
        ("“Mayor Lima should come to Louisiana,” the editorial read.", "the editorial"),
        ("“Trump is disgusting,” read one.", "one"),
        ("“If that happens, might I suggest moving to Cape Breton Island,” the message reads.", "the message"),
    ],
)
def test_written_words_read_after_a_quote(text: str, mention: str) -> None:
    [q] = extract(text).quotes
    assert q.speaker_mention == mention and q.cue in ("read", "reads")


def test_read_elsewhere_is_no_cue() -> None:
    assert not extract("Ana Lima read the report that the bridge is unsafe.").quotes


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Bill Kelly came.\n\n“Elections matter,” Kelly said. “Look at the records. There is one candidate.”", "Kelly"),
        ("“The records are clear on this point,” Kelly said.", "Kelly"),
        ("“The records are clear on this point,” O'Reilly said.", "O'Reilly"),
    ],
)
def test_a_name_ending_in_ly_is_no_adverb(text: str, mention: str) -> None:
    assert extract(text).quotes[-1].speaker_mention == mention


def test_a_quote_after_one_that_ran_over_paragraphs_continues_its_speaker() -> None:
    text = (
        "“The stereotyping is still strong here,” Ted Terry said. “They think every Arab is Muslim.\n\n"
        "“And they still believe that we use camels,” he said with a grin. “I told them I never saw one.”"
    )
    last = extract(text).quotes[-1]
    assert last.text.endswith("I told them I never saw one.") and last.speaker == "Ted Terry"


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Critics include Mitch McConnell, who in 2010 said the goal was to beat Obama.", "McConnell"),
        ("An arbitration panel in 2001 found that the United States was in breach of the agreement.", "panel"),
        ("A poll released in late August found that most voters wanted the returns released.", "poll"),
        ("The two countries, which together vowed that they would cut emissions, met in Paris.", "which"),
    ],
)
def test_a_date_or_an_adverb_between_the_subject_and_its_cue(text: str, mention: str) -> None:
    [q] = extract(text).quotes
    assert mention in q.speaker_mention.split()


def test_a_cue_in_a_relative_clause_after_the_attribution_speaks_for_no_later_quote() -> None:
    text = (
        "“My name may not be on the ballot,” Ana Lima said at the gala in Washington, where Mrs. Clinton also"
        " spoke. “Tolerance is on the ballot. Justice is on the ballot.”"
    )
    assert {q.speaker for q in extract(text).quotes} == {"Ana Lima"}


def test_quoted_words_going_on_outside_the_marks_then_an_inverted_cue() -> None:
    text = "“We’re extremely happy” about the decision, said RoseAnn DeMoro, executive director of the union."
    assert speakers(text)[0][1] == "RoseAnn DeMoro"


@pytest.mark.parametrize(
    "text,parts",
    [
        ("Greensboro, Ana Lima said, made him question it.", ["Greensboro", "made him question it"]),
        ("In his state, Christie said, offenders get treatment.", ["In his state", "offenders get treatment"]),
        ("She met the founders, all of whom, Ana Lima said, needed a boost.", ["all of whom", "needed a boost"]),
        ("This campaign, Ana Lima says, is different.", ["This campaign", "is different"]),
        ("The solution, Ana Lima told them, was simple.", ["The solution", "was simple"]),
        ("His leverage, Ana Lima believes, is not going anywhere.", ["His leverage", "is not going anywhere"]),
        ("Fundraising, according to Ana Lima, has surged since May.", ["Fundraising", "has surged since May"]),
    ],
)
def test_a_reported_clause_interrupted_by_its_attribution_keeps_both_parts(text: str, parts: list[str]) -> None:
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.INDIRECT and [text[s:e] for s, e in q.segments] == parts
    assert q.speaker_mention in ("Ana Lima", "Christie")


def test_a_long_clause_before_according_to_is_complete() -> None:
    text = (
        "The top 1 percent would see their incomes rise by as much as 19.9 percent, according to the Tax"
        " Foundation, more than twice the middle."
    )
    [q] = extract(text).quotes
    assert not q.segments and text[q.start : q.end].endswith("19.9 percent")


def test_a_participle_after_a_statement_noun_speaks_for_the_subject_that_issued_it() -> None:
    text = "Ana Lima left the board. At the time, she released a statement saying, “The firm is a trusted partner.”"
    assert speakers(text)[-1] == ("The firm is a trusted partner.", "Ana Lima")


def test_an_object_ends_before_an_adjunct_of_time_or_occasion() -> None:
    [q] = extract("Ana Lima praised the new budget plan during the debate on Monday.").quotes
    assert q.text == "the new budget plan"


@pytest.mark.parametrize(
    "text,content",
    [
        (
            "A producer, Ana Lima, told The New York Times Tuesday morning that the interview was canceled.",
            "the interview was canceled",
        ),
        ("On the economy, 26% say they are conservative.", "they are conservative"),
    ],
)
def test_a_long_listener_and_a_percentage_subject(text: str, content: str) -> None:
    assert [q.text for q in extract(text).quotes] == [content]


def test_a_relative_clause_of_the_reported_subject_does_not_end_the_clause() -> None:
    text = "Opponents said the ruling, which struck down the law, illustrates the stakes."
    assert [q.text for q in extract(text).quotes] == ["the ruling, which struck down the law, illustrates the stakes"]


@pytest.mark.parametrize(
    "text,content,segments",
    [
        (
            "Giving was “stagnant for a month” as donors waited to see how a “wild cycle” played out, Ana Lima said.",
            "Giving was “stagnant for a month” as donors waited to see how a “wild cycle” played out",
            ["stagnant for a month", "wild cycle"],
        ),
        ("The deal was a “disaster and a shame,” said Ana Lima.", "The deal was a “disaster and a shame,”", None),
    ],
)
def test_a_partial_quote_reported_from_the_end_of_its_sentence(
    text: str, content: str, segments: list[str] | None
) -> None:
    [q] = extract(text).quotes
    assert q.kind is QuoteKind.PARTIAL and q.text == content and q.speaker == "Ana Lima"
    if segments:
        assert [text[s:e] for s, e in q.segments] == segments


def test_a_participle_modifying_the_subject_has_no_object() -> None:
    text = "A national rail strike planned for Thursday has been called off after a deal."
    assert not extract(text).quotes


def test_a_poll_opening_the_sentence_reports_its_finding() -> None:
    text = "In an NBC News poll released Monday, 50 percent of voters chose Clinton. In the end, Lima won the race."
    [q] = extract(text).quotes
    assert q.text == "50 percent of voters chose Clinton" and "NBC News" in q.speaker_mention


def test_a_paragraph_of_quotation_after_narration_about_a_person() -> None:
    text = (
        "The regatta ended in fog.\n\nTheo Marsh meanwhile crossed the line first, two minutes ahead of the field.\n\n"
        "“I could not see the buoys for the last mile, so I steered by the sound of the bell.”"
    )
    [q] = extract(text).quotes
    assert q.speaker == "Theo Marsh" and q.kind is QuoteKind.DIRECT


def test_no_speaker_from_a_paragraph_that_opens_with_something_else() -> None:
    text = (
        "After the race, Theo Marsh and his crew went home.\n\n"
        "“I could not see the buoys for the last mile, so I steered by the sound of the bell.”"
    )
    [q] = extract(text).quotes
    assert q.speaker == ""


def test_a_person_called_by_their_age() -> None:
    text = (
        "Theo Marsh won the regatta on Sunday.\n\n“The fog made it a lottery, and I was lucky,” said the 41-year-old."
    )
    [q] = extract(text).quotes
    assert q.speaker == "Theo Marsh"


def test_a_phrase_with_a_verb_after_the_cue_is_no_speaker() -> None:
    [q] = extract("Anna Roth, chief economist at Acme Bank, said the rates would rise.").quotes
    assert (q.text, q.speaker) == ("the rates would rise", "Anna Roth")


def test_a_speaker_that_reports_about_itself_as_it_is_an_organisation() -> None:
    for text in (
        "Northwind Analytics said its revenue rose by a tenth.",
        "Acme Robotics said on Monday it has closed a funding round.",
    ):
        [actor] = extract(text).actors
        assert actor.type is ActorType.ORGANIZATION, text
    [actor] = extract("Anna Roth said it was too early to tell.").actors
    assert actor.type is ActorType.PERSON


@pytest.mark.parametrize(
    "text,language,cue_class",
    [
        ("Anna Roth said the plan will fail.", "en", CueClass.SPEECH),
        ("Anna Roth believes that the plan will fail.", "en", CueClass.STANCE),
        ("Anna Roth insisted that the plan will fail.", "en", CueClass.SPEECH),
        ("A study by the institute found that fewer birds nest in cities.", "en", CueClass.STANCE),
        ("Anna Roth sagte, der Plan werde scheitern.", "de", CueClass.SPEECH),
        ("Anna Roth glaubt, dass der Plan scheitert.", "de", CueClass.STANCE),
    ],
)
def test_the_cue_class_keeps_thoughts_apart_from_words(text: str, language: str, cue_class: CueClass) -> None:
    [q] = extract(text, language).quotes
    assert q.cue_class is cue_class


def test_an_object_ends_before_a_time_adjunct() -> None:
    [q] = extract("Mayor Ana Ruiz praised the plan last week in a speech to the council.").quotes
    assert q.text == "the plan"


def test_the_company_refers_back_to_the_organisation_named_before() -> None:
    for text in (
        "Acme Robotics opened a plant in Ohio. The plant will employ 300 people, according to the company.",
        "Acme Robotics opened a plant in Ohio. The company said the plant would employ 300 people.",
    ):
        [q] = extract(text).quotes
        assert q.speaker == "Acme Robotics", text
        [acme] = [a for a in extract(text).actors if a.canonical_name == "Acme Robotics"]
        assert acme.type is ActorType.ORGANIZATION


@pytest.mark.parametrize(
    "text,content",
    [
        ("James Lyne told reporters the fault was serious.", "the fault was serious"),
        ("Anna Roth told the paper on Friday the road would reopen in May.", "the road would reopen in May"),
        ("Anna Roth said after the vote the road would reopen.", "the road would reopen"),
    ],
)
def test_a_clause_without_that_after_a_listener_or_an_adjunct(text: str, content: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker) == (content, text.split(" told")[0].split(" said")[0])


def test_a_question_word_after_the_listener_opens_no_clause() -> None:
    assert extract("Anna Roth explained to her who the new mayor was.").quotes == ()


def test_an_appositive_without_its_closing_comma_keeps_the_person_as_speaker() -> None:
    [q] = extract("Tomas Weber, head of research at security firm Nordlicht told reporters the flaw was old.").quotes
    assert q.speaker == "Tomas Weber"
    [q] = extract("It showed the Star of David, Senator Ana Ruiz said on Monday.").quotes
    assert q.speaker == "Ana Ruiz"


def test_a_fragment_in_the_reporters_sentence_with_nobody_to_say_it_is_a_scare_quote() -> None:
    text = "The lab built a “search and replace tool” for genes, which made the method popular."
    assert extract(text).quotes == ()
    [q] = extract("The minister called the plan “a waste of good money” on Monday.").quotes
    assert q.kind is QuoteKind.PARTIAL and q.speaker == ""  # a cue, though no name: kept


@pytest.mark.parametrize(
    "text",
    [
        "The flaw sits in a routine called “the heartbeat check” that most servers run.",
        "Each server sends a small packet – a “heartbeat of the system” – every minute.",
    ],
)
def test_a_term_named_by_a_participle_or_set_off_by_a_dash_is_no_statement(text: str) -> None:
    assert extract(text).quotes == ()


def test_calling_something_a_name_is_still_a_statement_of_its_speaker() -> None:
    [q] = extract("Ana Ruiz called the plan “a waste of good money” on Monday.").quotes
    assert q.speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "text",
    [
        "The jobs numbers end the debate, said Acme Bank’s chief economist, Ana Ruiz.",
        "The jobs numbers end the debate, said Acme Bank chief economist Ana Ruiz.",
        "The jobs numbers end the debate, said the bank’s chief economist, Ana Ruiz.",
    ],
)
def test_an_inverted_cue_with_a_role_before_the_name(text: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker) == ("The jobs numbers end the debate", "Ana Ruiz")


def test_a_cue_with_an_object_of_its_own_reports_nothing_before_it() -> None:
    [q] = extract("Ana Ruiz said the market grew, and she expects more growth.").quotes
    assert q.text == "the market grew"


def test_in_someones_view_reports_their_view() -> None:
    [q] = extract("In Ana Ruiz’s opinion, the bridge should close before winter.").quotes
    assert (q.text, q.speaker, q.cue) == ("the bridge should close before winter", "Ana Ruiz", "opinion")
    assert extract("In the long run, prices will rise.").quotes == ()


def test_the_place_of_a_dateline_is_no_speaker() -> None:
    text = (
        "Portland, OR --3 May 2026-- The Northwind Foundation (NF), the owners, builders, and keepers of "
        "forty shelters, announced today that it had opened a new shelter."
    )
    [q] = extract(text).quotes
    assert (q.speaker, q.text) == ("Northwind Foundation", "it had opened a new shelter")


def test_an_inverted_cue_with_a_lowercase_role_before_the_name() -> None:
    [q] = extract("The ferry will stop in winter, warned harbour expert Ines Duarte.").quotes
    assert (q.text, q.speaker) == ("The ferry will stop in winter", "Ines Duarte")


def test_a_pronoun_continues_the_main_clause_not_an_opening_subordinate_clause() -> None:
    text = (
        "After Lena Brook won her heat on Monday, it was Ina Berg who set the fastest time on Tuesday.\n\n"
        "“I did not expect the wind to drop,” she told reporters."
    )
    [q] = extract(text).quotes
    assert q.speaker == "Ina Berg"


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Janet Moore was told that the bridge would close in May.",
        "The transit agency was asked whether it would cut the night buses.",
        "The senator was also asked if she would run again.",
    ],
)
def test_the_subject_of_a_passive_cue_is_not_its_speaker(text: str) -> None:
    """The one told or asked is the listener: no statement of theirs."""
    assert [q.speaker_mention for q in extract(text).quotes if q.speaker_mention] == []


def test_a_quoted_subject_and_an_active_perfect_still_speak() -> None:
    assert [q.speaker for q in extract("Janet Moore was quoted as saying the bridge would open in May.").quotes] == [
        "Janet Moore"
    ]
    assert [
        q.speaker for q in extract("Janet Moore has warned that the budget will not cover the repairs.").quotes
    ] == ["Janet Moore"]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The mayor, who took office in May, said the bridge would open.", "The mayor"),
        ("Officials, who spoke on condition of anonymity, said the plant would close.", "Officials"),
        ("Critics, whose numbers are growing, argue that the law is unfair.", "Critics"),
    ],
)
def test_a_relative_clause_between_the_subject_and_the_cue_is_skipped(text: str, mention: str) -> None:
    assert [q.speaker_mention for q in extract(text).quotes] == [mention]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said Tuesday that the plant would close.",
        "Officials said last week that the plant would close.",
        "Officials said earlier this month that the plant would close.",
        "Officials said Friday afternoon the plant would close.",
    ],
)
def test_a_time_phrase_after_the_cue_is_not_what_was_said(text: str) -> None:
    assert [q.text for q in extract(text).quotes] == ["the plant would close"]


def test_a_day_in_the_possessive_opens_what_was_said() -> None:
    assert [q.text for q in extract("Officials said Tuesday's vote was rigged.").quotes] == [
        "Tuesday's vote was rigged"
    ]


@pytest.mark.parametrize(
    ("owner", "role"),
    [
        ("Coralwatch", "spokesman"),
        ("Coralwatch", "director"),
        ("Coralwatch", "spokesperson"),
        ("Coralwatch", "chief scientist"),  # a role of several words, ending in its head noun
        ("Coralwatch", "senior analyst"),
        ("Institute of Marine Science", "executive director"),  # an owner with a link inside its name
        ("Institute of Marine Science", "president"),
    ],
)
def test_after_an_inverted_cue_the_holder_of_a_role_speaks_not_its_owner(owner: str, role: str) -> None:
    [q] = extract(f"“The reef is dying,” said {owner} {role} Tom Hale.").quotes
    assert q.speaker == "Tom Hale"


def test_after_an_inverted_cue_an_owner_with_a_link_and_no_role_still_speaks() -> None:
    [q] = extract("“The reef is dying,” said the Institute of Marine Science in a statement.").quotes
    assert q.speaker == "Institute of Marine Science"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will fight,” said the club's chairman, John Barnes.", "John Barnes"),
        ("“We will fight,” said the chairman, John Barnes, after the match.", "John Barnes"),
        ("“We will fight,” said the chairman, Monday.", ""),
    ],
)
def test_after_an_inverted_cue_a_role_and_its_apposed_name_speak_as_the_person(text: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert q.speaker == speaker


def test_according_to_a_source_with_its_prepositional_phrases() -> None:
    [q] = extract("According to a statement from the transit agency, the line will reopen in May.").quotes
    assert (q.text, q.speaker_mention) == ("the line will reopen in May", "a statement from the transit agency")


@pytest.mark.parametrize(
    "text",
    [
        "Ruth Obi said the ferry had been late again. 'We waited two hours,' she added.",
        "'We waited two hours.' Ruth Obi said the ferry had been late again.",
    ],
)
def test_a_straight_single_quote_mark_opens_or_closes_a_sentence(text: str) -> None:
    """British style: a sentence after a full stop may open with ' (or close with it before the
    next), so what was reported before does not run on into the quote."""
    result = extract(text)
    reported = next(q for q in result.quotes if q.kind is QuoteKind.INDIRECT)
    assert reported.text == "the ferry had been late again" and reported.speaker == "Ruth Obi"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Fares will rise in March, the transit board said in a statement on Friday.", "Fares will rise in March", ""),
        ("The mill will reopen, Ana Ruiz told reporters at a briefing in Leeds.", "The mill will reopen", "Ana Ruiz"),
        ("Demand is cooling, analysts at Northgate Capital wrote in a note to clients.", "Demand is cooling", ""),
        ("“The repairs are finished,” Omar Haddad said in an interview with the paper.", None, "Omar Haddad"),
    ],
)
def test_prepositional_phrases_after_a_sentence_final_cue(text: str, content: str | None, speaker: str) -> None:
    """ "…, X said in a statement on Friday.": phrases that say where or how it was said still
    leave what comes before the comma as the statement."""
    [q] = extract(text).quotes
    assert content is None or (q.text == content and q.kind is QuoteKind.INDIRECT)
    assert q.speaker == speaker or speaker == ""


@pytest.mark.parametrize(
    "text",
    [
        "Like her mother, I believe in the good sense of the voters.",  # a verb with its own object
        "The debate was as heated as anything the mayor said on the radio.",  # no comma before the subject
        "Tolls went up, which added to the anger of the drivers in the valley.",  # "added to": another verb
    ],
)
def test_what_is_no_prepositional_tail_after_a_final_cue(text: str) -> None:
    assert not [q for q in extract(text).quotes if q.kind is QuoteKind.INDIRECT]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The governor was quoted as saying the border would stay open.", ""),
        ("The governor was reported as saying the border would stay open.", ""),
        ("Rosa Vidal was quoted by Radio Norte as saying the border would stay open.", "Rosa Vidal"),
        ("Governor Rosa Vidal was quoted by Radio Norte as saying the border would stay open.", "Rosa Vidal"),
    ],
)
def test_the_one_quoted_as_saying_speaks_not_the_medium(text: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert q.text == "the border would stay open" and q.speaker == speaker


def test_a_quote_after_quoted_as_saying_and_a_colon_is_the_subjects() -> None:
    [q] = extract('The general was quoted as saying: "Our troops are ready."').quotes
    assert q.text == "Our troops are ready." and q.kind is QuoteKind.DIRECT


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Her brother, Sam Ortiz, said he felt cheated.", "he felt cheated"),
        ("The coach, Dana Wills, told reporters she felt let down.", "she felt let down"),
    ],
)
def test_a_final_cue_inside_what_another_cue_reports_takes_nothing_before_it(text: str, said: str) -> None:
    """ "…, said he felt cheated": "felt" is part of what was said; the phrase before the comma
    (the speaker and their role) is not what "he" felt."""
    assert [q.text for q in extract(text).quotes if q.kind is QuoteKind.INDIRECT] == [said]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The senator tweeted that the ferry would run all winter.", "the ferry would run all winter"),
        ("Ana Ruiz joked that the team needed a bigger bus.", "the team needed a bigger bus"),
        ("Zhang affirmed that he had made the discovery alone.", "he had made the discovery alone"),
        ("The judge ruled that the search was illegal.", "the search was illegal"),  # ("that" is no part of it)
    ],
)
def test_any_verb_of_saying_reports_a_that_clause(text: str, said: str) -> None:
    assert [q.text for q in extract(text).quotes] == [said]


@pytest.mark.parametrize(
    "text", ["He called that a disgrace in front of the board.", "The crowd shouted charges that Ana Ruiz denied."]
)
def test_that_as_an_object_or_after_a_noun_reports_no_clause(text: str) -> None:
    assert not [q for q in extract(text).quotes if q.text.startswith(("a disgrace", "Ana Ruiz"))]


def test_a_subordinate_clause_opening_the_sentence_ends_what_its_cue_reports() -> None:
    text = "While the mayor said that the bridge was safe, she also warned that repairs were overdue."
    assert [q.text for q in extract(text).quotes] == ["the bridge was safe", "repairs were overdue"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Although the mayor said the plan was sound, critics disagreed.", ["the plan was sound"]),
        ("If it rains, the match will be off, the club said.", ["If it rains, the match will be off"]),
        (
            "If the dam fails then the valley floods, engineer Ana Ruiz warned.",
            ["If the dam fails then the valley floods"],
        ),
    ],
)
def test_a_subordinate_clause_alone_is_not_what_a_final_cue_reports(text: str, said: list[str]) -> None:
    assert [q.text for q in extract(text).quotes] == said


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ana Lima claimed, without evidence, that the bridge had been sabotaged.",
        "Mayor Ana Lima said, however, that the bridge had been sabotaged.",
        "Mayor Ana Lima said, in a statement on Friday, that the bridge had been sabotaged.",
    ],
)
def test_an_adverbial_set_off_by_commas_before_that_is_not_what_was_said(text: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker) == ("the bridge had been sabotaged", "Ana Lima")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The study, published in Nature, found that coral reefs recover faster than expected.", "The study"),
        ("The survey, conducted by Gallup last month, found that trust in the press fell.", "The survey"),
        ("The report, released on Monday, said the reefs would not recover.", "The report"),
    ],
)
def test_a_participle_clause_set_off_by_commas_stands_between_subject_and_cue(text: str, mention: str) -> None:
    [q] = extract(text).quotes
    assert q.speaker_mention == mention


def test_a_clause_after_a_cue_is_what_was_said_not_an_inverted_subject() -> None:
    [q] = extract("The striker, who scored twice, said the team deserved the win.").quotes
    assert (q.text, q.speaker_mention) == ("the team deserved the win", "The striker")


def test_a_ticker_in_parentheses_and_today_stand_between_a_company_and_its_cue() -> None:
    [q] = extract("Acme Robotics (NASDAQ: ACME) today announced that it has acquired Beta Labs.").quotes
    assert (q.text, q.speaker) == ("it has acquired Beta Labs", "Acme Robotics")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The reef is dying, according to a report released on Monday by the Acme Institute.", "Acme Institute"),
        ("The reef is dying, according to figures from the Acme Institute.", "Acme Institute"),
        ("The reef is dying, according to the Acme Institute, one of the groups that study it.", "Acme Institute"),
    ],
)
def test_a_source_closing_its_sentence_keeps_its_prepositional_phrases(text: str, speaker: str) -> None:
    [q] = extract(text).quotes
    assert (q.text, q.speaker) == ("The reef is dying", speaker)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("She called the plan a disaster.", "the plan a disaster"),
        ("She called him “a liar.”", "him “a liar.”"),
        ("He called Mrs. Lima a fraud.", "Mrs. Lima a fraud"),
        ("He called the actions lawful.", "the actions lawful"),
        ("He called corruption in politics a major threat.", "corruption in politics a major threat"),
        ("He called again for new elections.", "new elections"),
    ],
)
def test_calling_someone_something_is_what_was_said(text: str, said: str) -> None:
    assert [q.text for q in extract(text).quotes] == [said]


@pytest.mark.parametrize(
    "text",
    [
        "He called Tom Reed on Monday.",  # a telephone call
        "Reed called reporters to his office.",
        "She joined a charity called Harbour Hope.",  # a name given, not what anyone said
    ],
)
def test_a_call_or_a_name_is_not_a_statement(text: str) -> None:
    assert extract(text).quotes == ()


@pytest.mark.parametrize("company", ["Acme Inc.", "Acme Corp.", "Acme Holdings Ltd.", "Smith Bros."])
def test_a_company_suffix_with_its_period_stands_inside_the_subject(company: str) -> None:
    [q] = extract(f"Ana Lima of {company} said the economy is barely growing.").quotes
    assert (q.text, q.speaker) == ("the economy is barely growing", "Ana Lima")


def test_affirm_reports_a_clause_not_an_object() -> None:
    [q] = extract("Ana Lima affirmed she had made the discovery on her own.").quotes
    assert (q.text, q.speaker) == ("she had made the discovery on her own", "Ana Lima")
    assert extract("Ana Lima reaffirmed her support for the plan.").quotes == ()


@pytest.mark.parametrize("verb", ["comments", "notes", "claims"])
def test_a_verb_that_is_also_a_noun_after_a_quote_is_a_cue(verb: str) -> None:
    [q] = extract(f"“We worked on the design of the spacecraft,” {verb} Ana Lima of the design team.").quotes
    assert q.speaker == "Ana Lima"


def test_a_base_form_after_a_quote_stays_an_adjective() -> None:
    [q] = extract("“It was rigged,” state senator Ana Lima said on Monday.").quotes
    assert (q.cue, q.speaker) == ("said", "Ana Lima")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The team lost again, and fans feel very let down.", []),
        ("To save money, the firm cut jobs, and workers feel betrayed.", []),
        ("The deal is a bad one, many members feel.", ["The deal is a bad one"]),
        ("The deal is a bad one, many members felt at the time.", ["The deal is a bad one"]),
    ],
)
def test_feel_before_a_predicate_is_a_copula_not_a_sentence_final_cue(text: str, found: list[str]) -> None:
    assert [q.text for q in extract(text).quotes] == found


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The mayor said the bridge — the oldest in the county — would close in May.",
            "the bridge — the oldest in the county — would close in May",
        ),
        ("The mayor said the bridge would close in May — a blow to the market.", "the bridge would close in May"),
        (
            "The mayor said the bridge ― the oldest in the county ― would close in May.",
            "the bridge ― the oldest in the county ― would close in May",
        ),
    ],
)
def test_a_pair_of_dashes_encloses_a_parenthesis_and_one_dash_ends_the_clause(text: str, content: str) -> None:
    [q] = extract(text).quotes
    assert q.text == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The senator, who has argued that the tax is unfair, told voters on Monday that she would fight it.",
            "the tax is unfair",
        ),
        ("The governor, who said the budget was balanced, was wrong.", "the budget was balanced"),
        (
            "It was the coach, who said the two captains, and Reyes in particular, must lead.",
            "the two captains, and Reyes in particular, must lead",
        ),
    ],
)
def test_what_a_relative_clause_reports_ends_before_the_main_verb(text: str, content: str) -> None:
    assert extract(text).quotes[0].text == content


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The storm has claimed two lives, officials said.", ["The storm has claimed two lives"]),
        ("The earthquake claimed at least 30 lives in the region.", []),
        ("The senator claimed lives were at risk.", ["lives were at risk"]),
    ],
)
def test_lives_a_disaster_claimed_are_no_claim(text: str, found: list[str]) -> None:
    assert [q.text for q in extract(text).quotes] == found


def test_a_body_a_capitalised_title_and_a_name_speak_as_the_person() -> None:
    text = "The result led Harbor Workers Council Research Director Quillon Shah to call him the winner."
    quotes = extract(text, "en").quotes
    assert [q.speaker for q in quotes] == ["Quillon Shah"], quotes
