//! Institutions: hospitals, clinics, practices, pharmacies and insurers
//! (`Klinikum Stuttgart`, `Charité`, `UMC Utrecht`, `Jeroen Bosch
//! Ziekenhuis`, `St Mary's Hospital`, `Brigham and Women's`).

use super::Scan;
use super::address::{INST_ENDS, ends_with_any, is_any_lower};
use super::towns::{bracket_tail, phrase_at};
use crate::Category;
use crate::Lang;
use crate::cand::{Cands, Words};
use crate::lexicon::{
    CITY, CLIN_TITLE, DETERMINER, FIRST, INST_NAME, INST_POST, INST_PRE, MULTI_INST, STOP, TITLE,
};
use crate::token::{Case, Gap, Kind};

/// Finds institutions: a name from the lexicon (`Charité`), a word with an
/// institution ending (`Marienkrankenhaus`), or proper words before or
/// after an institution word (`Klinikum Stuttgart`, `Jeroen Bosch Ziekenhuis`).
pub(super) fn find(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    let cands = if d.flags & (MULTI_INST | INST_NAME | INST_PRE | INST_POST) != 0 {
        Cands::long_capitals(d, 10, MULTI_INST | INST_NAME | INST_PRE | INST_POST)
    } else if d.cased {
        // No word of the lexicon's: only a compound with an institution
        // ending (`Marienkrankenhaus`), which a cased message capitalises.
        Cands::long_capitals(d, 10, 0)
    } else {
        return;
    };
    let mut i = 0;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        let t = &scan.doc.toks[i];
        let candidate = t.info.flags & (MULTI_INST | INST_NAME | INST_PRE | INST_POST) != 0
            || t.end - t.start >= 10 && t.case != Case::Lower;
        if scan.claimed[i] || t.kind != Kind::Word || !candidate {
            i += 1;
            continue;
        }
        let d = &scan.doc;
        if let Some((end, flags)) = phrase_at(scan, i)
            && flags & INST_NAME != 0
        {
            let end = proper_tail(scan, end + 1).unwrap_or(end);
            let end = bracket_tail(scan, end);
            let start = pre_words(scan, i);
            scan.push(start, end, Category::Institution, "institution.name");
            i = end + 1;
            continue;
        }
        if d.has(i, INST_NAME) && d.capitalised(i) {
            let end = proper_tail(scan, i + 1).unwrap_or(i);
            scan.push(i, end, Category::Institution, "institution.name");
            i = end + 1;
            continue;
        }
        if let Some(end) = practice_of_doctor(scan, i) {
            scan.push(i, end, Category::Institution, "institution.practice");
            i = end + 1;
            continue;
        }
        // `Klinikum Stuttgart`, `ziekenhuis Rijnstate`, `Universitätsklinikum Hamburg-Eppendorf`.
        let compound =
            d.s(i).len() >= 10 && d.cased && d.capitalised(i) && ends_with_any(d.s(i), &INST_ENDS);
        if d.has(i, INST_PRE) || compound {
            // `St. Josef-Hospital`: `St` only counts when a hospital word follows.
            let saint = is_any_lower(d.s(i), &["st", "sankt"]);
            if let Some(end) = proper_tail(scan, i + 1) {
                // `admitted to St. Luke's`: a saint's name with a possessive
                // names the hospital by itself in English.
                let possessive = saint
                    && scan.lang == Lang::En
                    && (d.is_glued_punct(end + 1, '\'') || d.is_glued_punct(end + 1, '’'))
                    && d.is_word(end + 2)
                    && d.toks[end + 2].gap == Gap::None
                    && d.s(end + 2).eq_ignore_ascii_case("s");
                let post_ok = !saint
                    || possessive
                    || (i + 1..=end + 4).any(|k| {
                        d.has(k, INST_POST) || (d.is_word(k) && ends_with_any(d.s(k), &INST_ENDS))
                    });
                if post_ok {
                    let end = if saint {
                        extend_to_post(scan, if possessive { end + 2 } else { end })
                    } else {
                        end
                    };
                    let end = bracket_tail(scan, end);
                    let start = pre_words(scan, i);
                    scan.push(start, end, Category::Institution, "institution.pre");
                    i = end + 1;
                    continue;
                }
            }
            // `im seniorenstift rosengarten in potsdam`: a home's name in a
            // message without capitals.
            if let Some(end) = lower_home_name(scan, i) {
                scan.push(i, end, Category::Institution, "institution.home");
                i = end + 1;
                continue;
            }
            // `Pflegedienst "Helfende Hände"`: a name in quotes after it.
            let quoted = quoted_tail(scan, i);
            if compound || quoted > i {
                let start = pre_words(scan, i);
                scan.push(start, quoted, Category::Institution, "institution.compound");
                i = quoted + 1;
                continue;
            }
            // `im st. josef krankenhaus`: a saint and an institution word
            // name one in any case.
            if saint {
                let k = if d.is_glued_punct(i + 1, '.') {
                    i + 2
                } else {
                    i + 1
                };
                let named = d.is_word(k)
                    && !d.has(k, STOP | DETERMINER)
                    && !scan.claimed[k]
                    && d.toks.get(k + 1).is_some_and(|t| t.gap == Gap::Space)
                    && d.has(k + 1, INST_POST)
                    && !scan.claimed[k + 1];
                if named {
                    scan.push(i, k + 1, Category::Institution, "institution.saint");
                    i = k + 2;
                    continue;
                }
            }
        }
        // `Jeroen Bosch Ziekenhuis`, `St Mary's Hospital`, `Evangelisches Krankenhaus`.
        if d.has(i, INST_POST) && i > 0 && d.toks[i].gap != Gap::Line {
            let start = pre_words(scan, i);
            let start = if start == i {
                uncased_pre_words(scan, i)
            } else {
                start
            };
            // `Primary Care`, `Urgent Care`, `Memory Care` are kinds of
            // care; `Willow Creek Memory Care` is a place.
            let kind_of_care = d.s(i).eq_ignore_ascii_case("care")
                && (start..i).all(|k| !d.is_word(k) || CARE_KINDS.has(d.s(k)));
            if start < i && !kind_of_care {
                // `VNA Home Health`: institution words in a row.
                let mut post = i;
                while d.has(post + 1, INST_POST)
                    && d.toks[post + 1].gap == Gap::Space
                    && d.toks[post + 1].case == d.toks[i].case
                {
                    post += 1;
                }
                let end = super::inst_case::at_tail(scan, post);
                scan.push(start, end, Category::Institution, "institution.post");
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// `Hausarztpraxis Dr. Lemke`, `Praxis Dr. med. Anna Koch`, `praktijk dokter
/// Visser`: a practice named after its doctor is an institution, the
/// doctor's name in it. Word `i` ends in `praxis` or `praktijk`, a chain of
/// titles with a clinician's title follows on the line, then one or two
/// words with the case of a name. Returns the last word of the name.
fn practice_of_doctor(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let w = d.s(i).as_bytes();
    let practice = [&b"praxis"[..], b"praktijk"]
        .iter()
        .any(|e| w.len() >= e.len() && w[w.len() - e.len()..].eq_ignore_ascii_case(e));
    if !practice || !d.capitalised(i) && d.cased {
        return None;
    }
    let mut k = i + 1;
    let mut clinician = false;
    while d.toks.get(k).is_some_and(|t| t.gap != Gap::Line) && k - i <= 6 {
        if d.has(k, TITLE) {
            clinician |= d.has(k, CLIN_TITLE);
        } else if !d.is_glued_punct(k, '.') {
            break;
        }
        k += 1;
    }
    if !clinician || scan.claimed.get(k).is_none_or(|&c| c) {
        return None;
    }
    let name = |k: usize| {
        d.is_word(k)
            && d.toks[k].gap == Gap::Space
            && !scan.claimed[k]
            && !d.has(k, STOP | DETERMINER)
            && (!d.cased || d.capitalised(k))
    };
    if !name(k) {
        return None;
    }
    Some(if name(k + 1) && d.has(k, FIRST) {
        k + 1
    } else {
        k
    })
}

/// `Pflegedienst "Helfende Hände"`, `thuiszorg „De Zorgster“`: after the
/// institution word `end`, a name of one to four words in quotes on the
/// same line. Returns the closing quote, or `end` if there is none.
fn quoted_tail(scan: &Scan<'_>, end: usize) -> usize {
    let d = &scan.doc;
    let open = end + 1;
    let opens = d.toks.get(open).is_some_and(|t| {
        t.kind == Kind::Punct && matches!(t.ch, '"' | '„' | '“' | '«' | '\'') && t.gap == Gap::Space
    });
    if !opens || !d.is_word(open + 1) || d.toks[open + 1].gap != Gap::None {
        return end;
    }
    let mut k = open + 1;
    while k < open + 9 && d.toks.get(k).is_some_and(|t| t.gap != Gap::Line) && !scan.claimed[k] {
        let t = &d.toks[k];
        if t.kind == Kind::Punct && matches!(t.ch, '"' | '“' | '”' | '»' | '\'') {
            let closes = t.gap == Gap::None && k > open + 1;
            return if closes { k } else { end };
        }
        if !(t.kind == Kind::Word || t.kind == Kind::Punct && matches!(t.ch, '-' | '.' | '&')) {
            return end;
        }
        k += 1;
    }
    end
}

/// Words that say what kind of institution one is, not which.
const GENERIC_BEFORE: Words = Words::new(&[
    "new",
    "old",
    "county",
    "state",
    "city",
    "general",
    "community",
    "local",
    "main",
    "regional",
    "national",
    "university",
    "memorial",
    "children's",
    "childrens",
    "veterans",
    "private",
    "public",
    "nearest",
    "other",
    "same",
    "big",
    "small",
    "nieuwe",
    "oude",
    "grote",
    "kleine",
    "algemene",
    "eigen",
    "andere",
    "neue",
    "alte",
    "große",
    "grosse",
    "städtische",
    "staedtische",
    "eigene",
]);

/// Verbs that stand before an institution's name (`PLEASE CALL APRIA
/// HEALTHCARE`).
const CALLS: Words = Words::new(&[
    "call",
    "contact",
    "phone",
    "ring",
    "fax",
    "email",
    "mail",
    "visit",
    "see",
    "ask",
    "tell",
    "bel",
    "bellen",
    "ruf",
    "rufen",
    "anrufen",
    "kontaktieren",
]);

/// `the discharge papers from mount auburn hospital`, `FROM LAHEY CLINIC`:
/// in a message without capitals, one or two words before an institution
/// word that no list knows as a function word, unit or month, not all of
/// them words that only say what kind of institution it is (`the county
/// hospital`, `home health`) nor adjectives of clinical vocabulary. Returns the first
/// word, `i` if there is none.
fn uncased_pre_words(scan: &Scan<'_>, i: usize) -> usize {
    let d = &scan.doc;
    if d.cased {
        return i;
    }
    let mut a = i;
    let mut proper = false;
    while a > 0 && i - a < 2 && d.toks[a].gap == Gap::Space && !scan.claimed[a - 1] {
        let p = a - 1;
        let w = d.s(p);
        let plain = d.is_word(p)
            && d.chars(p) >= 2
            && !CALLS.has(w)
            && !d.has(
                p,
                STOP | DETERMINER | crate::lexicon::UNIT | crate::lexicon::MONTH | INST_PRE,
            )
            && !super::inst_case::adjective(w);
        if !plain {
            break;
        }
        proper |= !GENERIC_BEFORE.has(w) && !d.has(p, INST_POST);
        a = p;
    }
    if proper { a } else { i }
}

/// Words for a home where people live and are cared for.
const HOMES: Words = Words::new(&[
    "pflegeheim",
    "altenheim",
    "seniorenheim",
    "seniorenresidenz",
    "seniorenzentrum",
    "seniorenstift",
    "wohnstift",
    "pflegezentrum",
    "altenpflegeheim",
    "hospiz",
    "woonzorgcentrum",
    "verzorgingshuis",
    "verpleeghuis",
    "zorgcentrum",
    "huize",
]);

/// Words that may end a home's name in a message without capitals.
const AFTER_HOME: Words = Words::new(&[
    "in", "im", "te", "bij", "bei", "und", "en", "and", "nach", "naar", "seit", "sinds", "since",
]);

/// `im seniorenstift rosengarten in potsdam`, `IN WOONZORGCENTRUM DE LINDE
/// IN ZEIST`: in a message without capitals, one or two words after a word
/// for a home (Dutch `de`/`het` before them), none a function word or
/// determiner, that end the phrase: a preposition, `und` or a comma
/// follows, or the clause ends and the last word does not read as a verb.
/// Returns the name's last word.
fn lower_home_name(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if d.cased || !HOMES.has(d.s(i)) {
        return None;
    }
    let mut k = i + 1;
    if d.is_word(k) && d.is_one_of(k, &["de", "het"]) && d.toks[k].gap == Gap::Space {
        k += 1;
    }
    let first = k;
    while k < first + 2
        && d.is_word(k)
        && d.toks[k].gap == Gap::Space
        && !scan.claimed[k]
        && !d.has(k, STOP | DETERMINER)
    {
        k += 1;
    }
    // What another rule took right after the name (a town, or its tag when
    // the text is scrubbed again) leaves it undecided: no name.
    if k == first || scan.claimed.get(k).is_some_and(|&c| c) || d.glued_after(k - 1) {
        return None;
    }
    // A preposition or comma after the name ends it; where the clause
    // ends, a word with a verb's ending is the verb (`ins pflegeheim
    // ziehen.`).
    let before_more = d.is_word(k) && AFTER_HOME.has(d.s(k)) || d.is_punct(k, ',');
    let clause_end = d
        .toks
        .get(k)
        .is_none_or(|t| t.gap == Gap::Line || t.kind == Kind::Punct);
    let verb = crate::names::verb_like(&d.s(k - 1).to_lowercase(), scan.lang);
    (before_more || clause_end && !verb).then_some(k - 1)
}

/// Words that say what kind of care `Care` is.
const CARE_KINDS: Words = Words::new(&[
    "urgent",
    "primary",
    "home",
    "memory",
    "intensive",
    "critical",
    "palliative",
    "hospice",
    "respite",
    "personal",
    "day",
    "skilled",
    "wound",
    "self",
    "health",
    "senior",
    "elder",
    "family",
    "managed",
    "comfort",
    "continuing",
    "acute",
    "specialty",
    "dental",
    "eye",
    "foot",
    "child",
    "patient",
    "supportive",
    "transitional",
    "community",
    "mental",
    "behavioral",
    "behavioural",
]);

/// Capitalised words before an institution word (`Jeroen Bosch`, `St Mary's`).
fn pre_words(scan: &Scan<'_>, i: usize) -> usize {
    let d = &scan.doc;
    let mut a = i;
    let mut words = 0;
    while a > 0 && words < 3 && d.toks[a].gap != Gap::Line && !scan.claimed[a - 1] {
        let p = a - 1;
        if d.is_word(p)
            && d.cased
            && d.capitalised(p)
            && !d.has(p, STOP | DETERMINER)
            && !d.sentence_start(p)
            || d.is_word(p) && d.cased && d.capitalised(p) && d.has(p, INST_PRE)
            || super::inst_case::pre_word(scan, i, p, words)
        {
            a = p;
            words += 1;
        } else if d.is_word(p)
            && d.s(p) == "s"
            && p >= 2
            && (d.is_punct(p - 1, '\'') || d.is_punct(p - 1, '’'))
            && d.is_word(p - 2)
        {
            a = p - 2; // `Mary's`
            words += 1;
        } else if p > 0
            // Glued to the word before: no opening quote after a line break
            // (`e\r'Clinic`).
            && d.toks[p].gap == Gap::None
            && ((d.is_punct(p, '\'') || d.is_punct(p, '’')) && d.is_word(p - 1)
                || d.is_punct(p, '-') && d.toks[a].gap == Gap::None && d.is_word(p - 1)
                || d.is_punct(p, '.') && d.s(p - 1).eq_ignore_ascii_case("st"))
        {
            a = p - 1;
        } else {
            break;
        }
    }
    a
}

/// The proper name after an institution word: capitalised words, cities,
/// hyphen chains, `am`/`an der`/`van`/`rechts der` links. Returns the last token.
fn proper_tail(scan: &Scan<'_>, k: usize) -> Option<usize> {
    let d = &scan.doc;
    let mut end = None;
    let mut j = k;
    let mut words = 0;
    while j < d.len() && words < 4 && d.toks[j].gap != Gap::Line && !scan.claimed[j] {
        let t = d.toks[j];
        let link = t.kind == Kind::Word
            && is_any_lower(
                d.s(j),
                &[
                    "am", "an", "der", "van", "de", "den", "rechts", "links", "im", "zum", "st",
                    "sankt", "von", "vom", "zur",
                ],
            );
        if t.kind == Kind::Word
            && (d.cased && d.capitalised(j) && !d.has(j, STOP | DETERMINER)
                || d.has(j, CITY)
                || d.has(j, INST_POST))
        {
            end = Some(j);
            words += 1;
            j += 1;
        } else if t.kind == Kind::Punct
            && matches!(t.ch, '-' | '.' | '\'' | '’')
            && t.gap == Gap::None
            && d.is_word(j + 1)
            && d.toks[j + 1].gap == Gap::None
            || link && end.is_none()
            || link && d.is_word(j + 1) && d.capitalised(j + 1) && d.cased
            // `Apotheek Het Kruis`, `Praxis Am Markt`: a capitalised article
            // or preposition that starts the name.
            || t.kind == Kind::Word
                && j == k
                && t.gap == Gap::Space
                && d.cased
                && t.case == Case::Title
                && d.has(j, STOP | DETERMINER)
                && d.is_word(j + 1)
                && d.toks[j + 1].gap == Gap::Space
                && d.toks[j + 1].case == Case::Title
                && !d.has(j + 1, STOP | DETERMINER)
            // The dot of an abbreviation (`St.`, `Ev.`, an initial); after a
            // longer word a dot ends the sentence (`in der Tagesklinik. Der
            // Arzt`).
            || t.kind == Kind::Punct
                && t.ch == '.'
                && t.gap == Gap::None
                && j > 0
                && d.is_word(j - 1)
                && d.chars(j - 1) <= 3
        {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// `St. Josef-Hospital`: extends a saint's name to the hospital word.
fn extend_to_post(scan: &Scan<'_>, end: usize) -> usize {
    let d = &scan.doc;
    let mut e = end;
    for k in end + 1..(end + 5).min(d.len()) {
        if d.has(k, INST_POST) {
            e = k;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use crate::Lang;

    /// What every place detector finds in `text`.
    fn texts(text: &str, lang: Lang) -> Vec<String> {
        run(text, lang, super::super::address::find)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn a_name_in_quotes_after_an_institution_word() {
        assert_eq!(
            texts(
                "Ich komme. Der Pflegedienst \"Helfende Hände\" kommt täglich.",
                Lang::De
            ),
            ["Pflegedienst \"Helfende Hände\""]
        );
        assert_eq!(
            texts("Ik kom. De thuiszorg „De Zorgster“ komt.", Lang::Nl),
            ["thuiszorg „De Zorgster“"]
        );
        assert_eq!(
            texts("Ich komme. Der Pflegedienst kommt \"bald\".", Lang::De),
            ["Pflegedienst"]
        );
    }

    #[test]
    fn a_dot_after_a_word_ends_the_name() {
        assert!(texts("Ich war in der Tagesklinik. Der Arzt war nett.", Lang::De).is_empty());
        assert_eq!(
            texts("Ich war im Klinikum Nord. Der Arzt war nett.", Lang::De),
            ["Klinikum Nord"]
        );
        assert_eq!(
            texts("Ich lag im St. Josef Krankenhaus.", Lang::De),
            ["St. Josef Krankenhaus"]
        );
    }

    #[test]
    fn a_home_named_in_a_message_without_capitals() {
        assert_eq!(
            texts(
                "ich wohne jetzt im seniorenstift rosengarten in potsdam",
                Lang::De
            ),
            ["seniorenstift rosengarten", "potsdam"]
        );
        assert_eq!(
            texts("IK WOON IN WOONZORGCENTRUM DE LINDE IN ZEIST.", Lang::Nl),
            ["WOONZORGCENTRUM DE LINDE", "ZEIST"]
        );
        assert!(texts("sie soll ins pflegeheim ziehen. sagt er", Lang::De).is_empty());
    }

    #[test]
    fn institutions_in_messages_without_capitals() {
        assert_eq!(
            texts(
                "the discharge papers from mount auburn hospital say to follow up",
                Lang::En
            ),
            ["mount auburn hospital"]
        );
        assert_eq!(
            texts(
                "THE DISCHARGE PAPERS FROM LAHEY CLINIC SAY TO FOLLOW UP",
                Lang::En
            ),
            ["LAHEY CLINIC"]
        );
        assert!(
            texts(
                "i went to the county hospital and the cardiac clinic",
                Lang::En
            )
            .is_empty()
        );
    }

    #[test]
    fn a_practice_named_after_its_doctor() {
        assert_eq!(
            texts(
                "Ich frage nach. Der Befund aus der Hausarztpraxis Dr. Lemke ist da.",
                Lang::De
            ),
            ["Hausarztpraxis Dr. Lemke"]
        );
        assert_eq!(
            texts("Bitte an die Praxis Dr. med. Anna Koch schicken.", Lang::De),
            ["Praxis Dr. med. Anna Koch"]
        );
        assert_eq!(
            texts(
                "De brief is naar huisartsenpraktijk dokter Visser gestuurd.",
                Lang::Nl
            ),
            ["huisartsenpraktijk dokter Visser"]
        );
        assert!(texts("In der Praxis wird es besser. Frau Dr. Wolf", Lang::De).is_empty());
    }

    #[test]
    fn institutions_with_apostrophes() {
        assert_eq!(
            texts(
                "I sent a new prescription to Brigham and Women's today.",
                Lang::En
            ),
            ["Brigham and Women's"]
        );
    }

    #[test]
    fn institutions_found() {
        assert_eq!(
            texts(
                "Ich war im Klinikum Stuttgart und in der Charité.",
                Lang::De
            ),
            ["Klinikum Stuttgart", "Charité"]
        );
        assert_eq!(
            texts(
                "opname in het Jeroen Bosch Ziekenhuis en UMC Utrecht",
                Lang::Nl
            ),
            ["Jeroen Bosch Ziekenhuis", "UMC Utrecht"]
        );
        assert_eq!(
            texts("She was referred to St Mary's Hospital.", Lang::En),
            ["St Mary's Hospital"]
        );
        assert_eq!(
            texts("Sie lag im Elisabethkrankenhaus", Lang::De),
            ["Elisabethkrankenhaus"]
        );
    }
}
