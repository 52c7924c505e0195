//! Properties of the scrubber over random input.

use proptest::prelude::*;
use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::De), Just(Lang::Nl), Just(Lang::En)]
}

/// Text that looks like messages: words, names, numbers, dates, punctuation.
fn message_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zäöüß]{1,10}",
        "[A-ZÄÖÜ][a-zäöü]{1,10}",
        "[A-Z]{2,6}",
        "[0-9]{1,12}",
        "[0-9]{1,2}[./-][0-9]{1,2}[./-]?[0-9]{0,4}",
        "\\+?[0-9 ()/-]{3,16}",
        prop::sample::select(vec![
            "Herr",
            "Frau",
            "Dr.",
            "mevrouw",
            "Mr.",
            "Liebe",
            "Beste",
            "Dear",
            "Grüße",
            "groet",
            "regards",
            "meine Tochter",
            "my wife",
            "van",
            "de",
            "März",
            "mei",
            "May",
            "Jänner",
            "Koch",
            "Bakker",
            "Brown",
            "Anna",
            "Jan",
            "Klinikum",
            "Straße",
            "straat",
            "Street",
            "IBAN",
            "BSN",
            "Tel.",
            "@",
            "www.",
            "mg",
            "Jahre",
            "[DATE]",
            "[NAME]",
            "\n",
            ",",
            ".",
            ":",
            "-",
            "'",
            "(",
            ")",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(
        (piece, prop::sample::select(vec!["", " ", " ", "\n"])),
        0..40,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), message_like()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_findings_are_sound(text in any_text(), lang in lang()) {
        let out = Scrubber::default().scrub(&text, lang);
        let mut at = 0;
        for f in &out.findings {
            prop_assert!(f.start >= at && f.end > f.start && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            at = f.end;
        }
        prop_assert!(std::str::from_utf8(out.text.as_bytes()).is_ok());
    }

    #[test]
    fn scrubbing_scrubbed_text_changes_nothing(text in any_text(), lang in lang()) {
        let scrubber = Scrubber::default();
        let once = scrubber.scrub(&text, lang).text;
        let twice = scrubber.scrub(&once, lang).text;
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn roster_names_never_survive(
        text in any_text(),
        first in "[A-Z][a-z]{3,8}",
        last in "[A-Z][a-z]{3,10}",
        at in 0usize..400,
        lang in lang(),
        upper in any::<bool>(),
        open in prop::sample::select(vec!["", "„", "“", "«", "‚", "\"", "(", "–", "\u{a0}"]),
        close in prop::sample::select(vec!["", "“", "”", "»", "‘", "’", "\"", ")", "–", "…", "\u{a0}"]),
    ) {
        let name = format!("{first} {last}");
        let mut roster = RosterBuilder::new();
        roster.add_name(&name, Category::PatientName);
        let scrubber = Scrubber::new(roster.build());
        let mut cut = at.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let written = if upper { name.to_uppercase() } else { name.clone() };
        // Quotes, dashes and spaces that are not ASCII end a name too.
        let input = format!("{} {open}{written}{close} {}", &text[..cut], &text[cut..]);
        let out = scrubber.scrub(&input, lang).text.to_lowercase();
        prop_assert!(!out.contains(&name.to_lowercase()), "{out}");
        for part in [&first, &last] {
            let part = part.to_lowercase();
            let whole_word = out.match_indices(&part).any(|(i, m)| {
                let before = out[..i].chars().next_back();
                let after = out[i + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            });
            prop_assert!(!whole_word, "{part} survives in {out}");
        }
    }
}
