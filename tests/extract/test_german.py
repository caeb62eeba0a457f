"""German attribution by sentence position (pipeline/extract/german.py), on sentences written for
these tests: capitalised nouns are never speakers because of their capital."""

import pytest

from pipeline.extract import QuoteKind, extract


def statements(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind.value, q.text, q.speaker_mention) for q in extract(text, language="de").quotes]


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        ("Der Staatsanwalt sagte, die Tat sei geplant gewesen.", "die Tat sei geplant gewesen", "Der Staatsanwalt"),
        (
            "Zur Urteilsbegründung sagte der Richter, die Beweise seien eindeutig.",
            "die Beweise seien eindeutig",
            "der Richter",
        ),
        ("Zudem erklärte er, dass die Kosten steigen würden.", "die Kosten steigen würden", "er"),
        (
            "Die Polizei teilte mit, die Straße bleibe bis Freitag gesperrt.",
            "die Straße bleibe bis Freitag gesperrt",
            "Die Polizei",
        ),
        ("Die Lage sei ernst, sagte die Bürgermeisterin am Abend.", "Die Lage sei ernst", "die Bürgermeisterin"),
        (
            "Lena Vogt, die Sprecherin der Grünen, sagte, der Plan sei gescheitert.",
            "der Plan sei gescheitert",
            "Lena Vogt, die Sprecherin der Grünen",
        ),
        (
            "Er traf einen Händler, von dem die Polizei glaubt, er habe die Waffen geliefert.",
            "er habe die Waffen geliefert",
            "die Polizei",
        ),
        (
            "Nach Angaben der Feuerwehr wurden drei Häuser zerstört.",
            "wurden drei Häuser zerstört",
            "Angaben der Feuerwehr",
        ),
        (
            "Dem Bericht zufolge stiegen die Preise um vier Prozent.",
            "stiegen die Preise um vier Prozent",
            "Dem Bericht",
        ),
        # a separable verb at the end of its clause is one word, and a cue
        (
            "Wie die Feuerwehr mitteilte, brannte die Scheune vollständig ab.",
            "brannte die Scheune vollständig ab",
            "die Feuerwehr",
        ),
        (
            "Wie der Verein bekanntgab, wird das Stadion im Juli umgebaut.",
            "wird das Stadion im Juli umgebaut",
            "der Verein",
        ),
        # the subject of a "wie" clause is the phrase after "wie", not what follows it
        (
            "Wie die Polizei am Abend mitteilte, seien zwei Männer festgenommen worden.",
            "seien zwei Männer festgenommen worden",
            "die Polizei",
        ),
        # also when appositions set off by commas stand between the subject and the verb
        (
            "Wie der Sprecher der Stadtwerke, Jan Ott, am Montag mitteilte, seien die Leitungen erneuert worden.",
            "seien die Leitungen erneuert worden",
            "der Sprecher der Stadtwerke",
        ),
        # reported speech before an auxiliary, its subject and the participle
        ("Die Lage sei ernst, hatte die Ministerin am Montag gesagt.", "Die Lage sei ernst", "die Ministerin"),
        ("Man werde vor Gericht ziehen, hat der Verband angekündigt.", "Man werde vor Gericht ziehen", "der Verband"),
        # a fronted demonstrative points back to what was said; the subject follows the verb
        (
            "Die Reform kommt im Mai. Dies bestätigte die Ministerin am Montag.",
            "Die Reform kommt im Mai",
            "die Ministerin",
        ),
        (
            "Der Torwart muss operiert werden. Das teilte der Verein am Dienstag mit.",
            "Der Torwart muss operiert werden",
            "der Verein",
        ),
        # a compound whose first part is written in lower case is a noun all the same
        (
            "Bei Bränden gibt es laut dpa-Bericht eine hohe Dunkelziffer.",
            "Bei Bränden gibt es … eine hohe Dunkelziffer",
            "dpa-Bericht",
        ),
        (
            "Die Streiks sollen ruhen, sagte der verdi-Sprecher Tom Hahn.",
            "Die Streiks sollen ruhen",
            "der verdi-Sprecher Tom Hahn",
        ),
    ],
)
def test_reported_speech_and_its_speaker(text: str, content: str, speaker: str) -> None:
    assert ("indirect", content, speaker) in statements(text), statements(text)


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("„Wir geben nicht auf“, so der Trainer nach dem Spiel.", "der Trainer"),
        ("Steinbrück: „Die Schuldenbremse bleibt.“", "Steinbrück"),
        ("Sie wird mit den Worten zitiert: „Ich trete nicht wieder an.“", "Sie"),
        (
            "Ähnlich äußerte sich der Finanzminister Thomas Berger: „Der Haushalt steht.“",
            "der Finanzminister Thomas Berger",
        ),
        ("„Wir sind bereit“, hatte Konzernchef Paul Brandt in einem Interview erklärt.", "Konzernchef Paul Brandt"),
        ("Der englischsprachigen Zeitung sagte Karma: „Ich gebe nicht auf.“", "Karma"),  # a dative first
        # an adverbial first phrase that looks like a noun at the sentence start
        (
            "Passend zum Wetter warnte die Sprecherin des Senders: „Bleiben Sie bitte zu Hause.“",
            "die Sprecherin des Senders",
        ),
        (
            "Als Antwort auf die Frage sagte ein Sprecher der Regierung: „Wir prüfen den Vorschlag.“",
            "ein Sprecher der Regierung",
        ),
        ("Aber auch die Kommission kritisierte das Gesetz: „Es verletzt die Grundrechte.“", "die Kommission"),
        # appositions and relative clauses between the subject and its verb
        (
            "Jan Brandt, der Sprecher der Stadt, der seit Mai im Amt ist, sagte: „Wir bauen die Brücke neu.“",
            "Jan Brandt, der Sprecher der Stadt",
        ),
        (
            "Erkki Virtanen, Präsident des Rates der Stadt: „Die Entscheidung ist falsch.“",
            "Erkki Virtanen, Präsident des Rates der Stadt",
        ),
        (
            "Die Stellungnahme von Jan Brandt, dem Sprecher der Stadt, lautete: „Wir bauen neu.“",
            "Die Stellungnahme von Jan Brandt, dem Sprecher der Stadt",
        ),
        # coordinated verbs share their subject; a passive "zitiert" names the speaker after "wird"
        ("Als der Wirt kam, schlug der Mann gegen die Tür und rief: „Lasst mich sofort raus!“", "der Mann"),
        ("Zur Lage wird Paul Brandt auf der Internetseite wie folgt zitiert: „Wir bleiben hier.“", "Paul Brandt"),
        ("„Die Lage ist sehr ernst“, zitierte man die Reporterin Anna Weber.", "die Reporterin Anna Weber"),
        ("Nach der Sitzung sagte Innenminister Paul Brandt: „Der Pass kommt.“", "Innenminister Paul Brandt"),
        ("Von der Leyen betonte: „Das Geld ist da.“", "Von der Leyen"),
        (
            "Ein Fernsehsender zitierte den Minister Paul Brandt mit den Worten: „Wir treten zurück.“",
            "den Minister Paul Brandt",
        ),  # active "zitieren": the one quoted is the object
        ("Wie die Zeitung „Nordkurier“ berichtete, sagte er: „Wir bleiben.“", "er"),
    ],
)
def test_direct_quote_speaker(text: str, speaker: str) -> None:
    quotes = [q for q in extract(text, language="de").quotes if q.kind is QuoteKind.DIRECT]
    assert [q.speaker_mention for q in quotes] == [speaker]


def test_reported_speech_runs_on_in_the_subjunctive() -> None:
    text = (
        "Der Minister sagte, die Reform komme im Herbst. Sie sei mit den Ländern abgestimmt. "
        "Am Abend regnete es in Berlin."
    )
    got = statements(text)
    assert ("indirect", "Sie sei mit den Ländern abgestimmt", "Der Minister") in got
    assert all("regnete" not in content for _, content, _ in got)  # an indicative sentence ends the run


def test_es_gab_is_no_cue_without_its_particle() -> None:
    assert statements("Es gab Brandanschläge in Dijon, der Regionen Côte-d'Or und Seine-Maritime.") == []


@pytest.mark.parametrize(
    "follow",
    ["Die Folgen nehme er in Kauf.", "Der Täter soll über die Grenze geflohen sein."],
    ids=["konjunktiv-next-to-pronoun", "reportive-sollen"],
)
def test_reported_mood_continues_the_statement(follow: str) -> None:
    text = f"Der Anwalt sagte, sein Mandant bereue die Tat. {follow}"
    assert ("indirect", follow.rstrip("."), "Der Anwalt") in statements(text), statements(text)


def test_a_colon_that_opens_a_quote_ends_the_reported_clause() -> None:
    text = "Er hatte gedroht, sollte die Stadt zustimmen: „Jeder Zug wird ein Ziel sein“, sagte Paul Brandt."
    got = statements(text)
    assert ("direct", "Jeder Zug wird ein Ziel sein", "Paul Brandt") in got, got


def test_a_sentence_after_a_closing_german_quote_mark_is_its_own_sentence() -> None:
    text = (
        "Der Minister Paul Brandt erklärte: „Wir haben keine Wahl.“ Es gebe Kunden, die für die „neue "
        "Kartoffel“ nicht offen seien."
    )
    partial = [q for q in extract(text, language="de").quotes if q.kind is QuoteKind.PARTIAL]
    assert [q.text for q in partial] == ["Es gebe Kunden, die für die „neue Kartoffel“ nicht offen seien"]
    assert partial[0].speaker == "Paul Brandt"  # the quote's speaker goes on in the subjunctive


def test_a_possessive_phrase_speaks_for_its_owner() -> None:
    text = "Der Minister Paul Brandt schwieg lange. Seine Meinung zum Plan: „Das ist Unsinn und bleibt es.“"
    (quote,) = extract(text, language="de").quotes
    assert (quote.speaker_mention, quote.speaker) == ("Seine Meinung", "Paul Brandt")


@pytest.mark.parametrize(
    "text",
    [
        "Das Buch mit dem Titel „Die Stadt und ihre Kinder“ erscheint im Mai.",
        "Sie spielte in der Serie „Have a nice day“ die Hauptrolle.",
    ],
)
def test_quoted_titles_are_not_speech(text: str) -> None:
    assert extract(text, language="de").quotes == ()


def test_a_quoted_fragment_after_an_article_is_still_speech() -> None:
    text = "Der Minister Paul Brandt sagte, der Pilot trage die „volle Verantwortung für den Absturz“."
    assert any("volle Verantwortung" in q.text for q in extract(text, language="de").quotes)


def test_the_second_of_two_coordinated_verbs_shares_the_subject() -> None:
    text = "Dabei lobte der Minister Paul Brandt die Helfer und nannte den Einsatz „ein Vorbild für das ganze Land“."
    assert [q.speaker_mention for q in extract(text, language="de").quotes] == ["der Minister Paul Brandt"]


def _quoted(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(kind, quoted words, speaker) of every statement with quotation marks in it."""
    out = []
    for q in extract(text, language="de").quotes:
        if q.segments and q.kind is not QuoteKind.INDIRECT:  # an indirect one's segments are its parts
            out.append((q.kind.value, tuple(text[s:e] for s, e in q.segments), q.speaker_mention))
    return out


def test_a_short_quoted_fragment_inside_reported_speech_is_the_speakers_words() -> None:
    text = (
        "Die Ministerin Eva Kern kritisierte den Plan scharf. Er sei „nicht annehmbar“ und müsse neu verhandelt werden."
    )
    assert _quoted(text) == [("partial", ("nicht annehmbar",), "Die Ministerin Eva Kern")]


def test_a_partial_statement_is_not_repeated_as_a_reported_one() -> None:
    text = (
        "Die Ministerin Eva Kern sagte, der Zeitplan sei nach ihrer Ansicht ein „glatter Wortbruch“, und man "
        "werde klagen."
    )
    assert [(k, s) for k, _, s in statements(text)] == [("partial", "Die Ministerin Eva Kern")]


def test_two_speakers_in_one_sentence_keep_their_own_fragments() -> None:
    text = (
        "Die Trainerin Jana Roth nannte die Entscheidung „überzogen“, Verbandschef Tom Keller bezeichnete "
        "die vielen Strafen in dem Spiel als „übertrieben“."
    )
    found = {words: speaker for _, words, speaker in _quoted(text)}
    assert found == {("überzogen",): "Die Trainerin Jana Roth", ("übertrieben",): "Verbandschef Tom Keller"}


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Mit dem Verfahren könne man laut Klinikdirektor Jonas Adler „jetzt vielen Paaren helfen“, hieß es.",
            "Klinikdirektor Jonas Adler",
        ),
        (
            "Die Themen der Schau sind nach Angaben der Kuratorin Mira Stein „die Stadt und ihre Arbeit“.",
            "Angaben der Kuratorin Mira Stein",
        ),
        (
            "„Die Preisträger haben sich um die Stadt in besonderer Weise verdient gemacht“, heißt es auf der "
            "Webseite des Kulturpreises.",
            "der Webseite des Kulturpreises",
        ),
        (
            "Den Ärger der Partei über die Pläne brachte die Sprecherin Anna Wolff zum Ausdruck: „Das ist mit "
            "uns nicht zu machen.“",
            "die Sprecherin Anna Wolff",
        ),
        (
            "Es wurde von dem Anwalt Peter Hahn die Vermutung geäußert, man brauche einen „schnellen Erfolg“.",
            "dem Anwalt Peter Hahn",
        ),
        (
            "„Die Angeklagten handelten aus Not und nicht aus Gier“, begründet das Gericht seine Entscheidung.",
            "das Gericht",
        ),
        ("Deren Haltung zum Streik bezeichnete er gestern als „völlig verlogen und heuchlerisch“.", "er"),
        (
            "Im Ausschuss sagte die Kanzlerin einigen Teilnehmern zufolge: „Wir stehen zu dieser Entscheidung.“",
            "die Kanzlerin",
        ),
        (
            "Dazu veröffentlichte der Verfasser folgenden Kommentar: „Wer von der Liste will, muss zahlen.“",
            "der Verfasser",
        ),
        (
            "Nach Darstellungen des Verlags bietet das Buch eine „differenzierte Betrachtung der Lage“.",
            "Darstellungen des Verlags",
        ),
        ("Aus Paris hieß es, das Vorgehen der Regierung sei „eine schwere Verletzung“.", "Paris"),
        (
            "In einer Erklärung der Außenminister hatte es geheißen: „Es gibt keine militärische Lösung.“",
            "einer Erklärung der Außenminister",
        ),
    ],
)
def test_sources_and_subjects_that_do_not_open_the_sentence(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)] == [speaker]


@pytest.mark.parametrize(
    "text,found",
    [
        (
            "Die Gewerkschaft forderte am Montag höhere Löhne für alle Beschäftigten.",
            [
                (
                    "indirect",
                    "Die Gewerkschaft forderte am Montag höhere Löhne für alle Beschäftigten",
                    "Die Gewerkschaft",
                )
            ],
        ),
        (
            "Der Sender berichtete von schweren Schäden in der ganzen Stadt.",
            [("indirect", "Der Sender berichtete von schweren Schäden in der ganzen Stadt", "Der Sender")],
        ),
        ("Die Polizei bestätigte am Morgen den Unfall auf der Autobahn.", []),
        # "sprechen von": the object anywhere in the clause, the subject before it
        (
            "Der Trainer sprach von einem verdienten Sieg für die ganze Mannschaft.",
            [("indirect", "Der Trainer sprach von einem verdienten Sieg für die ganze Mannschaft", "Der Trainer")],
        ),
        (
            "Nach der Wahl sprach die Kandidatin vom Ende einer langen Durststrecke.",
            [("indirect", "Nach der Wahl sprach die Kandidatin vom Ende einer langen Durststrecke", "die Kandidatin")],
        ),
        ("Der Minister sprach am Abend mit den Bürgermeistern der Region.", []),
        # calling something something: the object and its "als" complement
        (
            "Die Gewerkschaft bezeichnete den Streik als vollen Erfolg.",
            [("indirect", "Die Gewerkschaft bezeichnete den Streik als vollen Erfolg", "Die Gewerkschaft")],
        ),
        ("Der Verband nannte am Montag die Namen der neuen Mitglieder.", []),
        # reproaching: "vorwerfen", its object is the reproach
        (
            "Die Kläger werfen der Firma Betrug an ihren Kunden vor.",
            [("indirect", "Die Kläger werfen der Firma Betrug an ihren Kunden vor", "Die Kläger")],
        ),
        ("Die Kinder werfen Steine in den Fluss.", []),
        # putting a number on something: "beziffern", "schätzen … auf"
        (
            "Die Versicherung bezifferte den Schaden auf zwei Millionen Euro.",
            [("indirect", "Die Versicherung bezifferte den Schaden auf zwei Millionen Euro", "Die Versicherung")],
        ),
        # justifying, pointing to: "begründen … mit", "verweisen auf"
        (
            "Die Stadt begründete die höheren Preise mit den Kosten.",
            [("indirect", "Die Stadt begründete die höheren Preise mit den Kosten", "Die Stadt")],
        ),
        (
            "Ein Sprecher verwies auf das schlechte Wetter.",
            [("indirect", "Ein Sprecher verwies auf das schlechte Wetter", "Ein Sprecher")],
        ),
        # judging, praising, criticising with an "als" complement: the object is what was said
        (
            "Die Kanzlerin würdigte den Verein als wichtigen Partner der Stadt.",
            [("indirect", "Die Kanzlerin würdigte den Verein als wichtigen Partner der Stadt", "Die Kanzlerin")],
        ),
        (
            "Der Verband wertete das Ergebnis als großen Erfolg für die Branche.",
            [("indirect", "Der Verband wertete das Ergebnis als großen Erfolg für die Branche", "Der Verband")],
        ),
        (
            "Die Opposition kritisierte den Haushalt als unsozial.",
            [("indirect", "Die Opposition kritisierte den Haushalt als unsozial", "Die Opposition")],
        ),
        ("Die Kanzlerin würdigte am Abend die Opfer des Unglücks.", []),
        ("Der Präsident würdigte sie für ihren Einsatz als Ärztin in der Stadt.", []),
        # a relative clause after the complement describes it: the sentence is the statement
        (
            "Die Ministerin bezeichnete den Verein als einen Partner, der viel geleistet habe.",
            [
                (
                    "indirect",
                    "Die Ministerin bezeichnete den Verein als einen Partner, der viel geleistet habe",
                    "Die Ministerin",
                )
            ],
        ),
        # a comma inside parentheses ends no clause
        (
            "Kritiker werten die Wahl als Rückschlag für die Linke (Hans Roth, Chef der Partei, und andere), "
            "die sich mehr erhofft hätten.",
            [
                (
                    "indirect",
                    "Kritiker werten die Wahl als Rückschlag für die Linke (Hans Roth, Chef der Partei, und andere), "
                    "die sich mehr erhofft hätten",
                    "Kritiker",
                )
            ],
        ),
        # reporting about a topic, or lives a disaster claimed: no statement
        ("Über die Proteste am Wochenende berichtete die Zeitung ausführlich.", []),
        ("Die Zeitung berichtete über die Proteste am Wochenende.", []),
        (
            "Die Behörde berichtete über 1600 Angriffe im Jahr.",
            [("indirect", "Die Behörde berichtete über 1600 Angriffe im Jahr", "Die Behörde")],
        ),
        ("In Chile forderte das Erdbeben mindestens 30 Menschenleben.", []),
        # advising: "empfehlen", as "raten"
        (
            "Die Ärztin empfahl den Eltern eine frühe Impfung.",
            [("indirect", "Die Ärztin empfahl den Eltern eine frühe Impfung", "Die Ärztin")],
        ),
    ],
)
def test_a_demand_a_warning_or_a_report_on_something_is_a_statement(
    text: str, found: list[tuple[str, str, str]]
) -> None:
    assert statements(text) == found


def test_a_fragment_of_reported_speech_running_on_keeps_the_speaker_before() -> None:
    text = (
        "Der Bruder des Bischofs, Georg Lang, sagte, er sei seit langem eingeweiht gewesen. Der Rücktritt "
        "sei ein „natürlicher Vorgang“."
    )
    assert _quoted(text) == [("partial", ("natürlicher Vorgang",), "Der Bruder des Bischofs, Georg Lang")]


def test_describing_and_telling_are_cues() -> None:
    text = "Der Notarzt Anton Weber schilderte, die Frau habe beim Eintreffen keinen Puls mehr gehabt."
    assert statements(text) == [
        ("indirect", "die Frau habe beim Eintreffen keinen Puls mehr gehabt", "Der Notarzt Anton Weber")
    ]


def test_a_so_called_term_is_not_speech() -> None:
    text = "Der Minister Paul Brandt sagte, die so genannten „schnellen Eingreiftruppen“ seien bereit."
    assert [words for _, words, _ in _quoted(text)] == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a cue last in a subordinate clause: its subject follows the conjunction
        (
            "Der Bericht ist brisant, weil die Regierung das Land im letzten Monat als „junge Demokratie“ "
            "bezeichnet hat.",
            "die Regierung",
        ),
        # a quote inside the reported clause whose verb follows the quote: the reporting clause speaks
        (
            "Anna Weber und Paul Brandt prangerten an, dass die Lehrer „als Hilfssheriffs der Polizei“ dienten.",
            "Anna Weber und Paul Brandt",
        ),
    ],
)
def test_a_quote_inside_a_clause_whose_verb_follows_it(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)] == [speaker]


def test_weak_verbs_in_consonant_and_nasal_take_et() -> None:
    from pipeline.extract.german_words import _weak

    assert {"entgegnete", "bezeichnete", "öffnete", "bezweifelte", "bezweifeln"} <= _weak(
        "entgegn bezeichn öffn bezweifl"
    )
    assert {"warnte", "erzählte", "plante"} <= _weak("warn erzähl plan")
    text = "Dazu gebe es ein Gesetz. Die Kanzlerin Eva Kern entgegnete, dann solle der Iran „das Gesetz ändern“."
    assert _quoted(text)[-1][2] == "Die Kanzlerin Eva Kern"


def test_weak_verbs_in_unstressed_er_take_n() -> None:
    from pipeline.extract.german_words import _weak

    forms = _weak("forder schilder kommentier")
    assert {"fordern", "schildern", "kommentieren"} <= forms and not forms & {"forderen", "schilderen"}
    said = statements("Die Gewerkschaften fordern mehr Personal für die Pflege.")
    assert said == [("indirect", "Die Gewerkschaften fordern mehr Personal für die Pflege", "Die Gewerkschaften")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Der Minister Paul Brandt nannte die Absage einen „Vertrauensbruch“.", ("Vertrauensbruch",)),
        ("Das Magazin Barrons bezeichnete die Firma als „Schatten-CIA“.", ("Schatten-CIA",)),
        ("Der Dezernent Lothar Nicht sprach von einer „Gefahr für Leib und Leben“.", ("Gefahr für Leib und Leben",)),
    ],
)
def test_a_capitalised_quote_a_cue_calls_something_is_speech_not_a_name(text: str, words: tuple[str, ...]) -> None:
    assert [w for _, w, _ in _quoted(text)] == [words]


def test_a_newspaper_after_a_cue_stays_a_name() -> None:
    text = "Der Staatssekretär Jan Ohm sagte der „Berliner Zeitung“, der Plan sei gut."
    assert [w for _, w, _ in _quoted(text)] == []


def test_appositions_after_a_clause_of_their_own_are_the_speaker() -> None:
    text = (
        "Die Ministerin Eva Kern wies diese Behauptung zurück, die Sprecherin der Fraktion, Anna Boser, "
        "erklärte:  „Neiddebatten sind völlig fehl am Platz.“"
    )
    assert [s for _, _, s in _quoted(text)] == ["die Sprecherin der Fraktion, Anna Boser"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("„Er war der kreative Kopf der Band“, schrieb „Die Zeit“ in einem Nachruf.", "„Die Zeit“"),
        ("„Das wird das größte Update aller Zeiten“, zitiert die „Computerwoche“ Lynch in einem Bericht.", "Lynch"),
        ("„Das wird gut“, zitiert der Spiegel den Minister Paul Kern.", "den Minister Paul Kern"),
    ],
)
def test_a_quoted_name_is_a_phrase_and_zitieren_names_the_one_quoted(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)] == [speaker]


def test_a_quote_after_a_named_persons_sentence_is_theirs() -> None:
    text = (
        "Der Brief wurde gestern veröffentlicht. Sadiq Khan, einer der Abgeordneten, verurteilte die Haltung "
        "der Regierung. „Diese Regierung hat einige große Erfolge in der Außenpolitik zu verzeichnen.“"
    )
    assert [s for _, _, s in _quoted(text)] == ["Sadiq Khan, einer der Abgeordneten"]
    text = "Die Regierung verurteilte den Angriff. „Diese Politik hat einige große Erfolge zu verzeichnen.“"
    assert [s for _, _, s in _quoted(text)] == [""]  # not a named person: nobody is guessed


def test_a_capitalised_quote_in_reported_speech_after_an_indefinite_article_is_speech() -> None:
    text = "Der Präsident Hamid Karsai sagte am Sonntag, Afghanistan sei ein „Opfer des Terrorismus“."
    assert [w for _, w, _ in _quoted(text)] == [("Opfer des Terrorismus",)]
    text = "Der Präsident Hamid Karsai sagte, die Nachrichtenagentur „Xinhua“ habe falsch berichtet."
    assert [w for _, w, _ in _quoted(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Nach dem Absturz einer Trägerrakete „Falcon 1“ will der Gründer Elon Musk die Ursache suchen.",
        "Bei der Maschine handelte es sich laut dem Sprecher Paul Kern um einen Hubschrauber vom Typ „Mil Mi-8“.",
    ],
)
def test_a_short_quote_with_a_number_is_a_designation(text: str) -> None:
    assert _quoted(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Für den Theologen Hans Küng sei der Rücktritt „aus vielen Gründen verständlich“.", "den Theologen Hans Küng"),
        (
            "Die Vorschläge seien vernünftig, wie sich der Abgeordnete Jörg Tauss ausdrückte, „ein guter Anfang“.",
            "der Abgeordnete Jörg Tauss",
        ),
        (
            "Den Flüchtlingen sicherte Präsident Anton Gusmão am Montag zu, dass sie „immer willkommen sein werden“.",
            "Präsident Anton Gusmão",
        ),
    ],
)
def test_opinion_holders_and_more_cues(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Für den Einbruch soll er laut Presseberichten 500 Euro erhalten haben.", "Presseberichten"),
        ("Für den Umbau soll die Stadt nach Angaben des Bauamts zwei Millionen zahlen.", "Angaben des Bauamts"),
    ],
)
def test_a_named_source_outranks_fuer_as_an_opinion_holder(text: str, speaker: str) -> None:
    """ "Für X" then says what for: the sentence's source phrase speaks."""
    assert [q.speaker_mention for q in extract(text, language="de").quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Dem Kassierer wird vorgeworfen, Geld aus der Kasse genommen zu haben.",
        "Der Plan wurde heftig kritisiert, weil er zu teuer sei.",
        "Ihr ist vorgeworfen worden, die Akten vernichtet zu haben.",
    ],
)
def test_in_the_passive_without_an_agent_no_one_is_named_as_speaker(text: str) -> None:
    """The subject or dative of a passive cue is spoken of or to: the accused is no speaker."""
    assert [q.speaker_mention for q in extract(text, language="de").quotes] == [""]


def test_the_passive_keeps_its_agent_and_the_future_its_subject() -> None:
    assert [
        q.speaker_mention for q in extract("Der Plan wurde von der Ministerin als „zu teuer“ bezeichnet.", "de").quotes
    ] == ["der Ministerin"]
    assert [
        q.speaker_mention for q in extract("Der Minister wird morgen erklären, dass die Steuern sinken.", "de").quotes
    ] == ["Der Minister"]
    assert [
        q.speaker_mention
        for q in extract("Der Kassierer wurde mit den Worten zitiert, er sei unschuldig.", "de").quotes
    ] == ["Der Kassierer"]


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        ("Der Preis steigt weiter, sagte der Vorsitzende.", "Der Preis steigt weiter", "der Vorsitzende"),
        ("Die Kosten sinken deutlich, teilte die Reederei mit.", "Die Kosten sinken deutlich", "die Reederei"),
        # an apposition between two commas is the subject's, as before
        (
            "Olli Berg, der Bürgermeister, sagte, die Brücke sei sicher.",
            "die Brücke sei sicher",
            "Olli Berg, der Bürgermeister",
        ),
        # "von X ausgehen": the plural forms are the cue
        ("Die Forscher gehen davon aus, dass das Eis schmilzt.", "das Eis schmilzt", "Die Forscher"),
        ("Die Ärzte gingen davon aus, dass der Patient überlebt.", "der Patient überlebt", "Die Ärzte"),
        # what is assumed is the object; a relative clause describes it, an indicative one is the reporter's
        (
            "Die Polizei geht von einer Brandstiftung aus, die in der Nacht gelegt wurde.",
            "Die Polizei geht von einer Brandstiftung aus, die in der Nacht gelegt wurde",
            "Die Polizei",
        ),
        (
            "Die Ermittler gehen von einem Unfall aus, die Straße wurde gesperrt.",
            "Die Ermittler gehen von einem Unfall aus, die Straße wurde gesperrt",
            "Die Ermittler",
        ),
        # a clause in reported mood after the comma says what is assumed
        (
            "Die Prüfer gehen von dem Verdacht aus, der Kassierer habe Geld genommen.",
            "der Kassierer habe Geld genommen",
            "Die Prüfer",
        ),
        # "von X sprechen" in every form; a relative clause after X describes it
        (
            "Die Agenturen sprechen von mehreren Verletzten.",
            "Die Agenturen sprechen von mehreren Verletzten",
            "Die Agenturen",
        ),
        (
            "Die Feuerwehr sprach von 40 Einsätzen, bei denen niemand verletzt wurde.",
            "Die Feuerwehr sprach von 40 Einsätzen, bei denen niemand verletzt wurde",
            "Die Feuerwehr",
        ),
        (
            "Der Verband spricht dagegen von acht Betrieben, auf die es die Kontrolleure abgesehen hatten.",
            "Der Verband spricht dagegen von acht Betrieben, auf die es die Kontrolleure abgesehen hatten",
            "Der Verband",
        ),
        ("Die Eltern sprechen sich gegen den Plan aus und wollen mit dem Rektor sprechen.", "", ""),
        # with no comma, what is assumed is the sentence; a danger "geht von X aus" (comes from X)
        ("Die Feuerwehr geht von Brandstiftung aus.", "Die Feuerwehr geht von Brandstiftung aus", "Die Feuerwehr"),
        ("Die größte Gefahr geht von den Stürmen aus.", "", ""),
    ],
)
def test_a_clause_before_one_comma_and_von_x_ausgehen_or_sprechen(text: str, said: str, speaker: str) -> None:
    """One comma before an inverted cue closes a clause, not an apposition; "von X ausgehen" and
    "von X sprechen" report X, or the clause in reported mood after it."""
    found = [(q.text, q.speaker_mention) for q in extract(text, language="de").quotes]
    assert found == ([(said, speaker)] if said else []), found


def test_a_role_and_the_name_set_after_it_speak_as_the_person() -> None:
    [q] = extract("„Wir kämpfen weiter“, sagte der Vorsitzende des Vereins, Hans Müller.", "de").quotes
    assert q.speaker == "Hans Müller"
    [q] = extract(
        "Für das Jahr erwartet der Vorsitzende des Verbands, Hans Roth, einen Anstieg der Preise.", "de"
    ).quotes
    assert (q.text, q.speaker) == ("einen Anstieg der Preise", "Hans Roth")


@pytest.mark.parametrize(
    "role",
    [
        "die Geschäftsführerin des Bremer Obsthändlers Fruchthof",  # a body named inside the role
        "die Geschäftsführerin des Bremer Obsthändlers",
    ],
)
def test_a_role_naming_a_body_and_the_name_set_after_it_speak_as_the_person(role: str) -> None:
    [q] = extract(f"„Das ist eine hervorragende Ernte“, freut sich {role}, Anna Weber.", "de").quotes
    assert q.speaker == "Anna Weber"


def test_a_colon_after_reported_speech_keeps_the_one_reported() -> None:
    text = (
        "Wie die Premierministerin Anna Bligh erklärte, habe sie den Zivilschutz in Bereitschaft versetzt. "
        "Queensland sei Neuseeland zu Dank verpflichtet: „Sie haben uns Hilfsmannschaften geschickt.“"
    )
    assert [s for _, _, s in _quoted(text)] == ["die Premierministerin Anna Bligh"]


def test_the_one_person_before_a_colon_speaks_when_the_subject_is_nobody() -> None:
    text = (
        "Die praktische Anwendung der Richtlinie stellte der SPD-Vorsitzende Franz Müntefering ebenfalls in "
        "Frage: „Die Anwendung der Richtlinie ist nicht lebenswirklich.“"
    )
    assert [s for _, _, s in _quoted(text)] == ["Franz Müntefering"]
    text = "Der Ermittler sagte über Anton Weber: „Das kommt nicht wieder vor.“"
    assert [s for _, _, s in _quoted(text)] == ["Der Ermittler"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "„Er ist die eiserne Hand im eisernen Handschuh“, so charakterisierte ihn der Funktionär Bernard Aubin.",
            "der Funktionär Bernard Aubin",
        ),
        ("Die Firma Cola AG bestätigte die Aussage nicht und nannte sie „reine Spekulation“.", "Die Firma Cola AG"),
    ],
)
def test_so_then_a_verb_and_object_pronouns_after_a_naming_verb(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)] == [speaker]


def test_an_attribution_closing_the_sentence_covers_its_earlier_fragments() -> None:
    text = "Die „unter Druck stehenden Soldaten“ hätten „Zivilisten getötet“, so der Abgeordnete John Murtha."
    assert {s for _, _, s in _quoted(text)} == {"der Abgeordnete John Murtha"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Der Experte von Greenpeace, Martin Hoffstetter, wandte sich gegen die Behauptung, die Kartoffel werde "
            "nicht in die Nahrung gelangen: „Wo Genpflanzen wachsen, tauchen sie in Lebensmitteln auf.“",
            "Der Experte von Greenpeace, Martin Hoffstetter",
        ),
        (
            "Der italienische Innenminister zeigte sich besorgt, dass die Fehden ins Ausland getragen würden: "
            "„Das hat es noch nicht gegeben.“",
            "Der italienische Innenminister",
        ),
    ],
)
def test_the_main_clause_before_a_colon_speaks(text: str, speaker: str) -> None:
    assert [s for _, _, s in _quoted(text)][-1] == speaker


def test_a_passive_with_appositions_names_the_one_quoted() -> None:
    text = "Das ist eine Chance, ein „Bürger erster Klasse zu werden“, wird Mike Downey, Manager bei Adobe, zitiert."
    assert [s for _, _, s in _quoted(text)] == ["Mike Downey"]


def test_letztere_speaks() -> None:
    text = "Die Sängerin Marta Jandová und die Moderatorin Nova Meier kamen. „Das Elend geht weiter.“, so letztere."
    assert [s for _, _, s in _quoted(text)] == ["letztere"]


def test_a_short_quote_in_another_language_is_a_name() -> None:
    text = "Der Papst Benedikt XVI. veröffentlichte die Enzyklika „Deus caritas est“ am Mittwoch, sagte sein Sprecher."
    assert [w for _, w, _ in _quoted(text)] == []


def test_a_possessive_opinion_before_nach_names_its_owner() -> None:
    text = "Der Premier John Key sprach von einer Katastrophe. Seiner Ansicht nach „sind wir Zeugen eines Unglücks“."
    spoke, q = extract(text, language="de").quotes  # "sprach von einer Katastrophe" is said too
    assert (spoke.text, spoke.speaker) == ("Der Premier John Key sprach von einer Katastrophe", "John Key")
    assert (q.speaker_mention, q.speaker) == ("Seiner Ansicht", "John Key")


def test_mit_diesen_worten_then_the_verb_and_its_subject() -> None:
    text = "„Guten Tag, ich bin wieder da“, mit diesen Worten meldete sich der Trainer Udo Lattek zurück."
    assert [s for _, _, s in _quoted(text)] == ["der Trainer Udo Lattek"]


def test_a_relative_clause_with_a_final_cue_speaks_for_its_antecedent() -> None:
    text = (
        "In der Zeitung erschien ein Kommentar, der die Entscheidung als „nicht nachvollziehbare Verirrung“ bezeichnet."
    )
    assert [s for _, _, s in _quoted(text)] == ["ein Kommentar"]


def test_a_term_before_a_colon_is_no_speaker_and_a_fragment_belongs_to_the_clause_after_it() -> None:
    text = "Steuern: Die so genannte „Reichensteuer“: Die SPD will hohe Einkommen („ab 250.000 Euro im Jahr“) belasten."
    assert [s for _, _, s in _quoted(text)] == ["Die SPD"]


@pytest.mark.parametrize(
    "text,parts,speaker",
    [
        (
            "Die Fähre fährt laut Ines Duarte zudem nur noch zweimal am Tag.",
            ("Die Fähre fährt", "zudem nur noch zweimal am Tag"),
            "Ines Duarte",
        ),
        (
            "Im Hafen lagen nach Angaben der Hafenbehörde 40 Schiffe vor Anker.",
            ("Im Hafen lagen", "40 Schiffe vor Anker"),
            "",
        ),
    ],
)
def test_a_source_inside_its_clause_splits_the_statement_in_two_parts(
    text: str, parts: tuple[str, str], speaker: str
) -> None:
    [q] = extract(text, "de").quotes
    assert tuple(text[s:e] for s, e in q.segments) == parts
    assert q.speaker == speaker and q.speaker_mention in text


def test_a_source_at_the_edge_of_its_clause_is_left_out() -> None:
    [q] = extract("Die Fähre ist zu klein, so Ines Duarte.", "de").quotes
    assert (q.text, q.speaker) == ("Die Fähre ist zu klein", "Ines Duarte")


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Wörtlich sagte der Hafenmeister: „Wir bleiben bis zum Abend geöffnet.“", "der Hafenmeister"),
        ("Normalerweise sagt Ines Duarte, die Fähre sei pünktlich.", "Ines Duarte"),
        ("Erstmals äußerte sich die Ministerin zu dem Fall: „Wir prüfen das sehr genau.“", "die Ministerin"),
        ("Offiziell geht die Stadtverwaltung davon aus, dass die Brücke im Mai fertig wird.", "die Stadtverwaltung"),
        ("Aktuell warnt der Verband, dass weniger Gäste kommen könnten.", "der Verband"),
        ("Praktisch bestätigte die Reederei, dass die Fähre ausfällt.", "die Reederei"),
    ],
)
def test_a_sentence_opening_adverb_is_no_subject(text: str, speaker: str) -> None:
    [q] = extract(text, "de").quotes
    assert q.speaker_mention == speaker


def test_a_missing_space_after_a_full_stop_does_not_merge_the_sentences() -> None:
    text = "Die Fähre fuhr pünktlich ab.„Wir sind zufrieden mit dem Ergebnis“, sagte Ines Duarte."
    [q] = extract(text, "de").quotes
    assert (q.kind, q.text, q.speaker) == (QuoteKind.DIRECT, "Wir sind zufrieden mit dem Ergebnis", "Ines Duarte")


def test_a_person_in_parentheses_after_a_quote_says_it() -> None:
    [q] = extract("Ines Duarte leitet den Hafen. „Wir sind zufrieden mit dem Ergebnis“ (Duarte).", "de").quotes
    assert q.speaker == "Ines Duarte"
    [q] = extract("„Wir sind zufrieden mit dem Ergebnis“ (siehe unten).", "de").quotes
    assert q.speaker == ""


def test_a_role_before_the_name_in_a_colon_label() -> None:
    [q] = extract("Sprecherin des Hafens, Ines Duarte: „Wir sind mit dem Sommer sehr zufrieden.“", "de").quotes
    assert q.speaker == "Ines Duarte"


def test_speech_that_came_from_someone_names_the_next_reported_speaker() -> None:
    text = "Ines Duarte lobte die neue Fähre. Kritik kam dagegen vom Verband der Reeder. Die Fähre sei zu teuer."
    [q] = [q for q in extract(text, "de").quotes if q.text.startswith("Die Fähre sei")]
    assert "Verband der Reeder" in q.speaker_mention


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the phrase before "zufolge" stands in the middle of its clause: the verb before it is no part of it
        ("Im Mai sank der Absatz neuen Zahlen des Verbands zufolge um vier Prozent.", "neuen Zahlen des Verbands"),
        ("Die Brücke wird dem Gutachten der Prüfer zufolge noch zehn Jahre halten.", "dem Gutachten der Prüfer"),
        ("Es fehle ersten Schätzungen zufolge an Personal.", "ersten Schätzungen"),
        (
            "Der Schaden beträgt Angaben von Bürgermeister Otto Brandt zufolge mehrere Millionen.",
            "Angaben von Bürgermeister Otto Brandt",
        ),
        ("Zudem wolle die Regierung dem „Kurier“ zufolge noch in diesem Jahr handeln.", "dem „Kurier“"),
    ],
)
def test_the_phrase_before_zufolge_begins_at_its_article_or_adjective(text: str, speaker: str) -> None:
    found = statements(text)
    assert [s for _, _, s in found] == [speaker], found


def test_a_capitalised_joined_form_is_a_noun_not_a_cue() -> None:
    found = statements("Nach Angaben der Feuerwehr wurden drei Häuser zerstört.")
    assert found == [("indirect", "wurden drei Häuser zerstört", "Angaben der Feuerwehr")], found


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Anna Roth leitet den Hafen. „Die Schiffe kommen wieder“, sagt die Managerin.", "Anna Roth"),
        ("Anna Roth leitet den Hafen. „Die Schiffe kommen wieder“, sagt die 48-Jährige.", "Anna Roth"),
        ("Paul Weber trainiert den Verein. „Wir müssen gewinnen“, sagte der Trainer nach dem Spiel.", "Paul Weber"),
        # the article and the noun's ending give the gender: the woman named before the man
        (
            "Eva Stein und ihr Kollege Jan Ott leiten die Firma. „Wir wachsen“, sagt die Kauffrau.",
            "Eva Stein",
        ),
    ],
)
def test_a_definite_description_refers_to_the_person_named_before(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract(text, language="de").quotes] == [speaker]


def test_a_plural_or_unnamed_description_names_nobody() -> None:
    text = (
        "Anna Roth leitet den Hafen.\n\nDer Umsatz stieg.\n\nDie Zahlen sind gut.\n\n„Wir wachsen“, sagen die Sprecher."
    )
    assert [q.speaker for q in extract(text, language="de").quotes] == [""]


@pytest.mark.parametrize(
    "text,quoted",
    [
        ("Sie schreibt: »Drückt uns die Daumen.«", "Drückt uns die Daumen."),
        ("»Wir glauben erst einmal nichts«, sagt der Leiter.", "Wir glauben erst einmal nichts"),
        (
            "Er sagte: »Ich komme nicht, weil ›das Wetter‹ schlecht ist.«",
            "Ich komme nicht, weil ›das Wetter‹ schlecht ist.",
        ),
    ],
)
def test_german_guillemets_pointing_inwards_are_quotation_marks(text: str, quoted: str) -> None:
    assert [q.text for q in extract(text, language="de").quotes] == [quoted]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Während die Ministerin erklärte, sie sei zufrieden, warnte die Opposition.", "die Ministerin"),
        ("Nachdem der Verein mitteilte, der Trainer bleibe, kehrte Ruhe ein.", "der Verein"),
    ],
)
def test_the_subject_of_a_subordinate_clause_whose_cue_ends_it(text: str, speaker: str) -> None:
    assert speaker in [s for _, _, s in statements(text)], statements(text)


@pytest.mark.parametrize(
    "text,speaker",
    [
        # an article, a phrase of its own, a participle, then the noun and the name
        (
            "Der als Gegner bekannte Unternehmer Paul Kern sagte: „Er muss gehen!“",
            "Der als Gegner bekannte Unternehmer Paul Kern",
        ),
        (
            "„Wir werden gewinnen“, erklärte der von der Partei nominierte Kandidat Paul Weber.",
            "der von der Partei nominierte Kandidat Paul Weber",
        ),
    ],
)
def test_an_extended_participial_attribute_stays_in_the_subject(text: str, speaker: str) -> None:
    assert [s for _, _, s in statements(text)] == [speaker], statements(text)


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Der Plan wurde von der Ministerin Karin Heller als „unausgegoren“ bezeichnet.",
            "der Ministerin Karin Heller",
        ),
        ("Die Forderung wurde seitens des Verbands als „weltfremd“ kritisiert.", "des Verbands"),
        # "zitieren": the passive subject is the one quoted
        ("Sie wird von der Zeitung mit den Worten zitiert: „Ich trete nicht wieder an.“", "Sie"),
    ],
)
def test_a_passive_names_its_agent_as_the_speaker(text: str, speaker: str) -> None:
    assert [s for _, _, s in statements(text)] == [speaker], statements(text)


@pytest.mark.parametrize(
    "text,speaker",
    [
        (
            "Die Leitungen seien erneuert worden, so heißt es in einer Mitteilung der Stadtwerke.",
            "einer Mitteilung der Stadtwerke",
        ),
        ("Seitens der Stadtverwaltung hieß es, man prüfe „alle Optionen“.", "der Stadtverwaltung"),
    ],
)
def test_heissen_names_its_source_after_so_and_seitens(text: str, speaker: str) -> None:
    assert speaker in [s for _, _, s in statements(text)], statements(text)


def test_a_subject_clause_before_a_passive_is_not_reported_speech() -> None:
    found = statements("Ein Bericht, wonach der Minister zurückgetreten sein soll, wurde dementiert.")
    assert not any(s.startswith("Ein Bericht") for _, s, _ in found), found


def test_a_source_closing_the_sentence_reaches_the_fragments_before_it() -> None:
    text = (
        "Die Summe liegt bei 700 Millionen und sei „mit Vorsicht zu genießen“, "
        "da frühere Bauten mehr kosteten, so die Behörde."
    )
    quotes = extract(text, language="de").quotes
    assert [(q.kind, q.speaker_mention) for q in quotes] == [(QuoteKind.PARTIAL, "die Behörde")], quotes


def test_dessen_and_deren_open_a_possessive_phrase() -> None:
    assert [s for _, _, s in statements("„Das ist ein Fehler“, sagte dessen Chef Paul Kern.")] == [
        "dessen Chef Paul Kern"
    ]


def test_a_quote_after_a_paragraph_ending_in_a_colon_is_that_sentences_speakers() -> None:
    quotes = extract(
        "Die Ministerin Anna Roth erklärte dazu:\n\n„Wir ändern das Gesetz. Es ist überfällig.“", language="de"
    ).quotes
    assert [q.speaker for q in quotes] == ["Anna Roth"]


def test_a_sentence_of_narration_with_a_cue_names_who_speaks_next() -> None:
    text = "Anna Roth sagte: „Wir sind bereit.“ Die Opposition kritisierte den Plan. „Das ist viel zu teuer.“"
    assert [q.speaker_mention for q in extract(text, language="de").quotes] == ["Anna Roth", "Die Opposition"]


def test_a_sentence_holding_a_quote_is_not_narration() -> None:
    text = "Besorgt äußerte sich Anna Roth: „Wir fürchten das Schlimmste“, sagte sie. „Die Lage ist sehr ernst.“"
    assert [q.speaker for q in extract(text, language="de").quotes] == ["Anna Roth", "Anna Roth"]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Zu den Vorwürfen nahm der Verband am Montag Stellung: „Wir haben nichts falsch gemacht.“", "der Verband"),
        ("Der Trainer hob hervor, die Mannschaft habe „großartig gekämpft“.", "Der Trainer"),
        # a surname particle with its article, unlike a preposition with its article
        ("Von der Leyen betonte: „Europa muss handeln.“", "Von der Leyen"),
    ],
)
def test_more_cue_verbs_and_a_preposition_that_is_no_name_particle(text: str, speaker: str) -> None:
    assert [s for _, _, s in statements(text)] == [speaker], statements(text)


def test_a_capitalised_quote_before_a_final_cue_is_what_someone_called_it() -> None:
    text = "Der Minister, der den Wahlsieg als „Fest“ bezeichnete, ordnete eine Untersuchung an."
    assert [(q.text, q.speaker_mention) for q in extract(text, language="de").quotes][:1] == [("Fest", "Der Minister")]


def test_a_lone_surname_speaks_for_the_one_person_named_so() -> None:
    text = "Der Reporter Claas Berger schrieb den Text. Später kritisierte Berger: »Das war ein Fehler.«"
    assert [q.speaker for q in extract(text, language="de").quotes] == ["Claas Berger"]


def test_demnach_reports_what_the_source_before_says() -> None:
    text = "Die Ministerin Anna Roth äußerte sich am Montag zu dem Bericht. Demnach sollen die Werke länger laufen."
    quotes = extract(text, language="de").quotes
    assert [(q.text, q.speaker_mention, q.speaker) for q in quotes][-1] == (
        "sollen die Werke länger laufen",
        "Demnach",
        "Anna Roth",
    ), quotes


def test_a_source_named_for_a_sentence_of_run_on_speech_replaces_the_run_on() -> None:
    text = "Anna Roth plant den Umbau. Es sollen sogar bereits Pläne existieren. Das berichtet die Zeitung Nordkurier."
    assert statements(text) == [("indirect", "Es sollen sogar bereits Pläne existieren", "die Zeitung Nordkurier")]


@pytest.mark.parametrize(
    "text,content",
    [
        # an apposition or a relative clause after the source stays out of the statement around it
        (
            "Im Krieg sollen laut dem Ankläger, Luis Ortega, viele Dörfer zerstört worden sein.",
            "Im Krieg sollen … viele Dörfer zerstört worden sein",
        ),
        (
            "Die Lage hat laut der Stimme, die ihm gehören soll, sich verschlechtert.",
            "Die Lage hat … sich verschlechtert",
        ),
    ],
)
def test_a_source_phrase_takes_what_commas_set_off_after_it(text: str, content: str) -> None:
    assert content in [t for _, t, _ in statements(text)], statements(text)


def test_a_semicolon_ends_the_clause_a_source_reports() -> None:
    found = statements("Die Veranstalter zählten 2.000 Teilnehmer; nach Polizeiangaben waren es etwa 1.000.")
    assert ("indirect", "waren es etwa 1.000", "Polizeiangaben") in found, found


@pytest.mark.parametrize(
    "text,found",
    [
        (
            "Nach Zeitungsberichten wurde das Museum geschlossen.",
            [("indirect", "wurde das Museum geschlossen", "Zeitungsberichten")],
        ),
        (
            "Das Risiko steigt nach Ärztemeinung vor allem im Winter.",
            [("indirect", "Das Risiko steigt … vor allem im Winter", "Ärztemeinung")],
        ),
        ("Die Forscher suchen nach Antworten auf die Frage.", []),  # "Antworten" is no compound of "Worten"
    ],
)
def test_nach_with_a_compound_of_a_source_noun_names_the_source(text: str, found: list[tuple[str, str, str]]) -> None:
    assert statements(text) == found


def test_a_german_guillemet_opens_the_next_sentence() -> None:
    text = "Er widersprach laut Eva Stein, der Plan sei gut. »Ich habe ihm geglaubt«, sagt Stein."
    assert [q.text for q in extract(text, language="de").quotes][-1] == "Ich habe ihm geglaubt"


@pytest.mark.parametrize(
    "text,found",
    [
        (
            "Der Umsatz ist laut vorläufigen Zahlen um drei Prozent gesunken.",
            ("indirect", "Der Umsatz ist … um drei Prozent gesunken", "vorläufigen Zahlen"),
        ),
        (
            "Im Winter kamen laut neuer Statistik des Verbands weniger Gäste in die Stadt.",
            ("indirect", "Im Winter kamen … weniger Gäste in die Stadt", "neuer Statistik des Verbands"),
        ),
        (  # a verb's form, capitalised inside the sentence, is a noun: the source
            "Die Brücke bleibt laut Berichten der Lokalzeitung bis Mai gesperrt.",
            ("indirect", "Die Brücke bleibt … bis Mai gesperrt", "Berichten der Lokalzeitung"),
        ),
    ],
)
def test_a_source_without_an_article_opens_with_its_adjectives(text: str, found: tuple[str, str, str]) -> None:
    assert statements(text) == [found]


def test_a_speaker_after_the_verb_keeps_the_name_behind_an_arabic_article() -> None:
    text = "Die Grenze bleibt geschlossen. Dies bestätigte der jordanische Innenminister Omar al-Haddad am Abend."
    assert statements(text) == [
        ("indirect", "Die Grenze bleibt geschlossen", "der jordanische Innenminister Omar al-Haddad")
    ]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("„Wir können bald helfen“, sagte Prof. Dr. Anna K. Berg am Montag.", "Anna K. Berg"),
        ("Die Werft schließt im Mai. Das bestätigte der Betriebsrat Dr. Jonas P. Weber.", "Jonas P. Weber"),
    ],
)
def test_a_speakers_titles_and_initials_with_their_periods_stay_in_the_phrase(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract(text, language="de").quotes] == [speaker]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a nominative pronoun after the verb is its subject; the phrase before it is the object
        ("Die Bauern aus dem Tal nannte er „die Verlierer dieses Sommers“.", "er"),
        ("Diese Zahlen halten wir für „deutlich zu niedrig“.", "wir"),
        # a plural phrase before a singular verb is its object: "die" and an adjective in "-en"
        (
            "Die neuen Regeln der Stadt bezeichnete der Vorsitzende Karl Brandt als „völlig verfehlt“.",
            "der Vorsitzende Karl Brandt",
        ),
        ("Die jungen Fahrer, die am Rennen teilnahmen, beschrieb die Agentur als „erschöpft“.", "die Agentur"),
        # or a noun with an ending only a plural has
        ("Die Äußerungen des Kanzlers bezeichnete die Opposition als „Ablenkung“.", "die Opposition"),
        # a singular phrase, or a plural verb, keeps the phrase before the verb as its subject
        ("Die Ministerin bezeichnete die neuen Regeln als „überfällig“.", "Die Ministerin"),
        ("Die Gewerkschaften kritisierten den Plan als „Zumutung“.", "Die Gewerkschaften"),
        ("Die Sprecherin nannte er „sehr kompetent“.", "er"),
    ],
)
def test_the_subject_is_the_nominative_the_verb_agrees_with(text: str, speaker: str) -> None:
    assert [q.speaker_mention for q in extract(text, language="de").quotes if q.segments][:1] == [speaker]


@pytest.mark.parametrize(
    "text,found",
    [
        # the finite auxiliary follows the participle in a verb-final clause
        (
            "Die Richterin blieb hart, obwohl der Anwalt Peter Lang betont hatte, sein Mandant sei „unschuldig“.",
            ("sein Mandant sei „unschuldig“", "der Anwalt Peter Lang"),
        ),
        (
            "Der Termin platzte, nachdem die Ministerin Eva Roth erklärt hatte, sie sei „nicht zuständig“.",
            ("sie sei „nicht zuständig“", "die Ministerin Eva Roth"),
        ),
        # every subordinating conjunction opens a verb-final clause, "zumal" and "ehe" too
        (
            "Das Urteil fiel mild aus, zumal Staatsanwalt Jan Ott mehrfach betont hatte, der Mann sei „reuig“.",
            ("der Mann sei „reuig“", "Staatsanwalt Jan Ott"),
        ),
    ],
)
def test_a_verb_final_clause_reports_after_its_auxiliary(text: str, found: tuple[str, str]) -> None:
    assert [(q.text, q.speaker_mention) for q in extract(text, language="de").quotes] == [found]


def test_a_dative_after_a_subordinating_conjunction_is_no_speaker() -> None:
    text = "Die Lage blieb ruhig, indem den Anwohnern mitgeteilt wurde, es bestehe „keine Gefahr“, so Paul Kern."
    assert "den Anwohnern" not in [q.speaker_mention for q in extract(text, language="de").quotes]


def test_a_quote_with_its_own_cue_is_no_run_on_of_the_speaker_before() -> None:
    # "soll" inside the quote is the new speaker's word, not the reporter's reported mood
    text = "Die Ministerin Eva Roth lobte die Helfer. Der Abgeordnete Paul Kern sagte: „Wer soll das bezahlen?“"
    found = [(q.text, q.speaker_mention) for q in extract(text, language="de").quotes]
    assert found == [("Wer soll das bezahlen?", "Der Abgeordnete Paul Kern")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Die Überlebende Maria Santos, 34, beschrieb im Krankenhaus den Hergang: „Die See war rau.“", "Maria Santos"),
        ("Der Fischer Tomás Ruiz, 61, sagte: „Ich habe so etwas nie erlebt.“", "Tomás Ruiz"),
    ],
)
def test_an_age_set_off_by_commas_stands_between_the_speaker_and_the_verb(text: str, speaker: str) -> None:
    assert [(q.kind, q.speaker) for q in extract(text, language="de").quotes] == [(QuoteKind.DIRECT, speaker)]


def test_the_last_person_of_a_list_before_a_colon_speaks() -> None:
    text = (
        "Auch andere Politiker gratulierten der Siegerin, so der Minister Paul Kern, die Senatorin Eva Roth "
        "und die norwegische Ministerin Anna Berg: „Ein großer Tag.“"
    )
    assert [(q.text, q.speaker) for q in extract(text, language="de").quotes if q.kind is QuoteKind.DIRECT] == [
        ("Ein großer Tag.", "Anna Berg")
    ]


@pytest.mark.parametrize(
    "follow,reported",
    [
        # the finite verb after a one-word first constituent, in Konjunktiv I: speech runs on
        ("Das verteuere die Ware.", True),
        ("Allerdings verlagere sich die Nachfrage.", True),
        # an adjective before its noun, the past of "werden", the first person: the reporter speaks
        ("Das neue Gesetz tritt im Mai in Kraft.", False),
        ("Er wurde am Abend verhaftet.", False),
        ("Ich habe davon nichts gewusst.", False),
    ],
)
def test_reported_speech_runs_on_in_a_verb_second_konjunktiv_i(follow: str, reported: bool) -> None:
    text = "Die Händlerin Gabi Kern sagte, die Preise stiegen. " + follow
    found = [q.text for q in extract(text, language="de").quotes if q.speaker == "Gabi Kern"]
    assert (follow.rstrip(".") in found) is reported, found


@pytest.mark.parametrize(
    "text",
    [
        "Wenn der Angeklagte verurteilt werden sollte, droht ihm eine lange Haftstrafe.",
        "Während sich die Opposition zurückhielt, kritisierte die Zeitung den Präsidenten scharf.",
    ],
)
def test_an_adverbial_clause_before_an_inverted_cue_is_not_what_was_said(text: str) -> None:
    assert not [q.text for q in extract(text, language="de").quotes if q.text == text.split(",")[0]]


@pytest.mark.parametrize(
    "text,found",
    [
        (
            "Bei dem Angriff wurde nach Angaben libanesischer Sicherheitskreise eine Person getötet.",
            "Angaben libanesischer Sicherheitskreise",
        ),
        ("Laut Angaben westlicher Diplomaten sei der Plan gescheitert.", "Angaben westlicher Diplomaten"),
    ],
)
def test_a_source_keeps_its_genitive_without_an_article(text: str, found: str) -> None:
    assert [q.speaker_mention for q in extract(text, language="de").quotes] == [found]


@pytest.mark.parametrize("adverb", ["Dagegen", "Immerhin", "Zumindest", "Derzeit", "Folglich"])
def test_a_sentence_adverb_opening_the_clause_is_no_speaker(adverb: str) -> None:
    text = f"Die Opposition lobte den Plan. {adverb} kritisierte der Minister Paul Kern den Entwurf als „unausgegoren“."
    assert [q.speaker for q in extract(text, language="de").quotes] == ["Paul Kern"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Die Ministerin Eva Brandt zeigte sich zuversichtlich, dass die Brücke im Mai fertig werde.",
            "die Brücke im Mai fertig werde",
        ),
        ("Der Landrat Paul Kern zeigt sich überzeugt, der Haushalt sei solide.", "der Haushalt sei solide"),
    ],
)
def test_showing_oneself_in_a_state_of_mind_reports_the_clause(text: str, said: str) -> None:
    [q] = extract(text, language="de").quotes
    assert q.text == said and q.kind is QuoteKind.INDIRECT and q.speaker in ("Eva Brandt", "Paul Kern")


def test_showing_oneself_relieved_about_something_says_nothing() -> None:
    assert extract("Der Landrat Paul Kern zeigte sich erleichtert über das Urteil.", language="de").quotes == ()


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        (  # the subject after the verb
            "So erklärte die Ministerin Karin Vogt, dass die Pläne „völlig überholt“ seien.",
            "die Pläne „völlig überholt“ seien",
            "Karin Vogt",
        ),
        (  # a separable verb's particle
            "Zum Streit führte Tobias Wendt aus, dass der Vertrag „nie gültig“ gewesen sei.",
            "der Vertrag „nie gültig“ gewesen sei",
            "Tobias Wendt",
        ),
        (  # an object and a time
            "Tobias Wendt sagte dem Sender am Montag, dass die Lage „sehr ernst“ sei.",
            "die Lage „sehr ernst“ sei",
            "Tobias Wendt",
        ),
        (  # no "dass": a clause in reported mood
            "So sagte Karin Vogt dem Sender, man müsse „jetzt handeln“.",
            "man müsse „jetzt handeln“",
            "Karin Vogt",
        ),
    ],
)
def test_a_partial_quotes_clause_opens_after_the_main_clause(text: str, said: str, speaker: str) -> None:
    (quote,) = extract(text, language="de").quotes
    assert (quote.kind, quote.text, quote.speaker) == (QuoteKind.PARTIAL, said, speaker)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (  # the quoted words before the comma are what was said
            "Tobias Wendt nannte den Plan „unausgegoren“, dass man nur lachen könne.",
            "den Plan „unausgegoren“, dass man nur lachen könne",
        ),
        (  # the comma follows the clause reported, not the main clause
            "Tobias Wendt sagte, die Lage sei so ernst, dass „sofort“ gehandelt werden müsse.",
            "die Lage sei so ernst, dass „sofort“ gehandelt werden müsse",
        ),
        (  # a condition, its verb first, inside the object
            "Tobias Wendt bezeichnete die Äußerungen, sollten sie so gefallen sein, als „inakzeptabel“.",
            "die Äußerungen, sollten sie so gefallen sein, als „inakzeptabel“",
        ),
    ],
)
def test_a_comma_and_dass_inside_what_was_said_stay_in_it(text: str, said: str) -> None:
    (quote,) = extract(text, language="de").quotes
    assert quote.text == said


@pytest.mark.parametrize(
    "cue",
    ["machte deutlich", "machte klar", "machte darauf aufmerksam", "legte dar", "unterstrich", "gab zu bedenken"],
)
def test_more_verbs_of_saying_report_a_dass_clause(cue: str) -> None:
    [q] = extract(f"Anna Weber {cue}, dass die Stadt keine Schuld treffe.", "de").quotes
    assert (q.text, q.speaker) == ("die Stadt keine Schuld treffe", "Anna Weber")


def test_machen_without_a_particle_of_saying_is_no_cue() -> None:
    assert extract("Anna Weber machte eine Pause, dann ging sie nach Hause.", "de").quotes == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Tom Berger lobte seinen Kapitän Jan Holm. Dieser sagte, das Team habe hart gearbeitet.", "Jan Holm"),
        ("Die Ärztin Anna Weber untersuchte den Patienten. Diese erklärte, eine Heilung sei fern.", "Anna Weber"),
        # a noun the demonstrative may point to stands after the name: no one named is meant
        ("Tom Berger las die Anzeige eines Detektivs. Dieser sagte, das Geld sei verschwunden.", ""),
    ],
)
def test_a_demonstrative_subject_speaks_for_the_person_named_last(text: str, speaker: str) -> None:
    [q] = extract(text, "de").quotes
    assert q.speaker == speaker


@pytest.mark.parametrize("role", ["Interimscoach", "Kapitän", "Moderatorin", "Schiedsrichter"])
def test_more_german_role_nouns_are_titles(role: str) -> None:
    actors = extract(f"Am Montag sprach {role} Anna Weber mit der Presse.", "de").actors
    assert [(a.canonical_name, a.titles) for a in actors] == [("Anna Weber", (role,))]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the holder of a role named by its owner, not the owner
            "Anna Weber zeigt auf die Kisten. „Eine gute Ernte“, freut sich die Prokuristin des Händlers Fruchthof.",
            "Anna Weber",
        ),
        (  # a spokesperson speaks for the body
            "Tom Berger leitet die Firma. „Eine gute Ernte“, sagte der Sprecher des Unternehmens Fruchthof.",
            "Fruchthof",
        ),
        (  # the person named before holds another role
            "Der Gouverneur Tom Berger rief den Notstand aus. „Wir bleiben“, sagte der Bürgermeister von Leeds.",
            "Leeds",
        ),
        (  # a name apposed after the role, a party after it
            "„Wir kämpfen weiter“, sagte der Vorsitzende der Partei, Hans Müller (SPD), am Montag.",
            "Hans Müller",
        ),
    ],
)
def test_a_role_owned_by_a_body_is_held_by_the_person_named_before(text: str, speaker: str) -> None:
    [q] = extract(text, "de").quotes
    assert q.speaker == speaker


@pytest.mark.parametrize("source", ["Angaben seines Anwalts", "Aussage ihres Sprechers"])
def test_a_genitive_possessive_belongs_to_the_source(source: str) -> None:
    [q] = extract(f"Nach {source} wurde bei dem Unfall niemand verletzt.", "de").quotes
    assert (q.text, q.speaker_mention) == ("wurde bei dem Unfall niemand verletzt", source)


def test_so_x_set_off_by_commas_inside_a_clause_reports_both_sides() -> None:
    text = "Die Brücke, so Tom Berger weiter, werde im Mai geöffnet."
    [q] = extract(text, "de").quotes
    assert [text[s:e] for s, e in q.segments] == ["Die Brücke", "werde im Mai geöffnet"]


def test_so_x_and_an_apposition_after_the_name_close_the_statement() -> None:
    [q] = extract("Die Brücke werde im Mai geöffnet, so Tom Berger, Sprecher der Stadt.", "de").quotes
    assert q.text == "Die Brücke werde im Mai geöffnet"


@pytest.mark.parametrize("feeling", ["Besorgt", "Erleichtert", "Enttäuscht", "Zufrieden"])
def test_a_feeling_before_a_reflexive_verb_is_no_subject(feeling: str) -> None:
    text = f"Die Flut stieg weiter. {feeling} äußerte sich Anna Weber über die Lage: „Wir tun, was wir können.“"
    [q] = extract(text, "de").quotes
    assert q.speaker == "Anna Weber"


@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        (  # "der" and a prepositional phrase before the verb
            "Im Rathaus sprach zuletzt der Kämmerer Karl Brandt, der in einer kurzen Erklärung betonte, "
            "die Stadt habe genug Geld für die Schulen.",
            "Karl Brandt",
            "der",
        ),
        (  # "die" and a dative after it: no subject of its own
            "Im Saal saß auch die Ärztin Maria Keller, die dem Ministerium vorwarf, die Kliniken im Stich zu lassen.",
            "Maria Keller",
            "die",
        ),
    ],
)
def test_a_relative_pronoun_opening_the_cue_clause_is_its_subject(text: str, speaker: str, mention: str) -> None:
    """The speaker is the pronoun as written, standing for the one named before the comma, not
    the words between the pronoun and the verb."""
    [q] = extract(text, "de").quotes
    assert (q.speaker, q.speaker_mention) == (speaker, mention)
