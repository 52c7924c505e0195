//! What to put in place of a finding, kept apart from what to find.

use chrono::NaiveDate;

use crate::{Finding, Lang};

/// What a replacement may need to know about the message: its language, its
/// sent date and the patient's date shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScrubContext {
    /// The message language (detection rules and surrogate names follow it).
    pub lang: Lang,
    /// The day the message was sent (local date, unshifted); dates in the
    /// text without a year are resolved against it.
    pub sent_date: Option<NaiveDate>,
    /// The patient's date shift in days, applied to dates in the text by
    /// [`crate::Surrogates`].
    pub shift_days: i64,
}

impl ScrubContext {
    /// A context with only a language: no sent date, no shift.
    pub fn new(lang: Lang) -> ScrubContext {
        ScrubContext {
            lang,
            sent_date: None,
            shift_days: 0,
        }
    }
}

/// Writes the replacement of one finding.
pub trait Replacement {
    /// Appends to `out` what replaces `finding`, whose text is
    /// `&original[finding.start..finding.end]`.
    fn write(&self, original: &str, finding: &Finding, out: &mut String);

    /// Like [`Replacement::write`], knowing the message context. The default
    /// ignores the context.
    fn write_in(&self, original: &str, finding: &Finding, ctx: &ScrubContext, out: &mut String) {
        let _ = ctx;
        self.write(original, finding, out);
    }
}

/// Replaces every finding with its category tag (`[PATIENT]`, `[DATE]`, ...).
#[derive(Clone, Copy, Debug, Default)]
pub struct TagReplacement;

impl Replacement for TagReplacement {
    #[inline]
    fn write(&self, _original: &str, finding: &Finding, out: &mut String) {
        out.push_str(finding.category.tag());
    }
}

/// `text` with every finding replaced; `findings` must be sorted and must
/// not overlap.
pub fn apply(text: &str, findings: &[Finding], replacement: &dyn Replacement) -> String {
    let mut out = String::with_capacity(text.len() + findings.len() * 8);
    let mut at = 0;
    for f in findings {
        debug_assert!(f.start >= at, "findings overlap or are unsorted");
        out.push_str(&text[at..f.start]);
        replacement.write(text, f, &mut out);
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Like [`apply`], with the message context passed to the replacement.
pub fn apply_in(
    text: &str,
    findings: &[Finding],
    ctx: &ScrubContext,
    replacement: &dyn Replacement,
) -> String {
    apply_with(text, findings, ctx, replacement)
}

/// [`apply_in`] for a replacement whose type is known, so that its
/// `write_in` can be inlined (the tags of [`crate::Scrubber::scrub`]).
pub(crate) fn apply_with<R: Replacement + ?Sized>(
    text: &str,
    findings: &[Finding],
    ctx: &ScrubContext,
    replacement: &R,
) -> String {
    let mut out = String::with_capacity(text.len() + findings.len() * 8);
    let mut at = 0;
    for f in findings {
        debug_assert!(f.start >= at, "findings overlap or are unsorted");
        out.push_str(&text[at..f.start]);
        replacement.write_in(text, f, ctx, &mut out);
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;

    #[test]
    fn tags_replace_spans_and_keep_the_rest() {
        let text = "Hallo Anna, bis 12.3.!";
        let findings = [
            Finding {
                start: 6,
                end: 10,
                category: Category::PatientName,
                rule: "t",
            },
            Finding {
                start: 16,
                end: 21,
                category: Category::Date,
                rule: "t",
            },
        ];
        assert_eq!(
            apply(text, &findings, &TagReplacement),
            "Hallo [PATIENT], bis [DATE]!"
        );
        assert_eq!(
            apply_in(
                text,
                &findings,
                &ScrubContext::new(Lang::De),
                &TagReplacement
            ),
            "Hallo [PATIENT], bis [DATE]!"
        );
    }
}
