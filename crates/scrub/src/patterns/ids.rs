//! Identifying numbers: IBANs (mod-97 checksum), Dutch BSNs (11-check),
//! German health-insurance numbers (KVNR: a letter and nine digits), US
//! social security numbers in their groups (`123-45-6789`), IPv4
//! addresses, patient and record numbers after their labels, and other long
//! numbers.

use super::Scan;
use crate::Category;
use crate::cand::{Cands, Words};
use crate::lexicon::{ID_LABEL, PHONE_LABEL};
use crate::token::{Case, Doc, Gap, Kind};

/// Words that may stand between a label and its number.
const FILLERS: Words = Words::new(&[
    "nr", "nummer", "number", "no", "num", "is", "ist", "lautet", "van", "of", "der", "des", "de",
    "id", "bij", "jullie", "u", "bei", "ihnen", "euch", "with", "you", "at", "mijn", "mein",
    "meine", "my", "dort", "daar", "there", "hier", "here",
]);

/// Finds IBANs, KVNRs, labelled numbers and BSNs.
pub(crate) fn find(scan: &mut Scan<'_>) {
    // Numbers, and the words that can start an IBAN or a KVNR (one or
    // two bytes glued to a number) or be a label (lexicon labels, and
    // compounds of six bytes or more that end in `nr` or `nummer`): no
    // other word finds anything below.
    let d = &scan.doc;
    let text = d.text.as_bytes();
    let cands = if d.short_word_num || d.flags & ID_LABEL != 0 {
        Cands::of_at(d, |k, t| {
            let len = t.end - t.start;
            let before_number = d
                .toks
                .get(k + 1)
                .is_some_and(|n| (n.kind == Kind::Num) & (n.gap == Gap::None));
            let ends_in_r = text[t.end - 1] | 0x20 == b'r';
            (t.kind == Kind::Num)
                | ((t.kind == Kind::Word)
                    & (((len <= 2) & before_number)
                        | ((len >= 6) & ends_in_r)
                        | (t.info.flags & ID_LABEL != 0)))
        })
    } else {
        // No short word before a number and no label of the lexicon's:
        // numbers, and the words that may be label compounds.
        Cands::nums_and_r_words(d)
    };
    let mut i = 0;
    for c in cands.iter() {
        if c < i {
            continue;
        }
        i = c;
        if scan.claimed[i] {
            i += 1;
            continue;
        }
        let next = match scan.doc.toks[i].kind {
            Kind::Word => {
                let d = &scan.doc;
                let before_number = d.is_num(i + 1) && d.toks[i + 1].gap == Gap::None;
                let label = d.has(i, ID_LABEL) || is_label_compound(d.s(i));
                if before_number {
                    iban(scan, i)
                        .or_else(|| kvnr(scan, i))
                        .or_else(|| if label { labelled(scan, i) } else { None })
                } else if label {
                    labelled(scan, i)
                } else {
                    None
                }
            }
            Kind::Num => ssn(scan, i)
                .or_else(|| ip_address(scan, i))
                .or_else(|| bsn(scan, i)),
            Kind::Punct => None,
        };
        i = next.unwrap_or(i + 1);
    }
}

/// Whether `s` (upper-case letters and digits) passes the IBAN mod-97 check.
pub(crate) fn iban_valid(s: &[u8]) -> bool {
    if s.len() < 15
        || s.len() > 34
        || !s[..2].iter().all(u8::is_ascii_uppercase)
        || !s[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &b in s[4..].iter().chain(&s[..4]) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// Whether nine digits pass the Dutch BSN 11-check.
pub(crate) fn bsn_valid(digits: &[u8]) -> bool {
    if digits.len() != 9
        || !digits.iter().all(u8::is_ascii_digit)
        || digits.iter().all(|&d| d == b'0')
    {
        return false;
    }
    let mut sum: i32 = 0;
    for (k, &d) in digits.iter().enumerate() {
        let w = if k == 8 { -1 } else { 9 - k as i32 };
        sum += w * i32::from(d - b'0');
    }
    sum % 11 == 0
}

/// `DE89 3704 0044 0532 0130 00`, `NL91ABNA0417164300`.
fn iban(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let w = d.s(i);
    if w.len() < 2 || !w.is_ascii() {
        return None;
    }
    if w.len() == 2 && !(d.is_num(i + 1) && d.toks[i + 1].gap == Gap::None && d.digits(i + 1) >= 2)
    {
        return None;
    }
    if w.len() > 2 {
        // `NL91ABNA...` starts with the letters glued to the check digits.
        return None;
    }
    let mut chars: Vec<u8> = w.bytes().map(|b| b.to_ascii_uppercase()).collect();
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (token, chars so far)
    let mut k = i + 1;
    while k < d.len() && chars.len() < 34 {
        let t = d.toks[k];
        if t.gap == Gap::Line
            || t.kind == Kind::Punct
            || (t.gap == Gap::Space && (d.toks[k - 1].kind == Kind::Punct || t.end - t.start > 4))
        {
            break;
        }
        chars.extend(d.s(k).bytes().map(|b| b.to_ascii_uppercase()));
        ends.push((k, chars.len()));
        k += 1;
    }
    let label = i > 0 && d.s(i - 1).eq_ignore_ascii_case("iban")
        || i > 1 && d.is_punct(i - 1, ':') && d.s(i - 2).eq_ignore_ascii_case("iban");
    let valid = ends
        .iter()
        .rev()
        .find(|&&(_, len)| len <= 34 && iban_valid(&chars[..len]));
    let fallback = || {
        ends.iter().rev().find(|&&(_, len)| {
            label && (15..=34).contains(&len) && chars[2..4].iter().all(u8::is_ascii_digit)
        })
    };
    let (end, rule) = match valid {
        Some(&(end, _)) => (end, "iban"),
        None => (fallback()?.0, "iban.label"),
    };
    if !scan.free(i, end) {
        return None;
    }
    scan.push(i, end, Category::Iban, rule);
    Some(end + 1)
}

/// `A123456789`: a letter glued to nine digits.
fn kvnr(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    let w = d.s(i);
    if w.len() != 1 || !w.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    if !(d.is_num(i + 1) && d.toks[i + 1].gap == Gap::None && d.digits(i + 1) == 9) {
        return None;
    }
    if d.glued_before(i) {
        return None;
    }
    if d.toks
        .get(i + 2)
        .is_some_and(|t| t.gap == Gap::None && t.kind != Kind::Punct)
    {
        return None;
    }
    scan.push(i, i + 1, Category::IdNumber, "kvnr");
    Some(i + 2)
}

/// `Patientennr.: 123456`, `Fall-Nr. 2024-0815`, `MRN: AB-12345`,
/// `dossiernummer 1234567`: the code after a label.
fn labelled(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if !d.has(i, ID_LABEL) && !is_label_compound(d.s(i)) {
        return None;
    }
    if d.has(i, PHONE_LABEL) {
        return None;
    }
    let mut k = i + 1;
    let mut steps = 0;
    while k < d.len() && steps < 6 {
        let t = d.toks[k];
        let filler = match t.kind {
            Kind::Punct => matches!(t.ch, '.' | ':' | '-' | '#' | '(' | ')' | '/' | '|'),
            Kind::Word => FILLERS.has(d.s(k)) || d.has(k, ID_LABEL) && !d.is_num(k + 1),
            Kind::Num => false,
        };
        if !filler {
            break;
        }
        k += 1;
        steps += 1;
    }
    if k >= d.len() || d.toks[k].gap == Gap::Line && steps > 2 {
        return None;
    }
    // The code: glued letters, digits, and inner dashes, slashes or dots.
    // A German court's file number has groups: department, register and
    // number (`Az. 51 XVII 1234/24`).
    let court = d.is_one_of(i, &["az", "aktenzeichen", "geschäftszeichen"]);
    // A German number plate: district, letters, then digits after a space
    // (`B-MK 1234`, `M-AB 12`).
    let plate = d.is_one_of(i, &["kennzeichen", "nummernschild", "autokennzeichen"]);
    let start = k;
    let mut end = None;
    let mut digits = 0;
    let mut groups = 0;
    while k < d.len() {
        let t = d.toks[k];
        if k > start && t.gap != Gap::None {
            // `123 456 789`: digit groups separated by single spaces.
            let digit_group = t.kind == Kind::Num
                && t.gap == Gap::Space
                && d.toks[k - 1].kind == Kind::Num
                && d.digits(k) >= 3;
            let court_group = court
                && t.gap == Gap::Space
                && groups < 3
                && (t.kind == Kind::Num
                    || t.kind == Kind::Word && t.case == Case::Upper && d.s(k).len() <= 5
                    || t.kind == Kind::Word && d.chars(k) == 1 && t.case != Case::Lower);
            let plate_group = plate
                && t.gap == Gap::Space
                && groups == 0
                && t.kind == Kind::Num
                && d.toks[k - 1].kind == Kind::Word;
            if !digit_group && !court_group && !plate_group {
                break;
            }
            groups += 1;
        }
        match t.kind {
            Kind::Num => {
                digits += d.digits(k);
                end = Some(k);
            }
            Kind::Word => {
                if d.s(k).len() > 6 {
                    break;
                }
                end = Some(k);
            }
            Kind::Punct => {
                let inner = matches!(t.ch, '-' | '/' | '.' | '_')
                    && d.toks
                        .get(k + 1)
                        .is_some_and(|n| n.gap == Gap::None && n.kind != Kind::Punct);
                if !inner || k == start {
                    break;
                }
            }
        }
        k += 1;
    }
    let end = end?;
    let least = if plate && groups > 0 { 1 } else { 3 };
    if digits < least || !scan.free(start, end) {
        return None;
    }
    // `Mijn nummer is 06-12 34 56 78`: after a label that only says
    // `number`, a code that starts with 0 and goes on in digit groups to
    // the length of a phone number is one; the phone rule takes it whole.
    if d.is_one_of(i, &["nummer", "number", "nr", "no", "num"]) && d.s(start).starts_with('0') {
        let mut all = digits;
        let mut g = end + 1;
        while d.is_num(g) && d.toks[g].gap == Gap::Space && d.digits(g) >= 2 {
            all += d.digits(g);
            g += 1;
        }
        if (9..=13).contains(&all) {
            return None;
        }
    }
    let code: Vec<u8> = (start..=end)
        .filter(|&k| d.is_num(k))
        .flat_map(|k| d.s(k).bytes())
        .collect();
    let rule = if bsn_valid(&code) {
        "bsn"
    } else if d.s(i).eq_ignore_ascii_case("bsn")
        || d.s(i).eq_ignore_ascii_case("burgerservicenummer")
    {
        "bsn.label"
    } else {
        "id.label"
    };
    scan.push(start, end, Category::IdNumber, rule);
    Some(end + 1)
}

/// The last four digits of a social security number, given as such (`SSN
/// ending in 6789`, `last 4 of my social security number: 6789`).
pub(crate) fn ssn_last_four(scan: &mut Scan<'_>) {
    let d = &scan.doc;
    if scan.lang != crate::Lang::En || d.num_lens & (1 << 4) == 0 {
        return;
    }
    let text = d.text;
    if !(text.contains("SSN") || text.contains("ssn") || text.contains("ocial")) {
        return;
    }
    for i in 0..d.len() {
        let d = &scan.doc;
        let ssn = d.is_word(i)
            && (d.s(i).eq_ignore_ascii_case("ssn")
                || d.s(i).eq_ignore_ascii_case("social")
                    && d.is_word(i + 1)
                    && d.s(i + 1).eq_ignore_ascii_case("security"));
        if !ssn {
            continue;
        }
        // `ending in`, `last 4`, `last four digits`, then the number, on the line.
        let mut k = i + 1;
        // `last 4 of my social security number are 1234`: told before.
        let mut told =
            (i.saturating_sub(6)..i).any(|p| d.is_word(p) && d.is_one_of(p, &["ending", "last"]));
        while k < d.len() && k <= i + 12 && d.toks[k].gap != Gap::Line {
            if d.is_word(k) && d.is_one_of(k, &["ending", "ends", "last"]) {
                told = true;
            } else if told && d.is_num(k) && d.digits(k) == 4 && !d.glued_after(k) {
                if scan.free(k, k) {
                    scan.push(k, k, Category::IdNumber, "id.ssn_last_four");
                }
                break;
            }
            k += 1;
        }
    }
}

/// Label compounds not in the lexicon: `Versichertennummer`,
/// `zorgverzekeringsnummer`, `Klantnr`: a word ending in `nummer` or `nr`
/// that holds the stem of an identifying record.
fn is_label_compound(w: &str) -> bool {
    let b = w.as_bytes();
    let tail_nr = b.len() >= 6
        && (b[b.len() - 2..].eq_ignore_ascii_case(b"nr")
            || b[b.len() - 6..].eq_ignore_ascii_case(b"nummer"));
    if !tail_nr {
        return false;
    }
    let lower = w.to_lowercase();
    (lower.ends_with("nummer") || lower.ends_with("nr"))
        && [
            "patient",
            "fall",
            "versicher",
            "akte",
            "dossier",
            "register",
            "kranken",
            "mitglied",
            "kunden",
            "aufnahme",
            "opname",
            "verzeker",
            "polis",
            "klant",
            "relatie",
            "lidmaat",
            "client",
            "cliënt",
            "burgerservice",
            "ausweis",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// `123456782`, `1234.56.782`, `123 456 782` passing the 11-check.
/// Digits gathered from number tokens: the first nine and how many in all.
#[derive(Default)]
struct Digits {
    first: [u8; 9],
    len: usize,
}

impl Digits {
    fn push(&mut self, digits: &str) {
        for b in digits.bytes() {
            if let Some(slot) = self.first.get_mut(self.len) {
                *slot = b;
            }
            self.len += 1;
        }
    }
}

fn bsn(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if d.glued_before(i) {
        return None;
    }
    if after_country_code(d, i) {
        return None;
    }
    // The digits, on the stack: only nine of them can be a BSN.
    let mut digits = Digits::default();
    digits.push(d.s(i));
    let mut end = i;
    // Grouped forms.
    if digits.len < 9 {
        let mut k = i + 1;
        while digits.len < 9 && k < d.len() {
            let sep_ok =
                (d.is_glued_punct(k, '.') && d.is_num(k + 1) && d.toks[k + 1].gap == Gap::None)
                    || (d.is_num(k) && d.toks[k].gap == Gap::Space);
            if d.is_num(k) && sep_ok {
                digits.push(d.s(k));
                end = k;
                k += 1;
            } else if sep_ok {
                digits.push(d.s(k + 1));
                end = k + 1;
                k += 2;
            } else {
                break;
            }
        }
    }
    if digits.len != 9 || !bsn_valid(&digits.first) {
        return None;
    }
    // Glued to a letter, a digit or a tag (which stood for letters before
    // a scrub: `3333k'mC`).
    if d.glued_after(end) {
        return None;
    }
    if !scan.free(i, end) {
        return None;
    }
    scan.push(i, end, Category::IdNumber, "bsn");
    Some(end + 1)
}

/// Whether number `i` is the rest of a phone number after its country code:
/// `+31 6 1779 3177`, `0031 20 123 4567`.
fn after_country_code(d: &Doc<'_>, i: usize) -> bool {
    if i == 0 || !d.is_num(i - 1) || d.toks[i].gap != Gap::Space {
        return false;
    }
    let code = d.s(i - 1);
    i >= 2 && d.is_punct(i - 2, '+') && d.toks[i - 1].gap == Gap::None
        || (3..=5).contains(&code.len()) && code.starts_with("00") && !d.glued_before(i - 1)
}

/// A US social security number written in its groups of three, two and
/// four digits, `123-45-6789` or `123 45 6789` (no other number is written
/// so), at token `i`: the token after it.
fn ssn(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    if d.digits(i) != 3 || d.glued_before(i) {
        return None;
    }
    let dashed = d.is_glued_punct(i + 1, '-')
        && d.is_glued_punct(i + 3, '-')
        && [i + 2, i + 4]
            .iter()
            .all(|&k| d.toks.get(k).is_some_and(|t| t.gap == Gap::None));
    let spaced = d.is_num(i + 1)
        && d.is_num(i + 2)
        && [i + 1, i + 2].iter().all(|&k| d.toks[k].gap == Gap::Space);
    let (second, third) = match (dashed, spaced) {
        (true, _) => (i + 2, i + 4),
        (false, true) => (i + 1, i + 2),
        _ => return None,
    };
    if d.digits(second) != 2 || d.digits(third) != 4 || d.glued_after(third) {
        return None;
    }
    // `123-45-6789-0`: part of a longer number.
    if d.is_glued_punct(third + 1, '-') && d.is_num(third + 2) {
        return None;
    }
    if !scan.free(i, third) {
        return None;
    }
    scan.push(i, third, Category::IdNumber, "id.ssn");
    Some(third + 1)
}

/// An IPv4 address, four numbers of up to 255 joined by dots
/// (`192.168.10.42`), at token `i`: the token after it.
fn ip_address(scan: &mut Scan<'_>, i: usize) -> Option<usize> {
    let d = &scan.doc;
    // `1.2.3.4.5` read from its second part on is no address either.
    if d.glued_before(i) || (i > 0 && d.toks[i].gap == Gap::None && d.is_punct(i - 1, '.')) {
        return None;
    }
    let octet = |k: usize| d.digits(k) <= 3 && d.num(k).is_some_and(|v| v <= 255);
    let last = i + 6;
    let dotted = (0..3).all(|n| {
        let dot = i + 1 + 2 * n;
        d.is_glued_punct(dot, '.') && d.toks.get(dot + 1).is_some_and(|t| t.gap == Gap::None)
    });
    if !dotted || !(0..4).all(|n| octet(i + 2 * n)) || d.glued_after(last) {
        return None;
    }
    // A fifth part (`1.2.3.4.5`, `0.0.0.0.[ID]` once scrubbed) is no
    // address.
    if d.is_glued_punct(last + 1, '.') && d.toks.get(last + 2).is_some_and(|t| t.gap == Gap::None) {
        return None;
    }
    if !scan.free(i, last) {
        return None;
    }
    scan.push(i, last, Category::IdNumber, "id.ip_address");
    Some(last + 1)
}

/// Any other run of eight digits or more, unclaimed by the detectors before:
/// such numbers identify something (a case, an order, an account).
pub(crate) fn find_long_numbers(scan: &mut Scan<'_>) {
    if scan.doc.num_lens >> 8 == 0 {
        return;
    }
    let nums = Cands::of(&scan.doc, |t| {
        (t.kind == Kind::Num) & (t.end - t.start >= 8)
    });
    for i in nums.iter() {
        if !scan.claimed[i] && scan.doc.digits(i) >= 8 {
            scan.push(i, i, Category::IdNumber, "id.number");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use super::*;
    use crate::Lang;

    fn ids(text: &str) -> Vec<(String, &'static str)> {
        run(text, Lang::De, find)
    }

    #[test]
    fn checksums() {
        assert!(iban_valid(b"DE89370400440532013000"));
        assert!(!iban_valid(b"DE89370400440532013001"));
        assert!(iban_valid(b"NL91ABNA0417164300"));
        assert!(bsn_valid(b"111222333"));
        assert!(!bsn_valid(b"111222334"));
    }

    #[test]
    fn ibans_in_text() {
        assert_eq!(
            ids("IBAN DE89 3704 0044 0532 0130 00 bitte"),
            [("DE89 3704 0044 0532 0130 00".to_string(), "iban")]
        );
        assert_eq!(
            ids("rekening NL91ABNA0417164300."),
            [("NL91ABNA0417164300".to_string(), "iban")]
        );
        assert_eq!(
            ids("nl91 abna 0417 1643 00"),
            [("nl91 abna 0417 1643 00".to_string(), "iban")]
        );
    }

    #[test]
    fn social_security_numbers_in_their_groups() {
        let en = |text: &str| run(text, Lang::En, find);
        assert_eq!(
            en("My SSN is 123-45-6789."),
            [("123-45-6789".to_string(), "id.ssn")]
        );
        assert_eq!(
            en("ssn 078 05 1120 ok"),
            [("078 05 1120".to_string(), "id.ssn")]
        );
        // Other groupings and longer numbers are not.
        assert!(en("call 555-123-4567").is_empty());
        assert!(en("ref 123-45-6789-1").is_empty());
        assert!(en("ref 123-45-67890").is_empty());
        assert!(en("x1123-45-6789").is_empty());
    }

    #[test]
    fn ip_addresses() {
        let en = |text: &str| run(text, Lang::En, find);
        assert_eq!(
            en("My IP is 192.168.10.42."),
            [("192.168.10.42".to_string(), "id.ip_address")]
        );
        assert!(en("version 1.2.3.4.5").is_empty());
        assert!(en("not 300.1.2.3 or 1.2.3").is_empty());
        // A date is three numbers.
        assert!(run("am 14.03.2025", Lang::De, find).is_empty());
    }

    #[test]
    fn german_number_plates() {
        assert_eq!(
            ids("Mein Kennzeichen ist B-MK 1234."),
            [("B-MK 1234".to_string(), "id.label")]
        );
        assert_eq!(
            ids("Kennzeichen: M-AB 12"),
            [("M-AB 12".to_string(), "id.label")]
        );
    }

    #[test]
    fn court_file_numbers() {
        assert_eq!(
            ids("Amtsgericht, Az. 51 XVII 1234/24) hat"),
            [("51 XVII 1234/24".to_string(), "id.label")]
        );
        assert_eq!(
            ids("Aktenzeichen: 2 C 345/23 Ich komme"),
            [("2 C 345/23".to_string(), "id.label")]
        );
    }

    #[test]
    fn bsn_kvnr_and_labels() {
        assert_eq!(
            ids("BSN 123456789"),
            [("123456789".to_string(), "bsn.label")]
        );
        assert_eq!(ids("BSN 111222333"), [("111222333".to_string(), "bsn")]);
        // The rest of a phone number after its country code is no BSN.
        assert!(ids("bel +31 6 1779 3177").is_empty());
        assert_eq!(
            ids("mijn nummer 111.222.333"),
            [("111.222.333".to_string(), "bsn")]
        );
        assert_eq!(
            ids("Versichertennummer: A123456789"),
            [("A123456789".to_string(), "id.label")]
        );
        assert_eq!(
            ids("Karte A123456789 liegt vor"),
            [("A123456789".to_string(), "kvnr")]
        );
        assert_eq!(
            ids("Pat.-Nr.: 4711-0815"),
            [("4711-0815".to_string(), "id.label")]
        );
        assert_eq!(ids("MRN: AB-12345"), [("AB-12345".to_string(), "id.label")]);
        assert_eq!(
            ids("Fallnummer 2024/00123 und mehr"),
            [("2024/00123".to_string(), "id.label")]
        );
        assert_eq!(
            ids("dossiernummer 1234567"),
            [("1234567".to_string(), "id.label")]
        );
        assert!(ids("Fall 2 von 3, Nr. 5").is_empty());
    }
}
