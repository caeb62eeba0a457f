"""Actors on sentences written for these tests: what is a name, its type, titles and aliases."""

import pytest

from pipeline.extract import Actor, ActorType, extract


def actors(text: str, language: str = "") -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {a.canonical_name: (a.type.value, a.titles, a.aliases) for a in extract(text, language).actors}


def by_name(text: str, language: str) -> dict[str, Actor]:
    return {a.canonical_name: a for a in extract(text, language).actors}


@pytest.mark.parametrize(
    "text,name,kind",
    [
        ("Officials met in New York on Monday to discuss the plan.", "New York", "place"),
        ("The delegation flew on to North Korea after the talks ended.", "North Korea", "place"),
        (
            "The Securities and Exchange Commission opened an inquiry into the bank.",
            "Securities and Exchange Commission",
            "organization",
        ),
        ("Aid reached Columbus, Ohio, late on Tuesday.", "Columbus", "place"),
        ("The White House said the visit would go ahead.", "White House", "organization"),
        ("She arrived in Selma, Ala., before dawn.", "Ala.", "place"),
        ("Voters in the U.S. are divided, the poll shows.", "United States", "place"),
    ],
)
def test_names_and_types(text: str, name: str, kind: str) -> None:
    found = actors(text)
    assert name in found and found[name][0] == kind, found


@pytest.mark.parametrize(
    "text,not_an_actor",
    [
        ("Republicans and Democrats disagreed about the budget again.", "Republicans"),
        ("Hispanic voters and Americans abroad were polled.", "Americans"),
        ("The Clean Air Act was passed decades ago, the report notes.", "Clean Air Act"),
        ("We're sure about that, the spokesman said on Election Day.", "Election Day"),
        ("Ivy League-trained lawyers filed the suit.", "Ivy League-trained"),
    ],
)
def test_groups_events_and_laws_are_not_actors(text: str, not_an_actor: str) -> None:
    assert not_an_actor not in actors(text)


def test_titles_split_from_the_name_and_kept() -> None:
    text = (
        "Secretary of State John Kerry spoke first. Democratic presidential nominee Hillary Clinton followed. "
        "Then Michael McFaul, a senior fellow at the Hoover Institution, answered questions."
    )
    found = actors(text)
    assert found["John Kerry"][1] == ("Secretary of State",)
    assert found["Hillary Clinton"][1] == ("Democratic presidential nominee",)
    assert "senior fellow" in found["Michael McFaul"][1]
    assert found["Hoover Institution"][0] == "organization"


def test_honorific_is_an_alias_not_a_title_and_surname_merges() -> None:
    text = "Donald J. Trump spoke in Ohio. Mr. Trump said the race was close. Trump left early."
    found = actors(text)
    assert list(found) == ["Donald J. Trump", "Ohio"], found
    kind, titles, aliases = found["Donald J. Trump"]
    assert kind == "person" and titles == () and "Trump" in aliases


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_name_behind_an_arabic_article_is_part_of_the_name(language: str) -> None:
    text = {
        "en": "Foreign Minister Karim al-Nasser arrived in Geneva. Later, al-Nasser met the envoy.",
        "de": "Außenminister Karim al-Nasser traf in Genf ein. Später sprach al-Nasser mit dem Gesandten.",
    }[language]
    found = actors(text, language)
    assert "Karim al-Nasser" in found and "Karim" not in found, found
    assert found["Karim al-Nasser"][0] == "person" and "al-Nasser" in found["Karim al-Nasser"][2]


def test_hyphenated_lower_case_words_are_no_names() -> None:
    assert actors("Officials in the at-risk town said the al-fresco dinner at the ex-mayor's home was cancelled.") == {}


def test_acronym_merges_into_its_expansion() -> None:
    text = "The Democratic National Committee met on Friday. A DNC spokesman said the vote was fair."
    found = actors(text)
    assert "DNC" in found["Democratic National Committee"][2] and "DNC" not in found


def test_definite_description_is_the_main_persons_title() -> None:
    text = (
        "Hillary Clinton spoke in Ohio. Clinton said she would win. Clinton thanked LeBron James. "
        "The Democratic presidential nominee says the race is close."
    )
    assert "Democratic presidential nominee" in actors(text)["Hillary Clinton"][1]


def test_party_state_tags_are_not_actors() -> None:
    found = actors("Sen. Jon Tester (D-Mont.) and Senate Majority Leader Mitch McConnell, R-Ky., agreed.")
    assert set(found) == {"Jon Tester", "Mitch McConnell", "Senate"}, found
    assert found["Mitch McConnell"][1] == ("Senate Majority Leader",)


# --- German -----------------------------------------------------------------------------------


def test_german_nouns_are_not_names() -> None:
    text = (
        "Finanzminister Thomas Berger legte am Dienstag den Haushaltsentwurf vor. Der Plan sieht eine "
        "Schuldenbremse vor. Die Grünen-Politikerin Lena Vogt kritisierte den Sparhaushalt im Hospital."
    )
    found = actors(text, "de")
    assert found.keys() == {"Thomas Berger", "Lena Vogt"}, found
    assert found["Thomas Berger"][1] == ("Finanzminister",)
    assert found["Lena Vogt"][1] == ("Grünen-Politikerin",)


def test_german_descriptor_types_the_name_and_is_dropped() -> None:
    text = "Die Fluggesellschaft Ryanair strich Flüge. Die Leiche wurde im Greifswalder Fluss Ryck gefunden."
    found = actors(text, "de")
    assert found["Ryanair"][0] == "organization" and found["Ryck"][0] == "place", found


def test_german_inflected_names_merge_into_the_nominative() -> None:
    text = (
        "Die Deutsche Bank meldete Gewinne. Aktien der Deutschen Bank stiegen. "
        "Die Proteste in Myanmars Städten gehen weiter."
    )
    found = actors(text, "de")
    assert "Deutschen Bank" in found["Deutsche Bank"][2], found
    assert found["Myanmar"][0] == "place" and "Myanmars" in found["Myanmar"][2]


def test_german_adjective_of_a_name_stays_in_the_name() -> None:
    found = actors("Das berichtete die Frankfurter Rundschau am Montag.", "de")
    assert "Frankfurter Rundschau" in found, found


def test_types_are_never_other() -> None:
    result = extract("Clean Power Plan and Squawk Box were discussed by Mr. Obama in Washington.")
    assert all(a.type is not ActorType.OTHER for a in result.actors)


def test_an_honorific_keeps_a_surname_from_a_person_of_the_other_gender() -> None:
    text = "Michelle Obama spoke first. Then Mr. Obama said the vote mattered, and Mrs. Obama agreed."
    result = extract(text)
    michelle = next(a for a in result.actors if a.canonical_name == "Michelle Obama")
    assert "Obama" not in michelle.aliases or all(q.speaker != "Michelle Obama" for q in result.quotes)
    assert [q.speaker for q in result.quotes if q.cue == "said"] != ["Michelle Obama"]


def test_a_place_at_the_end_of_a_two_word_name_is_no_slavic_surname() -> None:
    """ "-ova", "-in", "-ina" look like Slavic surnames; a country or state there names no person."""
    for text in ("Radio Moldova reported the vote count on Sunday.", "Besides China, the summit drew delegates."):
        assert all(a.type is not ActorType.PERSON for a in extract(text).actors), text
    [person] = extract("Anna Petrova said the count was late.").actors
    assert person.type is ActorType.PERSON


def test_an_agreement_named_after_a_city_is_no_person() -> None:
    text = "Ana Ruiz spoke. After the Paris Climate Accord was adopted, she called it “a fraud” on television."
    assert "Paris Climate Accord" not in {a.canonical_name for a in extract(text).actors}
    [q] = extract(text).quotes
    assert q.speaker == "Ana Ruiz"


def test_a_country_is_no_surname_of_the_body_named_after_it() -> None:
    text = "Canada’s jobless rate fell in May, according to Statistics Canada’s survey released on Friday."
    actors = {a.canonical_name: a for a in extract(text).actors}
    assert actors["Canada"].type is ActorType.PLACE
    assert all(a.type is not ActorType.PERSON for a in actors.values()), actors


def test_a_name_before_a_hyphen_and_a_role_or_plant_is_a_body_in_german() -> None:
    text = "Der Audi-Chef kam nach Emden. Dort soll bald auch Audi bauen lassen, sagte der Betriebsrat."
    assert ("Audi", ActorType.ORGANIZATION) in [(a.canonical_name, a.type) for a in extract(text, language="de").actors]


def test_such_a_body_opening_a_sentence_is_a_body_too() -> None:
    text = "Zalando senkt die Preise. Der Zalando-Vorstand rechnet mit mehr Kunden."
    actors = [(a.canonical_name, a.type) for a in extract(text, language="de").actors]
    assert ("Zalando", ActorType.ORGANIZATION) in actors


def test_a_persons_surname_before_a_hyphen_stays_the_persons() -> None:
    text = "Angela Merkel reiste nach Paris. Ein Merkel-Sprecher sagte, Merkel sei zufrieden."
    actors = {a.canonical_name: a.type for a in extract(text, language="de").actors}
    assert actors.get("Angela Merkel") is ActorType.PERSON and "Merkel" not in actors, actors


def _german_people(text: str) -> dict[str, int]:
    """Each German person actor's name -> how many times the text names them."""
    actors = extract(text, language="de").actors
    return {a.canonical_name: len(a.mentions) for a in actors if a.type is ActorType.PERSON}


def test_a_german_surname_after_a_title_and_a_first_name_names_that_person_alone() -> None:
    # "zwischen" ends like an inflected adjective, but the surname is known from the full name
    text = (
        "Der Staatspräsident Lorenzo Vasari besuchte Wien. Dort traf Vasari den Kanzler. "
        "Die Annäherung zwischen Vasari und Österreich ist neu."
    )
    assert _german_people(text) == {"Lorenzo Vasari": 3}


def test_a_german_sentence_opening_word_of_a_closed_class_is_no_part_of_a_name() -> None:
    text = "Der Minister Peer Holtkamp kam spät. Obwohl Holtkamp müde war, blieb er."
    assert _german_people(text) == {"Peer Holtkamp": 2}


def test_a_german_surname_ends_the_name_before_a_noun_or_a_nominalised_adjective() -> None:
    text = "Die Ministerin Jana Lindqvist reiste nach Brüssel. Dort hatte Lindqvist Positives zu berichten."
    assert _german_people(text) == {"Jana Lindqvist": 2}


def test_the_german_honorific_herrn_is_no_part_of_the_name() -> None:
    text = "Der Chef habe Frau Anna Roth die Nachfolge von Herrn Bergmann übertragen. Herr Bergmann sagte nichts."
    assert _german_people(text) == {"Anna Roth": 1, "Bergmann": 2}


@pytest.mark.parametrize(
    "text,people",
    [
        # a name in the genitive before what is theirs, the nominative named too
        ("Lorenzo Vasaris Wahlkampf begann. Lorenzo Vasari sagte nichts.", {"Lorenzo Vasari": 2}),
        # a surname ending in -s before another surname is no genitive
        ("Die Ärztin Hilda Morales Trujillo sagte nichts.", {"Hilda Morales Trujillo": 1}),
    ],
)
def test_a_german_name_in_the_genitive_ends_before_what_is_theirs(text: str, people: dict[str, int]) -> None:
    assert _german_people(text) == people


def test_a_german_article_opening_a_sentence_is_no_part_of_a_name() -> None:
    text = "Einer Meldung von Xinhua zufolge sei der Damm gebrochen."
    actors = {(a.canonical_name, a.type) for a in extract(text, language="de").actors}
    assert ("Einer Meldung von Xinhua", ActorType.PERSON) not in actors


@pytest.mark.parametrize(
    "text,language",
    [
        ("Die Agentur RIA Novosti meldete den Absturz. RIA Novosti nannte keine Zahlen.", "de"),
        ("Fees at ACE Cash Express rose on Monday.", "en"),
    ],
)
def test_an_acronym_that_spells_a_first_name_makes_no_person(text: str, language: str) -> None:
    assert not [a for a in extract(text, language=language).actors if a.type is ActorType.PERSON]


def test_a_german_name_in_the_genitive_is_the_person_named_without_it() -> None:
    text = "Der Rebellenführer Joseph Moreno floh. Joseph Morenos Truppen zogen ab. Später schwieg Morenos Sprecher."
    assert _german_people(text) == {"Joseph Moreno": 3}


def test_a_surname_ending_in_s_is_no_genitive_of_a_first_name() -> None:
    text = "The actor Robert Vance spoke first. Then Chief Justice Roberts said the law was clear."
    people = {a.canonical_name for a in extract(text, language="en").actors if a.type is ActorType.PERSON}
    assert "Robert Vance" in people and "Roberts" in people


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A spokesman for Zentrix said demand was strong.", "en"),
        ("Ein Sprecher von Zentrix sagte, die Nachfrage sei groß.", "de"),
    ],
)
def test_the_body_a_spokesperson_speaks_for_is_an_organisation(text: str, language: str) -> None:
    """ "X said" votes for a person, but not after "a spokesman for": X is the body."""
    assert actors(text, language)["Zentrix"][0] == ActorType.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Der Gewinn der Zentrix Logistik AG stieg.", "Zentrix Logistik AG"),
        ("Der Umsatz der Nordwerk Maschinenbau GmbH sank.", "Nordwerk Maschinenbau GmbH"),
    ],
)
def test_a_legal_form_ends_a_company_name_whole(text: str, name: str) -> None:
    """ "AG", "GmbH": the words before the legal form are the company's name, not nouns before it."""
    assert actors(text, "de")[name][0] == ActorType.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "language", "club"),
    [
        ("Der Stürmer wechselt zum FC Nordstadt 09.", "de", "FC Nordstadt"),
        ("Borussia Dortmund verlor das Spiel.", "de", "Borussia Dortmund"),
        ("FC Barcelona beat Real Madrid on Sunday.", "en", "Real Madrid"),
    ],
)
def test_a_sports_club_is_an_organisation_not_its_town(text: str, language: str, club: str) -> None:
    assert actors(text, language)[club][0] == ActorType.ORGANIZATION.value


def test_an_ordinary_word_opening_a_club_name_needs_the_town_after_it() -> None:
    assert "Real Woman" not in actors("She said Real Woman magazine had changed.", "en")


def test_the_noun_of_a_german_source_phrase_is_no_name() -> None:
    """ "nach Ansicht der Fachleute": the view's owner speaks; "Ansicht" had been taken for a place
    (a capitalised word after "nach", as in "nach Ansbach")."""
    result = extract("Nach Ansicht der Fachleute wird der Winter mild. Der Zug fährt nach Ansbach.", language="de")
    assert [(a.canonical_name, a.type) for a in result.actors] == [("Ansbach", ActorType.PLACE)]
    assert [q.speaker for q in result.quotes] == [""]


@pytest.mark.parametrize("name", ["Leeds City Council", "Harbour Media Group", "Northern Press Association"])
def test_words_of_an_organisations_name_are_no_first_names(name: str) -> None:
    """The name lists hold "Council", "Media" and "Press"; read as first names, they made a title
    of the words before them."""
    actors = extract(f"The bridge was closed by {name} on Monday.").actors
    assert [(a.canonical_name, a.type) for a in actors] == [(name, ActorType.ORGANIZATION)]


@pytest.mark.parametrize("name", ["Teachers Union", "National Farmers Union", "Workers Party", "General Assembly"])
def test_a_role_word_before_an_organisation_word_is_part_of_its_name(name: str) -> None:
    actors = extract(f"The bridge was closed by the {name} on Monday.").actors
    assert [(a.canonical_name, a.type, a.titles) for a in actors] == [(name, ActorType.ORGANIZATION, ())]


@pytest.mark.parametrize(
    ("text", "name"), [("He flew to La Paz on Monday.", "La Paz"), ("She moved to Des Moines.", "Des Moines")]
)
def test_a_romance_article_inside_a_name_is_part_of_it(text: str, name: str) -> None:
    assert [a.canonical_name for a in extract(text).actors] == [name]


def test_a_name_with_its_family_name_first_merges_by_the_first_word() -> None:
    text = (
        "The ministry's spokeswoman Hua Meilan spoke on Monday. Later, Hua said, “We are ready to talk.” "
        "Its press officer Dana Whitfield was not there."
    )
    result = extract(text, "en")
    hua = next(a for a in result.actors if a.canonical_name == "Hua Meilan")
    assert [m.text for m in hua.mentions] == ["Hua Meilan", "Hua"]
    assert [q.speaker for q in result.quotes] == ["Hua Meilan"]


def test_a_hyphenated_given_name_and_title_stay_whole() -> None:
    text = "Secretary-General Han Ji-woo met Lee Seo-yun in Busan. The Obama-era rules and the GOP-led House stayed."
    found = {a.canonical_name: a for a in extract(text, "en").actors}
    assert found["Han Ji-woo"].titles == ("Secretary-General",)
    assert "Lee Seo-yun" in found and "Obama-era" not in found and "GOP-led" not in found


def test_a_german_ordinal_before_a_name_is_a_ranking_not_part_of_it() -> None:
    text = "Das Rennen gewann Anna Roth. Am Ende wurde als Vierte Jacqueline Seifried aus Waldzell gewertet."
    names = {a.canonical_name for a in extract(text, "de").actors}
    assert "Jacqueline Seifried" in names and not any(n.startswith("Vierte") for n in names)


def test_a_german_rival_before_a_name_is_a_role() -> None:
    text = "Anna Roth besiegte Rivalin Okonkwo deutlich. Okonkwo gratulierte."
    found = {a.canonical_name: a for a in extract(text, "de").actors}
    assert "Okonkwo" in found and found["Okonkwo"].type is ActorType.PERSON
    assert not any(n.startswith("Rivalin") for n in found)


def test_a_run_of_names_ends_where_a_sentence_opens_after_an_abbreviation() -> None:
    text = "She grew up in Selma, Ala. But the family moved to Dayton. The D.C. Court of Appeals ruled."
    names = {a.canonical_name for a in extract(text, "en").actors}
    assert "Ala." in names and not any("But" in n for n in names)
    assert any(n.startswith("D.C. Court") or n == "Court of Appeals" for n in names)


@pytest.mark.parametrize("opener", ["Among", "My", "Unlike", "Besides", "Amid"])
def test_a_preposition_or_possessive_opening_a_sentence_is_no_name(opener: str) -> None:
    text = f"{opener} Republicans in Ohio, the mood was sour. Dana Whitfield said so."
    names = {a.canonical_name for a in extract(text, "en").actors}
    assert not any(n.split()[0] == opener for n in names), names


@pytest.mark.parametrize(
    "text,name,language",
    [
        ("Coastal Rights Watch criticised the plan, and it asked for a delay.", "Coastal Rights Watch", "en"),
        ("Brennan Industries said it would close the plant.", "Brennan Industries", "en"),
        ("Harbor Light International said it had sent aid.", "Harbor Light International", "en"),
        ("The Western Academy of Surgeons said the rule was unsafe.", "Western Academy of Surgeons", "en"),
        ("Laut Coastal Rights Watch wurden 80 Menschen festgenommen.", "Coastal Rights Watch", "de"),
    ],
)
def test_a_name_headed_by_a_body_word_is_an_organisation_even_when_it_speaks(
    text: str, name: str, language: str
) -> None:
    found = by_name(text, language)
    assert name in found and found[name].type is ActorType.ORGANIZATION, found


def test_a_body_word_alone_or_inside_a_name_makes_no_organisation() -> None:
    text = "Watch what happens next. Dana Whitfield flew from Denver International Airport on Monday."
    found = by_name(text, "en")
    assert "Watch" not in found
    assert found["Denver International Airport"].type is not ActorType.ORGANIZATION, found


@pytest.mark.parametrize(
    "text",
    [
        "The Coastal Fisheries Act says boats must carry a radio, and the rule took effect in May.",
        "Under the plan, the Lakeside Trade Agreement says tariffs must fall by half.",
        "The Voter Access Act requires that states keep their rolls current.",
    ],
)
def test_a_named_law_or_treaty_is_no_person_even_when_it_says_something(text: str) -> None:
    found = by_name(text, "en")
    assert not any(a.type is ActorType.PERSON for a in found.values()), found


def test_a_title_with_of_is_the_persons_and_the_body_after_of_no_person() -> None:
    text = (
        "Chief of Staff Dana Whitfield flew in on Monday. Secretary of Energy Tom Reyes joined her. "
        "The plan works, said Ann Okafor, founder and CEO of Harbor Light Farmers United."
    )
    found = by_name(text, "en")
    assert found["Dana Whitfield"].titles == ("Chief of Staff",), found
    assert found["Tom Reyes"].titles == ("Secretary of Energy",), found
    assert not any(name.split()[0] in ("of", "Of", "Staff", "Energy") for name in found), found
    assert all(a.type is not ActorType.PERSON for n, a in found.items() if "Farmers" in n), found


@pytest.mark.parametrize(
    "text,whole",
    [
        ("Officials at the Office of Health and Family Services said the rule would stand.", True),
        ("A study by the Institute for Energy and Coastal Research found the same.", True),
        ("The Bank of Ohio and Bank of Iowa agreed on Monday.", False),
        ("The Federation of Nurses and the Western Teachers Association backed her.", False),
        ("A study by the University of Ohio and Professor Ann Reyes agreed.", False),
    ],
)
def test_and_inside_a_bodys_of_phrase_adds_a_field_not_a_second_body(text: str, whole: bool) -> None:
    names = {a.canonical_name for a in extract(text, "en").actors}
    joined = [n for n in names if " and " in n]
    assert bool(joined) is whole, names


def test_a_bodys_name_holds_first_names_and_gives_its_title_to_the_person_after_it() -> None:
    """A first name inside a body's name does not stop its "of" phrase; a body, a title of several
    words and a two-word name are owner, title and person."""
    text = (
        "Dana Whitfield of Wayne State University School of Medicine led the trial. "
        "House Speaker Tom Reyes of Ohio praised it. "
        "Acme Workers Council Research Director Quillon Okafor said the vote was close. "
        "The motto reads Equal Justice Under Law."
    )
    found = by_name(text, "en")
    assert found["Wayne State University School of Medicine"].type is ActorType.ORGANIZATION, found
    assert "Tom Reyes" in found and not any(n.startswith("Tom Reyes of") for n in found), found
    assert found["Quillon Okafor"].type is ActorType.PERSON, found
    assert found["Quillon Okafor"].titles[0].endswith("Research Director"), found
    assert found["Acme Workers Council"].type is ActorType.ORGANIZATION, found
    assert "Under Law" not in found, found


def test_a_german_bodys_compound_name_in_the_genitive_is_that_body() -> None:
    text = (
        "Ein Sprecher des Verkehrsministeriums sagte, die Strecke bleibe gesperrt. "
        "Ein Sprecher des Ministeriums sagte, man prüfe den Fall."
    )
    found = by_name(text, "de")
    assert found["Verkehrsministerium"].type is ActorType.ORGANIZATION, found
    assert "Verkehrsministeriums" in found["Verkehrsministerium"].aliases, found
    assert "Ministerium" not in found, found


def test_a_german_bodys_name_goes_on_with_what_it_is_for() -> None:
    text = (
        "Das Bundesamt für Wasser und Küstenschutz teilte mit, die Deiche hielten. "
        "Laut dem Bundesministerium der Justiz ist der Entwurf fertig. "
        "Das Außenministerium der Vereinigten Staaten schwieg."
    )
    names = {a.canonical_name for a in extract(text, "de").actors}
    assert "Bundesamt für Wasser und Küstenschutz" in names, names
    assert "Bundesministerium der Justiz" in names, names
    assert not any(n.startswith("Außenministerium der") for n in names), names


def test_british_titles_and_letters_after_a_name_are_not_the_name() -> None:
    text = (
        "Judge Amara Quist QC heard the appeal in Leeds. Judge Quist said: “The order stands.” "
        "Professor Tobias Wren led the study. “The effect is small,” Prof Wren said. "
        "Labour MP Dorothy Vance urged ministers to act. "
        "The Green Party MP spoke later, and Sir Ian Holt OBE spoke last."
    )
    found = by_name(text, "en")
    assert "Quist" in found["Amara Quist"].aliases and "Amara Quist QC" not in found, found
    assert "Wren" in found["Tobias Wren"].aliases and "Prof Wren" not in found, found
    assert found["Dorothy Vance"].titles == ("Labour MP",), found
    assert "Ian Holt" in found and "Green Party" not in found, found
    speakers = {q.text: q.speaker for q in extract(text, "en").quotes}
    assert speakers["The order stands."] == "Amara Quist" and speakers["The effect is small"] == "Tobias Wren"
    assert speakers["ministers to act"] == "Dorothy Vance", speakers
