//! Detectors of protected information that follow a pattern: contacts,
//! dates, numbers. Each detector appends [`Finding`]s and knows nothing of
//! replacement.

use std::sync::LazyLock;

use regex::Regex;

use crate::{Category, Finding, Lang};

/// Runs every pattern detector over `text`.
pub(crate) fn find_patterns(text: &str, _lang: Lang, out: &mut Vec<Finding>) {
    find_regex(&EMAIL, text, Category::Email, "email", out);
    find_regex(&URL, text, Category::Url, "url", out);
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b")
        .expect("valid regex")
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?]").expect("valid regex")
});

fn find_regex(
    re: &Regex,
    text: &str,
    category: Category,
    rule: &'static str,
    out: &mut Vec<Finding>,
) {
    out.extend(re.find_iter(text).map(|m| Finding {
        start: m.start(),
        end: m.end(),
        category,
        rule,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Category)> {
        let mut out = Vec::new();
        find_patterns(text, Lang::De, &mut out);
        out.iter()
            .map(|f| (&text[f.start..f.end], f.category))
            .collect()
    }

    #[test]
    fn emails_and_urls() {
        assert_eq!(
            found("Mail an a.koch@example.org oder https://portal.example.de/x?id=3."),
            vec![
                ("a.koch@example.org", Category::Email),
                ("https://portal.example.de/x?id=3", Category::Url)
            ]
        );
    }
}
