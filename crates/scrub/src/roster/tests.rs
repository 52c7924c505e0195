//! Tests of the roster matcher.

use super::*;
use crate::fold::fold;

fn spans(roster: &Roster, text: &str) -> Vec<(String, Category)> {
    let mut out = Vec::new();
    roster.find(&fold(text), &mut out);
    crate::finding::resolve_overlaps(&mut out);
    out.iter()
        .map(|f| (text[f.start..f.end].to_string(), f.category))
        .collect()
}

fn roster(names: &[(&str, Category)]) -> Roster {
    let mut b = RosterBuilder::new();
    for (n, c) in names {
        b.add_name(n, *c);
    }
    b.build()
}

#[test]
fn finds_full_names_parts_and_initials_in_any_case() {
    let r = roster(&[
        ("Anna Koch", Category::PatientName),
        ("Dr. Katrin Wolf", Category::ClinicianName),
    ]);
    assert_eq!(
        spans(
            &r,
            "Liebe Frau KOCH, anna koch schrieb an K. Wolf und Dr. Wolf."
        ),
        vec![
            ("KOCH".into(), Category::PatientName),
            ("anna koch".into(), Category::PatientName),
            ("K. Wolf".into(), Category::ClinicianName),
            ("Wolf".into(), Category::ClinicianName),
        ]
    );
}

#[test]
fn whole_words_only_with_possessive_s() {
    let r = roster(&[("Anna Koch", Category::PatientName)]);
    assert_eq!(spans(&r, "Kochsalz und Kochen"), vec![]);
    assert_eq!(
        spans(&r, "Frau Kochs Termin"),
        vec![("Kochs".into(), Category::PatientName)]
    );
}

#[test]
fn umlaut_spellings_and_nfd_match() {
    let r = roster(&[("Jürgen Weiß", Category::PatientName)]);
    let found = spans(
        &r,
        "Herr Juergen Weiss, Herr Jurgen WEISS, Herr Ju\u{0308}rgen",
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn hyphenated_and_particle_names() {
    let r = roster(&[
        ("Lena Schulze-Lindner", Category::PatientName),
        ("Pieter van den Berg", Category::OtherName),
    ]);
    assert_eq!(
        spans(
            &r,
            "Frau Lindner und mevrouw Schulze-Lindner; groet, van den Berg"
        ),
        vec![
            ("Lindner".into(), Category::PatientName),
            ("Schulze-Lindner".into(), Category::PatientName),
            ("van den Berg".into(), Category::OtherName),
        ]
    );
    assert_eq!(
        spans(&r, "van de week"),
        vec![],
        "particles alone are no names"
    );
    // Dutch particles that are prepositions too (`in 't Veld`, `op den
    // Akker`, `uit den Bogaard`, `aan de Stegge`): the whole surname is a
    // name, the preposition alone is not.
    let r = roster(&[
        ("Jan in 't Veld", Category::PatientName),
        ("Ria op den Akker", Category::PatientName),
        ("Kees uit den Bogaard", Category::PatientName),
        ("Els aan de Stegge", Category::PatientName),
    ]);
    assert_eq!(
        spans(
            &r,
            "ik ben in de stad op tijd, uit en aan; groet, in 't Veld"
        ),
        vec![("in 't Veld".into(), Category::PatientName)]
    );
    assert_eq!(
        spans(&r, "op den Akker"),
        vec![("op den Akker".into(), Category::PatientName)]
    );
}

#[test]
fn forms_that_begin_with_punctuation_and_possessives() {
    let r = roster(&[("Kees 't Hart", Category::PatientName)]);
    assert_eq!(
        spans(&r, "Groet, 't Hart. Kees' boek, K. 't Harts fiets"),
        vec![
            ("'t Hart".into(), Category::PatientName),
            ("Kees".into(), Category::PatientName),
            ("K. 't Harts".into(), Category::PatientName),
        ]
    );
    // Found in the order of their ends, longer names first.
    let r = roster(&[("Anna Koch", Category::PatientName)]);
    let mut out = Vec::new();
    r.find(&fold("Anna Kochs Sohn"), &mut out);
    let found: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
    assert_eq!(found, [(0, 4), (0, 10), (5, 10)]);
}

#[test]
fn words_of_ascii_text_find_what_folded_text_finds() {
    let r = roster(&[
        ("Anna Koch", Category::PatientName),
        ("Dr. Katrin Wolf", Category::ClinicianName),
        ("Pieter van den Berg", Category::OtherName),
        ("Kees 't Hart", Category::PatientName),
        ("Lena Schulze-Lindner", Category::PatientName),
        ("Jürgen Weiß", Category::PatientName),
        ("Mary-Ann O'Brien-Smith", Category::OtherName),
    ]);
    for text in [
        "",
        "Liebe Frau KOCH, anna koch schrieb an K. Wolf und Dr. Wolf.",
        "Anna Kochs Sohn; Kochsalz und Kochen, Annas Buch",
        "Groet, 't Hart. Kees' boek, K. 't Harts fiets, van den Bergs",
        "Frau Lindner und mevrouw Schulze-Lindner; groet, van den Berg",
        "Herr Juergen Weiss, Herr Jurgen WEISS, weiss1978, 00juergen",
        "mary-ann o'brien-smith, Mary Ann, OBrien, K.Wolf K Wolf Katrins",
        "anna\nkoch anna  ,  koch kochs anna annas annak wolfs wolf's",
    ] {
        let doc = crate::token::Doc::new(text);
        assert!(doc.ascii);
        let mut by_words = Vec::new();
        r.find_words(text, &doc.words, &mut by_words);
        let mut folded = Vec::new();
        r.find(&fold(text), &mut folded);
        assert_eq!(by_words, folded, "{text:?}");
    }
    assert!(!crate::token::Doc::new("Jürgen").ascii);
}

/// The roster of [`words_of_text_that_is_not_ascii_find_what_folded_text_finds`].
fn roster_with_umlauts() -> Roster {
    roster(&[
        ("Anna Koch", Category::PatientName),
        ("Dr. Katrin Wolf", Category::ClinicianName),
        ("Jürgen Weiß", Category::PatientName),
        ("Zoë Ærø-Müller", Category::OtherName),
        ("Łukasz Wójcik", Category::OtherName),
        ("Kees 't Hart", Category::PatientName),
        ("Søren Çelik", Category::ClinicianName),
    ])
}

/// What [`Roster::find_folded`] finds in `text`, whether it read the
/// mapped words, and what [`Roster::find`] finds.
fn folded_both_ways(r: &Roster, text: &str) -> (Vec<Finding>, bool, Vec<Finding>) {
    let doc = crate::token::Doc::new(text);
    let folded = fold(text);
    let mut mapped = Vec::new();
    r.find_folded(&folded, &doc, &mut mapped);
    let read = folded::map_words(&folded, &doc, &mut Vec::new());
    let mut scanned = Vec::new();
    r.find(&folded, &mut scanned);
    (mapped, read, scanned)
}

#[test]
fn words_of_text_that_is_not_ascii_find_what_folded_text_finds() {
    let r = roster_with_umlauts();
    for (text, read) in [
        ("Liebe Frau Köch, Jürgen Weiß schrieb an K. Wolf.", true),
        (
            "Herr Juergen Weiss, Herr JÜRGEN WEISS, weiß1978, Müller",
            true,
        ),
        ("„Koch“ «Wolf» Weiß–Koch\u{a0}Anna…Koch © ‚Jürgen‘", true),
        (
            "Zoë Ærø-Müller, zoe aeroe-mueller, Łukasz Wójcik's Bruder",
            true,
        ),
        ("Jürgens Weißs Annas Kochs Søren Çelik, søren", true),
        ("Anna Koc\u{308}h und Ju\u{308}rgen Weiß", true),
        ("’t Hart, Kees ’t Hart, Kees 't Hart", true),
        ("Koch² Anna½ Koch™ Anna", false),
        ("Jürgen\u{301}Weiß x\u{37e}Koch ا Anna ‹Koch›", true),
        ("Ünal Weiß 12.3. Koch-Ärztin Anna-Koch", true),
        ("𐶎\u{11c92}Σ Anna Koch", false),
        ("Anna.\u{301}\u{11c92}Σ Koch", false),
    ] {
        let (mapped, was_read, scanned) = folded_both_ways(&r, text);
        assert_eq!(mapped, scanned, "{text:?}");
        assert_eq!(was_read, read, "{text:?}");
    }
}

proptest::proptest! {
    #[test]
    fn mapped_words_find_what_folded_text_finds(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Anna", "koch", "KOCH", "Jürgen", "juergen", "Weiß", "WEISS", "Zoë",
                "Ærø", "Müller", "mueller", "Łukasz", "Wójcik", "Søren", "Çelik", "Wolf",
                "K.", "Dr.", "'t", "’t", "Hart", "Kees", "s", "ü", "ß", "\u{308}",
                "\u{301}", "²", "™", "„", "“", "–", "-", " ", "  ", "\n", ",", "1978",
                "\u{a0}", "…", "\u{37e}", "ا", "é", "x", "𐶎", "\u{11c92}", "Σ", ".",
            ]),
            0..14,
        )
    ) {
        let r = roster_with_umlauts();
        let text: String = pieces.concat();
        let (mapped, _, scanned) = folded_both_ways(&r, &text);
        proptest::prop_assert_eq!(mapped, scanned, "{:?}", text);
    }
}

/// What [`Roster::find_unfolded`] finds in `text` (None if it leaves the
/// text to be folded), and what [`Roster::find_folded`] finds.
fn unfolded_and_folded(r: &Roster, text: &str) -> (Option<Vec<Finding>>, Vec<Finding>) {
    let doc = crate::token::Doc::new(text);
    let mut unfolded = Vec::new();
    let read = r.find_unfolded(&doc, &mut unfolded);
    let mut folded = Vec::new();
    r.find_folded(&fold(text), &doc, &mut folded);
    (read.then_some(unfolded), folded)
}

/// [`roster_with_umlauts`] without forms that begin with punctuation.
fn roster_with_umlauts_only_words() -> Roster {
    roster(&[
        ("Anna Koch", Category::PatientName),
        ("Dr. Katrin Wolf", Category::ClinicianName),
        ("Jürgen Weiß", Category::PatientName),
        ("Zoë Ærø-Müller", Category::OtherName),
        ("Łukasz Wójcik", Category::OtherName),
        ("Søren Çelik", Category::ClinicianName),
        ("Kees Hart", Category::PatientName),
    ])
}

#[test]
fn text_read_unfolded_finds_what_folded_text_finds() {
    let r = roster_with_umlauts_only_words();
    for (text, read) in [
        ("Liebe Frau Koch, schöne Grüße an K. Wolf.", true),
        ("„Hallo“ – Anna Koch, Kees Harts Brief für Wolf.", true),
        ("„Anna Koch“", false),
        ("Grüße, Anna Kochs Sohn; Kees HART", true),
        ("Liebe Frau Köch, Jürgen Weiß schrieb.", false),
        ("Anna Koch\u{a0}kam", false),
        ("Anna Kochü", true),
        ("Kochü Anna", true),
        ("Koch² Anna", false),
        ("Anna Koc\u{308}h", false),
        ("Grüße an Anna Koch und Herrn Meier", true),
        ("Grüße an Herrn Müller", false),
        ("Zoë Ærø-Müller", false),
    ] {
        let (unfolded, folded) = unfolded_and_folded(&r, text);
        assert_eq!(unfolded.is_some(), read, "{text:?}");
        if let Some(unfolded) = unfolded {
            assert_eq!(unfolded, folded, "{text:?}");
        }
    }
    // Forms that begin with punctuation need the folded text.
    let doc = crate::token::Doc::new("Grüße an Kees");
    assert!(!roster_with_umlauts().find_unfolded(&doc, &mut Vec::new()));
}

proptest::proptest! {
    #[test]
    fn text_read_unfolded_finds_what_folded_text_finds_anywhere(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Anna", "koch", "KOCH", "Kochs", "Jürgen", "juergen", "Weiß", "WEISS", "Zoë",
                "Ærø", "Müller", "mueller", "Łukasz", "Søren", "Çelik", "Wolf", "Kees",
                "Hart", "K.", "Dr.", "s", "ü", "ß", "ä", "\u{308}", "²", "™", "„", "“",
                "–", "-", " ", "  ", "\n", ",", "1978", "\u{a0}", "…", "ا", "é", "x",
                "𐶎", "Σ", ".", "·", "ª", "\u{2028}", "€",
            ]),
            0..14,
        )
    ) {
        let r = roster_with_umlauts_only_words();
        let text: String = pieces.concat();
        let (unfolded, folded) = unfolded_and_folded(&r, &text);
        if let Some(unfolded) = unfolded {
            proptest::prop_assert_eq!(unfolded, folded, "{:?}", text);
        }
    }
}

#[test]
fn eight_bytes_at_once_like_one_at_a_time() {
    let all: Vec<u8> = (0..=255u8)
        .chain([b'a', b'Z', b'0', b'9', 0xC3, 0x80])
        .collect();
    for eight in all.windows(8) {
        let v = u64::from_le_bytes(eight.try_into().unwrap());
        let mut expected = 0u64;
        for (k, &b) in eight.iter().enumerate() {
            expected |= u64::from(word_byte(b)) << k;
        }
        assert_eq!(word_bytes8(v), expected, "{eight:?}");
    }
}

#[test]
fn segments_are_the_runs_of_word_bytes() {
    for text in [
        "",
        "a",
        " a b, cd",
        &"x".repeat(64),
        &format!("{} {}", "y".repeat(63), "z".repeat(70)),
        &format!("{}.", "w".repeat(128)),
        "jürgen weiß, 12ab--",
    ] {
        let mut got = Vec::new();
        segments(text.as_bytes(), |s, e| got.push((s, e)));
        let bytes = text.as_bytes();
        let mut expected = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if !word_byte(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && word_byte(bytes[at]) {
                at += 1;
            }
            expected.push((start, at));
        }
        assert_eq!(got, expected, "{text:?}");
    }
}

#[test]
fn credentials_are_no_names() {
    let r = roster(&[("Michael Black, MD", Category::ClinicianName)]);
    assert_eq!(spans(&r, "MD").len(), 0);
    assert_eq!(spans(&r, "Michael Black, MD").len(), 1);
}

#[test]
fn last_comma_first_and_titles() {
    let r = roster(&[
        ("Becker, Jonas", Category::ClinicianName),
        ("Prof. Dr. med. Eva Roth", Category::ClinicianName),
    ]);
    assert_eq!(spans(&r, "Jonas Becker").len(), 1);
    assert_eq!(spans(&r, "Eva Roth").len(), 1);
    assert_eq!(spans(&r, "Dr. und Prof."), vec![]);
}

#[test]
fn shared_forms_keep_the_higher_priority_category() {
    let r = roster(&[
        ("Petra Bauer", Category::OtherName),
        ("Max Bauer", Category::PatientName),
    ]);
    assert_eq!(
        spans(&r, "Bauer"),
        vec![("Bauer".into(), Category::PatientName)]
    );
}

#[test]
fn eight_byte_comparison_is_eq_ignore_ascii_case() {
    let words: Vec<Vec<u8>> = [
        "",
        "a",
        "A",
        "koch",
        "KOCH",
        "Koch",
        "kocH",
        "anna koch",
        "ANNA KOCH",
        "anna kocj",
        "van den berg-mueller",
        "VAN DEN BERG-MUELLER",
        "van den berg-muellEr",
        "łodz",
        "ŁODZ",
        "@[`{",
        "`{@[",
        "z Z a A",
        "Z z A a",
    ]
    .iter()
    .map(|w| w.as_bytes().to_vec())
    .chain((0..=255u8).map(|b| vec![b; 9]))
    .chain((0..=255u8).map(|b| vec![b ^ 0x20; 9]))
    .collect();
    // Every length up to 17, with a capital or another byte at every place.
    let base = b"abcdefghijklmnopq";
    let mut words = words;
    for n in 1..=base.len() {
        words.push(base[..n].to_vec());
        for k in 0..n {
            for swap in [0x20, 0x01, 0x80] {
                let mut w = base[..n].to_vec();
                w[k] ^= swap;
                words.push(w);
            }
        }
    }
    for a in &words {
        for b in &words {
            assert_eq!(
                eq_ignore_ascii_case8(a, b),
                a.eq_ignore_ascii_case(b),
                "{a:?} {b:?}"
            );
        }
    }
}

#[test]
fn bytes_equal_but_for_ascii_case_hash_alike() {
    for b in 0..=255u8 {
        for h in [HASH_START, 0, u64::MAX, 0x1234_5678_9abc_def0] {
            let hashes = [
                hash_step(h, b),
                hash_step(h, b.to_ascii_lowercase()),
                hash_step(h, b.to_ascii_uppercase()),
            ];
            assert!(hashes.iter().all(|&x| x == hashes[0]), "{b}");
        }
    }
    assert_eq!(hash_key(b"Anna Koch"), hash_key(b"aNNA kOCH"));
}
