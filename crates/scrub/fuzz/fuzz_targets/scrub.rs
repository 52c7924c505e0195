//! Scrubs arbitrary bytes (as lossy UTF-8) in every language, with a roster,
//! and checks the findings and the idempotence of tags.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

/// One scrubber for every input, as in a release.
static SCRUBBER: LazyLock<Scrubber> = LazyLock::new(|| {
    let mut roster = RosterBuilder::new();
    roster.add_name("Anna Koch", Category::PatientName);
    roster.add_name("Pieter van den Berg", Category::ClinicianName);
    Scrubber::new(roster.build())
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let scrubber = &*SCRUBBER;
    for lang in [Lang::De, Lang::Nl, Lang::En] {
        let out = scrubber.scrub(&text, lang);
        let mut at = 0;
        for f in &out.findings {
            assert!(f.start >= at && f.end > f.start && f.end <= text.len());
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            at = f.end;
        }
        assert_eq!(scrubber.scrub(&out.text, lang).text, out.text);
    }
    let _ = Lang::detect(&text);
});
