"""German word lists for pipeline/extract/german/: cue verbs and their particles, source words,
function words and the subjunctive forms of reported speech. Written from German grammar, not
mined from a corpus (the German evaluation set's licence forbids shipping what is learned from it)."""

from __future__ import annotations

_VOWELS = "aeiouyäöü"


def _weak(stems: str) -> set[str]:
    """Finite forms of weak verbs from their stems: sag -> sagt, sagte, sagten, sagen. A stem in
    -t, -d, or -m/-n after another consonant takes -et (bezeichnete, entgegnete, öffnete); a stem in
    -l after a consonant is -el (bezweifl -> bezweifelt, bezweifeln); one in an unstressed -er takes
    -n (forder -> fordern, äußern; not kommentier -> kommentieren)."""
    out: set[str] = set()
    for stem in stems.split():
        if stem[-1] == "l" and stem[-2] not in _VOWELS + "lhr":
            base = stem[:-1] + "el"
            out |= {base + "t", base + "te", base + "ten", base + "n", "ge" + base + "t"}
            continue
        consonant_nasal = stem.endswith("chn") or (stem[-1] in "mn" and stem[-2] not in _VOWELS + "lrhmn")
        t = "et" if stem.endswith(("t", "d")) or consonant_nasal else "t"
        plural = stem + "n" if stem.endswith("er") and not stem.endswith("ier") else stem + "en"
        out |= {stem + t, stem + t + "e", stem + t + "en", plural, "ge" + stem + t}
    return out


CUES = frozenset(
    _weak(
        "sag erklär betont meint warn kritisier fordert forder bericht teil kündig stell räum füg ergänz "
        "bestätig dementier versicher unterstrich beton behaupt argumentier äußer verkünd zitier mahn "
        "schätz vermut glaub hoff befürcht bezweifl beklag klag appellier verlang antwort entgegn "
        "kommentier urteil erläuter präzisier spekulier bezeichn widersprech verweis plan erwart "
        "bekräftig berücksichtig unterstell beteuer bedauer begrüß lob wünsch droh deut kündig meld ausführ "
        "informier signalisier verdeutlich prognostizier schilder erzähl ausdrück formulier beziffer begründ"
    )
    | set(
        "sprach spricht sprachen sprechen schrieb schreibt schrieben geschrieben hieß heißt gab gibt gaben "
        "empfahl empfiehlt empfahlen empfehlen verwies verwiesen wies weist wiesen nannte nennt nannten "
        "warf wirft warfen werfen rief ruft riefen bat bittet baten "
        "riet rät verlautete verlauten ließ ließen meinte meinten gestand gestehen gesteht sagen "
        "angekündigt mitgeteilt bekanntgegeben angegeben erklärt gesagt betont berichtet gewarnt "
        "gefordert kritisiert bestätigt festgestellt entschieden entschied entscheidet vorgeworfen "
        "widersprach widerspricht geht ging gehen gingen davon zeigte zeigt zeigten fuhr fährt aufgefordert aufgerufen "
        "denkt denken dachte dachten führte führt führten beschrieb beschrieben beschreibt "
        "versprach versprachen verspricht versprochen sicherte sichert sicherten zugesichert "
        "verglich verglichen vergleicht hob hebt hoben hervorgehoben nahm nimmt nahmen "
        "unterstrich unterstrichen unterstreicht machte macht machten legte legt legten".split()
    )
)
# Separable particles that close a cue's clause ("teilte … mit", "gab … an", "kündigte … an").
PARTICLES = frozenset("mit an bekannt fest ein hinzu vor auf zurück hin aus zu fort hervor dar".split())
# Verbs that are cues only with their particle in the same clause: "gab an" but not "es gab".
NEEDS_PARTICLE = {
    "sicherte": {"zu"},
    "sichert": {"zu"},
    "sicherten": {"zu"},
    "gab": {"an", "bekannt", "zu", "bedenken"},
    "gibt": {"an", "bekannt", "zu", "bedenken"},
    "gaben": {"an", "bekannt", "zu", "bedenken"},
    "teilte": {"mit"},
    "teilt": {"mit"},
    "teilten": {"mit"},
    "stellte": {"fest", "klar"},
    "stellt": {"fest", "klar"},
    "stellten": {"fest", "klar"},
    "wies": {"hin", "zurück"},
    "weist": {"hin", "zurück"},
    "wiesen": {"hin", "zurück"},
    "kündigte": {"an"},
    "kündigt": {"an"},
    "kündigten": {"an"},
    "räumte": {"ein"},
    "räumt": {"ein"},
    "räumten": {"ein"},
    "fügte": {"hinzu"},
    "fügt": {"hinzu"},
    "fügten": {"hinzu"},
    "warf": {"vor"},
    "wirft": {"vor"},
    "warfen": {"vor"},
    "werfen": {"vor"},
    "rief": {"auf"},
    "ruft": {"auf"},
    "riefen": {"auf"},
    "ging": {"aus"},
    "geht": {"aus"},
    "gingen": {"aus"},
    "gehen": {"aus"},
    "zeigte": {"sich"},
    "zeigt": {"sich"},
    "zeigten": {"sich"},
    "gestand": {"ein"},
    "gesteht": {"ein"},
    "fuhr": {"fort"},
    "fährt": {"fort"},
    "ließ": {"verlauten", "mitteilen", "wissen", "erklären", "ausrichten"},
    "ließen": {"verlauten", "mitteilen", "wissen", "erklären", "ausrichten"},
    "führte": {"aus"},
    "führt": {"aus"},
    "führten": {"aus"},
    "denkt": {"nach"},
    "denken": {"nach"},
    "dachte": {"nach"},
    "dachten": {"nach"},
    "hob": {"hervor"},
    "hebt": {"hervor"},
    "hoben": {"hervor"},
    "nahm": {"stellung"},  # "nahm zu den Vorwürfen Stellung"
    "nimmt": {"stellung"},
    "nahmen": {"stellung"},
    # "machte deutlich, dass", "machte darauf aufmerksam, dass", "legte dar, dass"
    "machte": {"deutlich", "klar", "aufmerksam"},
    "macht": {"deutlich", "klar", "aufmerksam"},
    "machten": {"deutlich", "klar", "aufmerksam"},
    "legte": {"dar"},
    "legt": {"dar"},
    "legten": {"dar"},
    "sprach": {"von", "sich"},
    "spricht": {"von", "sich"},
    "sprachen": {"von", "sich"},
    "sprechen": {"von"},  # ("sprechen sich gegen … aus", "mit jemandem sprechen": no statement)
}
# Verbs that are cues with a prepositional object anywhere in their clause: "sprach von einem
# Erfolg", "In einem Interview sprach sie vom Ende der Koalition" (not "sprach mit Reportern").
PREPOSITIONAL_CUES = {verb: {"von", "vom"} for verb in ("sprach", "spricht", "sprachen", "sprechen")}
# The forms of "(von X) ausgehen", assuming X: a cue with its particle "aus" (NEEDS_PARTICLE).
AUSGEHEN = frozenset({"geht", "ging", "gehen", "gingen"})
VON = frozenset({"von", "vom"})
# Verbs of judging that report only with an "als" complement: "würdigte den Verein als Partner",
# "verurteilte den Angriff als feige", "wertete das Ergebnis als Erfolg" (without one, "würdigte
# die Opfer" is an act, not words).
JUDGES_AS = frozenset(_weak("würdig verurteil wert bewert feier"))
# In a clause whose verb comes last, a separable verb is one word, particle first: "wie die Polizei
# mitteilte", "als er bekanntgab", "nachdem sie einräumte". These are cues with nothing to wait for,
# written in lower case ("Angaben" is a noun, "angaben" a verb).
JOINED_CUES = frozenset(
    particle + verb
    for verb, particles in NEEDS_PARTICLE.items()
    for particle in particles
    if particle in PARTICLES or particle == "klar"
)
SOURCE_WORDS = frozenset({"laut", "zufolge", "gemäß"})
# the endings of an inflected adjective ("neue", "neuen", "neuer", "neues", "neuem")
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
NACH_NOUNS = frozenset(
    "angaben ansicht worten informationen aussage aussagen einschätzung meinung auffassung darstellung "
    "darstellungen bewertung erkenntnissen berichten schätzungen überzeugung ankündigung mitteilung".split()
)
DETERMINERS = frozenset(
    "der die das des dem den ein eine einer eines einem einen kein keine keiner sein seine seiner seinem seinen "
    "seines ihr ihre ihrer ihrem ihren ihres unser unsere unserer unserem unseren dieser diese dieses diesem "
    "diesen jener mehrere viele einige alle beide".split()
)
# personal pronouns, and "letztere"/"erstere" that stand for a phrase ("„…“, so letztere")
PRONOUNS = frozenset("er sie es man wir ich ihr letztere letzterer letzteres erstere ersterer ersteres".split())
PREPOSITIONS = frozenset(
    "in im ins an am auf aus bei beim mit nach von vom zu zum zur für über unter vor hinter neben zwischen "
    "durch gegen ohne um seit bis wegen trotz während gegenüber angesichts dank statt anstatt samt binnen mittels "
    "infolge entgegen außer innerhalb außerhalb".split()
)
RELATIVES = frozenset("der die das dem den denen dessen deren welcher welche welches dass wie als weil".split())
CONJUNCTIONS = frozenset("und oder aber denn sondern dass ob weil wenn als wie obwohl da damit doch".split())
# Konjunktiv I (and the Konjunktiv II that stands in for it): the mood of reported speech.
SUBJUNCTIVE = frozenset(
    "sei seien seiest habe habest werde werdest könne könnten müsse müssten solle sollten wolle wollten "
    "dürfe dürften möge gebe liege stehe komme gehe bleibe wisse hätten würden wären wäre hätte würde "
    "lasse brauche gelte zeige handle fehle bliebe blieben ginge gingen käme kämen gäbe gäben stünde stünden "
    "läge lägen hieße wüsste wüssten bräuchte bräuchten".split()
)
# Sentence adverbs: a clause opening with one has its subject after the verb ("Zudem sagte er").
ADVERBS = frozenset(
    "ähnlich zudem außerdem dennoch jedoch auch bereits gestern heute damals nun dann so ebenfalls weiter "
    "zuvor später insgesamt gleichzeitig allerdings schließlich trotzdem deshalb daher darüber hier dort "
    "jetzt inzwischen bisher zunächst erst noch immer oft bislang ferner vielmehr zugleich unterdessen indes "
    "demnach offenbar offensichtlich angeblich vermutlich wahrscheinlich tatsächlich möglicherweise "
    "eigentlich ebenso wiederum sogar nur kürzlich erneut bereits lediglich ausdrücklich zwar erwartungsgemäß "
    "anschließend daraufhin dabei dazu damit danach davor hierzu hingegen stattdessen überdies gestern morgen "
    "mittlerweile seither nachdem "
    # sentence adverbs of linking, time and stance (not degree words: "Rund 30 Prozent sagten"; not
    # "darauf", "darin": a text or a sign can be a source, "Darin heißt es")
    "dagegen darum deswegen indessen freilich immerhin jedenfalls ohnehin zumindest überhaupt nämlich somit "
    "folglich demzufolge dadurch hierbei hiermit hierfür vorher nachher anfangs zuletzt erstmals vorgestern "
    "übermorgen neulich künftig weiterhin stets niemals gleichfalls sonst andernfalls notfalls "
    "gegebenenfalls letztlich endlich vorerst einstweilen derzeit momentan gegenwärtig währenddessen daneben "
    "insofern insoweit".split()
)
AUXILIARIES = frozenset(
    "hat hatte hatten haben habe ist war waren sind wird wurde wurden werden will wollte soll sollte kann "
    "konnte muss musste ließ ließen".split()
)
# finite auxiliaries that close a verb-final clause after its participle ("gesagt hatte", "erklärt worden war")
VERB_FINAL_AUXILIARIES = AUXILIARIES | frozenset({"worden", "hätte", "hätten", "sei", "seien"})
NP_CONNECTORS = frozenset({"von", "der", "des", "und", "vom", "für"})
# "soll"/"sollen" also report what others say ("Der Täter soll geflohen sein"): a reported-speech
# marker for the sentences that follow a statement, not a cue of its own.
REPORTIVE = frozenset({"soll", "sollen"})
REPORTED_MOOD = SUBJUNCTIVE | REPORTIVE  # the verb forms that report what someone said
# Words before the first constituent that do not fill it: "Aber der Minister sagte", "Auch die
# Kommission kritisierte" (the subject still opens the clause).
CLAUSE_OPENERS = frozenset("und aber doch denn oder sondern auch selbst sogar nur ebenfalls gerade".split())
# Subordinating conjunctions: a sentence opening with one holds a subordinate clause first, so the
# main clause starts at its finite verb after the comma ("Als X eilte, rief der Mann").
SUBORDINATORS = frozenset(
    "als obwohl obgleich obschon wenngleich wenn nachdem weil da zumal während bevor ehe sobald solange sofern "
    "soweit sodass indem seit seitdem falls".split()
)
# Nouns that name a work, a motto or an organisation in the quotation marks after them: "das Buch
# „…“", "unter dem Motto „…“", "die Organisation „…“"; what follows them is a title, not speech.
TITLE_NOUNS = frozenset(
    "titel motto buch buches film films album albums studie studien organisation organisationen magazin magazins "
    "magazines zeitung zeitschrift fachblatt blatt sendung überschrift schlagzeile grundsatz thema themen preis "
    "preises name namen slogan kampagne programm projekt initiative gruppe partei verein stiftung aktion song "
    "lied single stück roman musical serie show website webseite firma unternehmen band bewegung bündnis "
    "netzwerk aktionsbündnis veranstaltung ausstellung festival wettbewerb konferenz gesetz gesetzes "
    "verordnung bericht berichts berichtes kategorie bereich phänomenbereich rubrik operation mission typs "
    "modell marke produkt spiel spiels video videos cd dvd werk werkes oper theaterstück stichwort".split()
)
# Function words of other languages: a quoted span made of them and no German ones is a foreign
# title ("Have a nice day", „La Gazetta dello Sport“), not a German quotation.
FOREIGN_WORDS = frozenset(
    "the of and a for on with to is it at by from la le les de des du pour et el los las del della dello "
    "il lo gli y dos".split()
)
GERMAN_FUNCTION_WORDS = frozenset(
    "der die das des und ist nicht ich wir sie er es ein eine mit für auf den dem zu von sich sind war".split()
)


# German role nouns end in these (compounds included: "Bundesaußenminister", "Grünen-Politikerin").
ROLE_HEADS: tuple[str, ...] = tuple(
    (
        "minister ministerin politiker politikerin präsident präsidentin kanzler kanzlerin chef chefin sprecher "
        "sprecherin vorsitzende vorsitzender leiter leiterin direktor direktorin abgeordnete abgeordneter "
        "trainer trainerin sekretär sekretärin bürgermeister bürgermeisterin berater beraterin experte expertin "
        "richter richterin anwalt anwältin professor professorin autor autorin reporter reporterin korrespondent "
        "korrespondentin botschafter botschafterin kommissar kommissarin senator senatorin gouverneur "
        "gouverneurin könig königin prinz prinzessin papst bischof pfarrer spieler spielerin stürmer torhüter "
        "schauspieler schauspielerin sänger sängerin musiker musikerin regisseur regisseurin gründer gründerin "
        "manager managerin unternehmer unternehmerin ökonom ökonomin forscher forscherin wissenschaftler "
        "wissenschaftlerin historiker historikerin kandidat kandidatin sprecher funktionär funktionärin "
        "general generalsekretär staatssekretär oberbürgermeister landrat landrätin chefredakteur intendant "
        "intendantin vorstand aktivist aktivistin analyst analystin mitglied vorgänger vorgängerin nachfolger "
        "nachfolgerin kommandeur journalist journalistin ermittler ermittlerin beamte beamter polizist polizistin "
        "arzt ärztin zeuge zeugin beobachter beobachterin kritiker kritikerin befürworter befürworterin gegner "
        "gegnerin vertreter vertreterin angeklagte angeklagter verteidiger verteidigerin staatsanwalt "
        "staatsanwältin kläger klägerin coach kapitän kapitänin pilot pilotin kommentator kommentatorin "
        "moderator moderatorin schiedsrichter schiedsrichterin vizepräsident vizepräsidentin rivale rivalin "
        "konkurrent konkurrentin herausforderer herausforderin titelverteidiger titelverteidigerin"
    ).split()
)


# Verbs of saying the shared (English-style) rules know in German too, the forms news uses; the
# German rules' own cue lexicon is CUES above.
SHARED_CUES = frozenset(
    "sagte sagt sagten sagen gesagt erklärte erklärt erklärten betonte betont betonten fügte meinte meint "
    "warnte warnt kritisierte kritisiert schrieb schreibt forderte fordert räumte versicherte versichert "
    "bekräftigte unterstrich berichtete berichtet teilte sprach spricht antwortete antwortet ergänzte "
    "ergänzt zitierte mahnte verkündete verkündet".split()
)
# nouns that refer back to an organisation named before (lexicon.BODY_NOUNS)
BODY_NOUNS = frozenset(
    "unternehmen firma konzern behörde ministerium verband partei regierung gewerkschaft verein klub "
    "bank stiftung organisation institut hochschule universität sender zeitung".split()
)
# thoughts, beliefs, wishes and expectations, not words said (lexicon.STANCE_CUES)
STANCE_CUES = frozenset(_weak("schätz vermut glaub hoff befürcht bezweifl erwart wünsch plan spekulier")) | frozenset(
    "denkt denken dachte dachten findet fanden fand".split()
)
# between a speaker and the participle for the shared rules: "hat gesagt"
SHARED_AUXILIARIES = frozenset("hat haben hatte hatten habe".split())

# interviews (pipeline/extract/interview.py): turn labels, the polite and familiar "you" of a
# question (capitalised "Sie" mid-sentence; lower-case "sie" is "she" or "they"), the credit line
QUESTION_LABELS = frozenset({"f", "frage"})
ANSWER_LABELS = frozenset({"antwort"})
SECOND_PERSON = frozenset("Sie Ihnen Ihr Ihre Ihren Ihrem Ihrer Ihres du Du dich dir dein deine euch Euch".split())
INTERVIEWER_CREDIT = r"das interview führte|das gespräch führte|die fragen stellte|interview:|gespräch:"
FIRST_PERSON = frozenset("ich Ich mich mir mein meine wir Wir uns unser unsere".split())
