//! What to put in place of a finding, kept apart from what to find.

use crate::Finding;

/// Writes the replacement of one finding.
pub trait Replacement {
    /// Appends to `out` what replaces `finding`, whose text is
    /// `&original[finding.start..finding.end]`.
    fn write(&self, original: &str, finding: &Finding, out: &mut String);
}

/// Replaces every finding with its category tag (`[PATIENT]`, `[DATE]`, ...).
#[derive(Clone, Copy, Debug, Default)]
pub struct TagReplacement;

impl Replacement for TagReplacement {
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
    }
}
