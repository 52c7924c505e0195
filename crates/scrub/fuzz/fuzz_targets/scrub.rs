//! Scrubs arbitrary bytes (as lossy UTF-8) in every language, with a roster,
//! and checks the findings and the idempotence of tags.
#![no_main]

use libfuzzer_sys::fuzz_target;
use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut roster = RosterBuilder::new();
    roster.add_name("Anna Koch", Category::PatientName);
    roster.add_name("Pieter van den Berg", Category::ClinicianName);
    let scrubber = Scrubber::new(roster.build());
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
