//! Detectors of protected information that follow a pattern: contacts,
//! numbers, dates, addresses. They run over one shared token stream
//! ([`Doc`]) in priority order; a token that one detector claimed is not
//! offered to the next. Each detector appends [`Finding`]s and knows nothing
//! of replacement.

pub(crate) mod address;
pub(crate) mod age;
mod care_home;
pub(crate) mod contact;
pub(crate) mod date;
pub(crate) mod ids;
mod inst_case;
mod institution;
mod opaque;
pub(crate) mod phone;
mod spelled;
mod towns;

use crate::lexicon::{AGE_WORD, ID_LABEL, MONTH, SPELLED};
use crate::token::Doc;
use crate::{Category, Finding, Lang};

/// The buffers of the last scan, kept for the next so that a scan
/// allocates only for a message longer than any before it. One
/// thread-local for the three: each access costs, and a message of a few
/// words does little else.
struct Spare {
    /// Claim flags.
    claimed: Vec<bool>,
    /// Veiled tokens (emptied).
    veiled: Vec<(usize, crate::token::Tok)>,
    /// Findings (the findings a scan returns are a copy of their own size).
    out: Vec<Finding>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = const {
        std::cell::RefCell::new(Spare {
            claimed: Vec::new(),
            veiled: Vec::new(),
            out: Vec::new(),
        })
    };
}

impl Drop for Scan<'_> {
    fn drop(&mut self) {
        SPARE.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.claimed = std::mem::take(&mut self.claimed);
                self.veiled.clear();
                s.veiled = std::mem::take(&mut self.veiled);
                s.out = std::mem::take(&mut self.out);
            }
        });
    }
}

/// A message being scanned: tokens, which of them are taken, and findings.
pub(crate) struct Scan<'a> {
    /// The tokenised message.
    pub doc: Doc<'a>,
    /// Its language.
    pub lang: Lang,
    /// Per token: already part of a finding.
    pub claimed: Vec<bool>,
    /// Findings so far.
    pub out: Vec<Finding>,
    /// Claimed tokens as they were before they turned opaque (see
    /// `opaque.rs`).
    pub veiled: Vec<(usize, crate::token::Tok)>,
    /// The capitalised and the lower-case function word that showed the
    /// message cased (see `opaque.rs`).
    pub evidence: Option<(usize, usize)>,
    /// Numbers a word next to them kept from being dates, to be tried
    /// again once that word may be inside a finding (see `date.rs`).
    pub deferred: Vec<usize>,
    /// Whether a domain was left for standing after an `@` (see
    /// `contact.rs`).
    pub domain_after_at: bool,
    /// [`Doc::nums`] as the text was cut, for [`Scan::unveil`].
    pub nums_cut: Option<u128>,
}

impl<'a> Scan<'a> {
    /// A scan of `text`.
    pub fn new(text: &'a str, lang: Lang) -> Scan<'a> {
        let doc = Doc::new(text);
        let doc_nums = doc.nums;
        let (mut claimed, veiled, mut out) = SPARE.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => (
                std::mem::take(&mut s.claimed),
                std::mem::take(&mut s.veiled),
                std::mem::take(&mut s.out),
            ),
            Err(_) => Default::default(),
        });
        claimed.clear();
        claimed.resize(doc.len(), false);
        out.clear();
        Scan {
            doc,
            lang,
            claimed,
            out,
            veiled,
            evidence: None,
            deferred: Vec::new(),
            domain_after_at: false,
            nums_cut: doc_nums,
        }
    }

    /// Whether tokens `a..=b` are all unclaimed.
    pub fn free(&self, a: usize, b: usize) -> bool {
        b < self.claimed.len() && self.claimed[a..=b].iter().all(|c| !c)
    }

    /// Records a finding over tokens `a..=b` and claims them.
    pub fn push(&mut self, a: usize, b: usize, category: Category, rule: &'static str) {
        for c in &mut self.claimed[a..=b] {
            *c = true;
        }
        self.out.push(Finding {
            start: self.doc.toks[a].start,
            end: self.doc.toks[b].end,
            category,
            rule,
        });
        self.veil(a, b);
    }

    /// Records a finding over a byte span (for detectors that do not follow
    /// token bounds) and claims the tokens it touches.
    pub fn push_bytes(&mut self, start: usize, end: usize, category: Category, rule: &'static str) {
        // The tokens are in order: those it touches are a run, found by a
        // binary search (a long message may hold many such findings).
        let toks = &self.doc.toks;
        let a = toks.partition_point(|t| t.end <= start);
        let b = a + toks[a..].partition_point(|t| t.start < end);
        for c in &mut self.claimed[a..b] {
            *c = true;
        }
        if a < b {
            self.veil(a, b - 1);
        }
        self.out.push(Finding {
            start,
            end,
            category,
            rule,
        });
    }
}

/// Tries again what waited for the other rules (see
/// [`date::retry_deferred`], [`contact::retry_domains`]).
pub(crate) fn find_deferred(scan: &mut Scan<'_>) {
    if !scan.deferred.is_empty() {
        date::retry_deferred(scan);
    }
    contact::retry_domains(scan);
}

/// Runs every pattern detector, in priority order.
pub(crate) fn find_patterns(scan: &mut Scan<'_>) {
    contact::find(scan);
    if scan.doc.flags & SPELLED != 0 {
        spelled::emails(scan);
    }
    if scan.doc.has_punct(b'@') {
        spelled::handles(scan);
    }
    // Most detectors need a digit somewhere in the message.
    if scan.doc.has_num {
        ids::find(scan);
        ids::ssn_last_four(scan);
        date::find(scan);
        age::find(scan);
        phone::find(scan);
        ids::find_long_numbers(scan);
    } else if scan.doc.flags & (MONTH | ID_LABEL) != 0 {
        date::find(scan);
    }
    if scan.doc.flags & AGE_WORD != 0 {
        age::in_words(scan);
    }
    address::find(scan);
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for detector tests.
    use super::*;

    /// The findings of `f` over `text` as (covered text, rule).
    pub fn run(text: &str, lang: Lang, f: impl Fn(&mut Scan<'_>)) -> Vec<(String, &'static str)> {
        let mut scan = Scan::new(text, lang);
        f(&mut scan);
        let mut out = std::mem::take(&mut scan.out);
        out.sort_by_key(|f| f.start);
        out.iter()
            .map(|f| (text[f.start..f.end].to_string(), f.rule))
            .collect()
    }

    /// Only the covered texts.
    pub fn texts(text: &str, lang: Lang, f: impl Fn(&mut Scan<'_>)) -> Vec<String> {
        run(text, lang, f).into_iter().map(|(t, _)| t).collect()
    }
}
