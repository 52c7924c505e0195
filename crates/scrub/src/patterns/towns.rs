//! Towns and postcodes: postcodes in address context (`12345 Berlin`,
//! `1234 AB`, `NY 10001`) with the town after or before them, and towns
//! from the lexicon (`Freiburg im Breisgau`, `'s-Hertogenbosch`, `Little
//! Rock`). Called from [`super::address::find`] once streets are found.

use super::Scan;
use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{self, CITY, CITY_AMBIG, MULTI, NAME, PLACE_PREP, STOP};
use crate::token::{Case, Gap, Kind};

/// US state codes before a ZIP code.
const STATES: Words = Words::new(&[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
]);

/// Whether an address was found in the tokens just before `i` (same or the
/// line before); `streets` are the spans of the street findings, sorted.
fn after_address(scan: &Scan<'_>, i: usize, streets: &[(usize, usize)]) -> bool {
    let d = &scan.doc;
    let mut k = i;
    // Skip `,`, `(`, `in`, `te` and a line break back to the street.
    while k > 0 && i - k < 4 {
        k -= 1;
        let t = d.toks[k];
        let filler = t.kind == Kind::Punct && matches!(t.ch, ',' | '(' | '-' | '|' | ';')
            || t.kind == Kind::Word && matches!(d.s(k), "in" | "te" | "im" | "en");
        if filler {
            continue;
        }
        let at = t.start;
        return scan.claimed[k] && {
            let s = streets.partition_point(|&(_, end)| end <= at);
            streets.get(s).is_some_and(|&(start, _)| start <= at)
        };
    }
    false
}

/// Postcodes in address context (`12345 Berlin`, `1234 AB`, `NY 10001`)
/// and the town after or before them.
pub(super) fn postcodes(scan: &mut Scan<'_>) {
    // Postcodes have four or five digits.
    if scan.doc.num_lens & (1 << 4 | 1 << 5) == 0 {
        return;
    }
    // The streets found, in order (a long message may hold many).
    let mut streets: Vec<(usize, usize)> = scan
        .out
        .iter()
        .filter(|f| f.category == Category::StreetAddress)
        .map(|f| (f.start, f.end))
        .collect();
    streets.sort_unstable();
    let nums = Cands::nums(&scan.doc);
    for i in nums.iter() {
        if scan.claimed[i] {
            continue;
        }
        let d = &scan.doc;
        let digits = d.digits(i);
        if digits == 0 || d.glued_before(i) {
            continue;
        }
        let context = after_address(scan, i, &streets)
            || (i >= 2
                && d.is_glued_punct(i - 1, '-')
                && matches!(d.s(i - 2), "D" | "NL" | "A" | "CH"));
        // NL: `1234 AB`, `1234AB`.
        if digits == 4
            && d.num(i).is_some_and(|v| v >= 1000)
            && d.is_word(i + 1)
            && d.toks[i + 1].gap != Gap::Line
        {
            let w = d.s(i + 1);
            let letters = w.len() == 2 && w.bytes().all(|b| b.is_ascii_alphabetic());
            let upper = w.bytes().all(|b| b.is_ascii_uppercase());
            let city_next = d.has(i + 2, CITY)
                || d.capitalised(i + 2)
                    && d.toks
                        .get(i + 2)
                        .is_some_and(|t| t.case == Case::Upper || t.gap == Gap::Space);
            // `1938 in Breslau`: a year, a preposition and a town.
            let prep = !upper && d.has(i + 1, PLACE_PREP);
            if letters
                && ((upper && d.cased) || context || city_next && d.has(i + 2, CITY) && !prep)
                && !matches!(w, "SS" | "SA" | "SD")
            {
                scan.push(i, i + 1, Category::Postcode, "postcode.nl");
                // `3731 aa de bilt`: a postcode typed in lower case is
                // followed by its town in lower case.
                city_after(scan, i + 2, !upper);
                continue;
            }
        }
        // DE: `12345 Berlin`, `D-12345`.
        if digits == 5
            && d.toks.get(i + 1).is_some_and(|t| t.gap == Gap::Space)
            && d.capitalised(i + 1)
            && !d.has(i + 1, STOP)
            && (context || d.has(i + 1, CITY))
        {
            scan.push(i, i, Category::Postcode, "postcode.de");
            city_after(scan, i + 1, false);
            continue;
        }
        // US: `NY 10001`, `CA 90210-1234`.
        if digits == 5
            && i > 0
            && d.is_word(i - 1)
            && (STATES.list().contains(&d.s(i - 1))
                || i > 1 && d.is_punct(i - 2, ',') && STATES.has(d.s(i - 1)))
            && d.toks[i].gap == Gap::Space
        {
            let end = if d.is_glued_punct(i + 1, '-') && d.digits(i + 2) == 4 {
                i + 2
            } else {
                i
            };
            let city =
                i >= 3 && d.is_punct(i - 2, ',') && d.capitalised(i - 3) && !scan.claimed[i - 3];
            // `New Bedford, MA`, `Salt Lake City, UT`: up to two words more.
            let mut a = i.saturating_sub(3);
            while city
                && a > 0
                && i - 3 - a < 2
                && d.toks[a].gap == Gap::Space
                && d.capitalised(a - 1)
                && !d.has(a - 1, STOP)
                && !scan.claimed[a - 1]
            {
                a -= 1;
            }
            scan.push(i, end, Category::Postcode, "postcode.us");
            // `Springfield, IL 62704`: the city before the comma.
            if city {
                scan.push(a, i - 3, Category::City, "city.postcode");
            }
        }
    }
}

/// The city right after a postcode: capitalised words and hyphen chains
/// (any words when the message or the postcode is in `lower` case).
fn city_after(scan: &mut Scan<'_>, k: usize, lower: bool) {
    let d = &scan.doc;
    // `'s-Hertogenbosch`, `'s-Gravenhage`.
    if (d.is_punct(k, '\'') || d.is_punct(k, '’'))
        && d.is_word(k + 1)
        && d.s(k + 1).eq_ignore_ascii_case("s")
        && d.is_glued_punct(k + 2, '-')
        && d.is_word(k + 3)
    {
        if scan.free(k, k + 3) {
            scan.push(k, k + 3, Category::City, "city.postcode");
        }
        return;
    }
    // Without capitals to go by, the words after a postcode are the town.
    let shaped = |k: usize| d.capitalised(k) || (lower || !d.cased) && d.is_word(k);
    // `De Bilt`, `Den Helder`, `Ter Apel`: an article and a word.
    let article = d.is_word(k)
        && CITY_ARTICLES.has(d.s(k))
        && d.is_word(k + 1)
        && d.toks[k + 1].gap == Gap::Space
        && shaped(k)
        && shaped(k + 1)
        && !d.has(k + 1, STOP);
    if !(article || shaped(k) && !d.has(k, STOP)) || scan.claimed.get(k).copied().unwrap_or(true) {
        return;
    }
    let mut end = city_tail(scan, if article { k + 1 } else { k });
    // `Königs Wusterhausen`, `Kloster Lehnin`: a second capitalised word.
    if d.is_word(end + 1)
        && d.toks[end + 1].gap == Gap::Space
        && shaped(end + 1)
        && !d.has(end + 1, STOP)
        && (end + 2 >= d.len()
            || d.toks[end + 2].kind == Kind::Punct
            || d.toks[end + 2].gap == Gap::Line)
    {
        end += 1;
    }
    end = bracket_tail(scan, end);
    if scan.free(k, end) {
        scan.push(k, end, Category::City, "city.postcode");
    }
}

/// Articles that start a Dutch town's name (`De Bilt`, `Den Helder`).
const CITY_ARTICLES: Words = Words::new(&["de", "den", "het", "ter", "ten"]);

/// Words that join a town's name to the river or region after it
/// (`Frankfurt am Main`, `Brandenburg an der Havel`, `Alphen aan den Rijn`).
const CITY_LINKS: Words = Words::new(&[
    "am", "an", "der", "im", "in", "ob", "aan", "den", "de", "op", "upon", "on",
]);

/// Rivers and regions that follow a town's name after a link word. A
/// closed list: `Berlin am Wochenende` is a town and a weekend.
const CITY_RIVERS: Words = Words::new(&[
    "main",
    "oder",
    "rhein",
    "havel",
    "donau",
    "saale",
    "breisgau",
    "lech",
    "ruhr",
    "neckar",
    "elbe",
    "weser",
    "mosel",
    "inn",
    "isar",
    "lahn",
    "spree",
    "ems",
    "weinstraße",
    "taunus",
    "harz",
    "oberpfalz",
    "see",
    "zee",
    "dosse",
    "nordbahn",
    "rijn",
    "ijssel",
    "maas",
    "zoom",
    "amstel",
    "vecht",
    "lek",
    "waal",
    "tyne",
    "thames",
    "avon",
    "trent",
    "hudson",
]);

/// Extends a town's name ending at token `end`: hyphen and slash chains
/// (`Castrop-Rauxel`, `Schwedt/Oder`), a river or region after a link word
/// (`Freiburg im Breisgau`), and one word in brackets (`Halle (Saale)`).
/// Returns the new last token.
pub(super) fn city_tail(scan: &Scan<'_>, mut end: usize) -> usize {
    let d = &scan.doc;
    while (d.is_glued_punct(end + 1, '-') || d.is_glued_punct(end + 1, '/'))
        && d.is_word(end + 2)
        && d.toks[end + 2].gap == Gap::None
        && d.capitalised(end + 2)
        && !scan.claimed[end + 2]
    {
        end += 2;
    }
    let mut k = end + 1;
    while k <= end + 2
        && d.is_word(k)
        && d.toks[k].gap == Gap::Space
        && d.toks[k].case == Case::Lower
        && CITY_LINKS.has(d.s(k))
    {
        k += 1;
    }
    if k > end + 1
        && d.is_word(k)
        && d.toks[k].gap == Gap::Space
        && d.capitalised(k)
        && !scan.claimed[k]
        && CITY_RIVERS.has(&d.s(k).to_lowercase())
    {
        end = k;
    }
    bracket_tail(scan, end)
}

/// `Frankfurt (Oder)`, `Halle (Saale)`: one more word in brackets.
pub(super) fn bracket_tail(scan: &Scan<'_>, end: usize) -> usize {
    let d = &scan.doc;
    if d.is_punct(end + 1, '(')
        && d.toks[end + 1].gap != Gap::Line
        && d.is_word(end + 2)
        && d.is_punct(end + 3, ')')
        && d.capitalised(end + 2)
    {
        end + 3
    } else {
        end
    }
}

/// Tries the multi-word lexicon phrases at word `i`; returns the last token
/// and the phrase flags.
pub(super) fn phrase_at(scan: &Scan<'_>, i: usize) -> Option<(usize, u64)> {
    let d = &scan.doc;
    if !d.has(i, MULTI) {
        return None;
    }
    // Phrase words are lower case: an ASCII word is compared ignoring ASCII
    // case, without lower-casing it first.
    let first = d.s(i);
    let lower = (!first.is_ascii()).then(|| first.to_lowercase());
    let first_same = |w: &str| match &lower {
        None => w.len() == first.len() && w.eq_ignore_ascii_case(first),
        Some(lower) => w == lower,
    };
    'phrases: for phrase in lexicon::phrases_starting(first).filter(|p| first_same(&p.words[0])) {
        let mut k = i;
        for (n, parts) in phrase.parts.iter().enumerate() {
            // Words are separated by one token of white space; skip `'`.
            if k >= d.len() || (n > 0 && d.toks[k].gap == Gap::Line) {
                continue 'phrases;
            }
            // `women's` is the tokens `women`, `'`, `s`.
            for (p, part) in parts.iter().enumerate() {
                if p > 0 {
                    if !(d.is_glued_punct(k, '\'') || d.is_glued_punct(k, '’')) {
                        continue 'phrases;
                    }
                    k += 1;
                }
                if k >= d.len() || d.toks[k].kind == Kind::Punct {
                    continue 'phrases;
                }
                let s = d.s(k);
                let same = if s.is_ascii() {
                    s.eq_ignore_ascii_case(part)
                } else {
                    s.to_lowercase() == **part
                };
                if !same {
                    continue 'phrases;
                }
                k += 1;
            }
        }
        return Some((k - 1, phrase.flags));
    }
    None
}

/// Whether a street address found ends a comma before word `i` (`88 Elm
/// St Apt 2, Quincy`): a town that is also a name or word is the town
/// there.
fn after_street(scan: &Scan<'_>, i: usize) -> bool {
    let d = &scan.doc;
    i >= 2 && d.is_punct(i - 1, ',') && scan.claimed[i - 2] && {
        let at = d.toks[i - 2].start;
        scan.out
            .iter()
            .rev()
            .any(|f| f.category == Category::StreetAddress && f.start <= at && at < f.end)
    }
}

/// Towns from the lexicon, of one word or several (`Little Rock`), with
/// their rivers and regions (`Freiburg im Breisgau`).
pub(super) fn cities(scan: &mut Scan<'_>) {
    // Only words carry lexicon flags: those the tokenizer noted (a word
    // veiled since has none, and is passed over below).
    let cands = match scan.doc.marks {
        Some(bits) => Cands::of_bits(&scan.doc, bits),
        None => Cands::of(&scan.doc, |t| t.info.flags & (MULTI | CITY) != 0),
    };
    let mut i = 0;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        let t = &scan.doc.toks[i];
        if scan.claimed[i] || t.kind != Kind::Word || t.info.flags & (MULTI | CITY) == 0 {
            i += 1;
            continue;
        }
        let d = &scan.doc;
        let prep = i > 0 && d.has(i - 1, PLACE_PREP);
        // A town of several words is written with capitals where the
        // message has them (`Little Rock`, not `a little rock`), unless a
        // word of it is a name (`ann arbor`, `fort wayne`). So a lower-case
        // first word there (most are words: `new`, `north`) starts one only
        // next to a name.
        let named = |k: usize| d.has(k, NAME) && !d.has(k, lexicon::AMBIG);
        // And only before a word that is the second of some town, one
        // space apart.
        let may_start = d.toks.get(i + 1).is_some_and(|t| {
            t.gap == Gap::Space && t.kind == Kind::Word && t.info.flags & lexicon::MULTI_NEXT != 0
        }) && (!d.cased
            || d.toks[i].case != Case::Lower
            || named(i)
            || named(i + 1));
        if may_start
            && let Some((end, flags)) = phrase_at(scan, i)
            && flags & CITY != 0
            && (!d.cased
                || d.toks[i].case != Case::Lower && d.toks[end].case != Case::Lower
                || (i..=end).any(named))
            && scan.free(i, end)
        {
            scan.push(i, end, Category::City, "city.lexicon");
            i = end + 1;
            continue;
        }
        let shaped = if d.cased {
            d.toks[i].case != Case::Lower
        } else {
            true
        };
        if d.has(i, CITY) && shaped && (!d.has(i, CITY_AMBIG) || prep || after_street(scan, i)) {
            let end = city_tail(scan, i);
            // `'s-Hertogenbosch`: the article glued before the town.
            let start = if i >= 3
                && d.is_glued_punct(i - 1, '-')
                && d.is_word(i - 2)
                && d.s(i - 2).eq_ignore_ascii_case("s")
                && d.toks[i - 2].gap == Gap::None
                && (d.is_punct(i - 3, '\'') || d.is_punct(i - 3, '’'))
            {
                i - 3
            } else {
                i
            };
            if scan.free(start, end) {
                scan.push(start, end, Category::City, "city.lexicon");
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Scrubber};

    #[test]
    fn a_state_and_zip_code_that_start_the_text() {
        // No city can stand before them (a subtraction once overflowed).
        let scrub = |t: &str| Scrubber::default().scrub(t, Lang::En).text;
        assert_eq!(scrub("NY 10001"), "NY [POSTCODE]");
        assert_eq!(scrub("x NY 10001"), "x NY [POSTCODE]");
    }

    #[test]
    fn a_bracket_on_the_next_line_is_no_part_of_a_town() {
        let scrub = |t: &str| Scrubber::default().scrub(t, Lang::De).text;
        assert_eq!(
            scrub("Ich wohne in Amsterdam\n(m)"),
            "Ich wohne in [CITY]\n(m)"
        );
        assert_eq!(
            scrub("Ich wohne in Frankfurt (Oder)."),
            "Ich wohne in [CITY]."
        );
    }

    #[test]
    fn a_town_that_is_also_a_name_after_a_street() {
        let scrub = |t: &str| Scrubber::default().scrub(t, Lang::En).text;
        assert_eq!(
            scrub("She is at 88 Elm St Apt 2, Quincy, this week."),
            "She is at [ADDRESS], [CITY], this week."
        );
        assert_eq!(
            scrub("Quincy called, Salem too."),
            "Quincy called, Salem too."
        );
    }
}
