//! Scoring a scrubber's output against gold spans (the contract in GOLD.md).
//!
//! Tokens are maximal runs of letters or digits. Per message and field the
//! raw and scrubbed token sequences are aligned (longest common
//! subsequence); a raw token that is not matched by an identical scrubbed
//! token counts as changed, so a surrogate or a tag is a change. Tokens
//! inside a tag such as `[DATE]` or `[PATIENT_NAME]` never match.
//!
//! Per category and overall: token recall (protected tokens changed over
//! protected tokens), strict entity recall (spans all of whose tokens
//! changed over spans), verbatim leaks (span texts of 4 or more chars still
//! in the scrubbed field, case-insensitive). Token precision (changed tokens
//! inside a gold span over all changed tokens) is overall; per category it
//! is computed only when the scrubbed lines carry `findings` with
//! categories (tokens covered by findings of that category that lie in any
//! gold span, over tokens covered by findings of that category).

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Result, SynthError};
use crate::gold::GoldRecord;
use crate::text::Category;

/// One line of a scrubber's output.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Scrubbed {
    /// The message id of the raw export.
    pub message_id: String,
    /// Scrubbed subject (missing = empty).
    #[serde(default)]
    pub subject: Option<String>,
    /// Scrubbed body (missing = empty).
    #[serde(default)]
    pub body: Option<String>,
    /// What the scrubber found, with char offsets into the raw field.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// A scrubber's finding (optional in scrubbed lines).
#[derive(Debug, Clone, Deserialize)]
pub struct Finding {
    /// `subject` or `body`.
    pub field: String,
    /// First char in the raw field.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Category name (e.g. `PATIENT_NAME`).
    pub category: String,
}

/// Counts and scores of one category (or of all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    /// Protected tokens.
    pub tokens: u64,
    /// Protected tokens changed or removed.
    pub tokens_changed: u64,
    /// `tokens_changed / tokens`.
    pub token_recall: Option<f64>,
    /// Gold spans with at least one token.
    pub entities: u64,
    /// Spans all of whose tokens changed.
    pub entities_changed: u64,
    /// `entities_changed / entities`.
    pub strict_entity_recall: Option<f64>,
    /// Token precision (see the module documentation).
    pub token_precision: Option<f64>,
    /// Span texts of 4 or more chars still present in the scrubbed field.
    pub leaks: u64,
    #[serde(skip)]
    finding_tokens: u64,
    #[serde(skip)]
    finding_tokens_in_gold: u64,
}

/// A verbatim leak, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leak {
    /// Message.
    pub message_id: String,
    /// Field.
    pub field: String,
    /// Category of the leaked span.
    pub category: Category,
    /// The leaked text (synthetic).
    pub text: String,
}

/// The scorer's result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Messages scored.
    pub messages: u64,
    /// Gold messages with no scrubbed line (scored as unchanged).
    pub missing: u64,
    /// All raw tokens.
    pub raw_tokens: u64,
    /// Raw tokens changed or removed.
    pub changed_tokens: u64,
    /// Changed tokens inside a gold span.
    pub changed_tokens_in_spans: u64,
    /// All categories together.
    pub overall: Score,
    /// Per category, in the gold file's category names.
    pub categories: BTreeMap<String, Score>,
    /// The first leaks (at most 50).
    pub leak_examples: Vec<Leak>,
}

fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// A token: char offsets and text.
#[derive(Debug, Clone, PartialEq)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    tag: bool,
}

/// Maximal runs of letters or digits, with char offsets; tokens inside a
/// `[UPPER_CASE]` tag are marked.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char, byte)
    let mut chars = 0;
    for (byte, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some((chars, byte));
            }
        } else if let Some((cs, bs)) = start.take() {
            out.push(Token {
                start: cs,
                end: chars,
                text: &s[bs..byte],
                tag: false,
            });
        }
        chars += 1;
    }
    if let Some((cs, bs)) = start {
        out.push(Token {
            start: cs,
            end: chars,
            text: &s[bs..],
            tag: false,
        });
    }
    // Mark tags: `[` then upper-case letters, digits, `_` or `-`, then `]`.
    let mut tags = Vec::new();
    let mut open: Option<usize> = None;
    for (chars, c) in s.chars().enumerate() {
        match c {
            '[' => open = Some(chars),
            ']' => {
                if let Some(o) = open.take() {
                    tags.push((o, chars));
                }
            }
            c if c.is_uppercase() || c.is_ascii_digit() || c == '_' || c == '-' => {}
            _ => open = None,
        }
    }
    for t in &mut out {
        t.tag = tags.iter().any(|(o, c)| t.start > *o && t.end <= *c);
    }
    out
}

/// For each raw token, whether it survives unchanged (is matched in a
/// longest common subsequence with the scrubbed tokens).
fn survivors(raw: &[Token], scrubbed: &[Token]) -> Vec<bool> {
    let mut kept = vec![false; raw.len()];
    let same = |a: &Token, b: &Token| !b.tag && a.text == b.text;
    // Common prefix and suffix first: most of a message is unchanged.
    let mut lo = 0;
    while lo < raw.len() && lo < scrubbed.len() && same(&raw[lo], &scrubbed[lo]) {
        kept[lo] = true;
        lo += 1;
    }
    let (mut hi_r, mut hi_s) = (raw.len(), scrubbed.len());
    while hi_r > lo && hi_s > lo && same(&raw[hi_r - 1], &scrubbed[hi_s - 1]) {
        kept[hi_r - 1] = true;
        hi_r -= 1;
        hi_s -= 1;
    }
    let r = &raw[lo..hi_r];
    let s = &scrubbed[lo..hi_s];
    if r.is_empty() || s.is_empty() {
        return kept;
    }
    // LCS table over the middle.
    let w = s.len() + 1;
    let mut table = vec![0u32; (r.len() + 1) * w];
    for i in (0..r.len()).rev() {
        for j in (0..s.len()).rev() {
            table[i * w + j] = if same(&r[i], &s[j]) {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < r.len() && j < s.len() {
        if same(&r[i], &s[j]) {
            kept[lo + i] = true;
            i += 1;
            j += 1;
        } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// Accumulates scores message by message.
#[derive(Debug, Default)]
pub struct Scorer {
    report: Report,
}

impl Scorer {
    /// A scorer with nothing scored yet.
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// Scores one message; `scrubbed` is None if the scrubber left no line.
    pub fn add(&mut self, gold: &GoldRecord, scrubbed: Option<&Scrubbed>) {
        self.report.messages += 1;
        if scrubbed.is_none() {
            self.report.missing += 1;
        }
        for field in ["subject", "body"] {
            let raw = if field == "subject" {
                &gold.subject
            } else {
                &gold.body
            };
            let out: &str = match scrubbed {
                Some(s) => {
                    let v = if field == "subject" {
                        &s.subject
                    } else {
                        &s.body
                    };
                    v.as_deref().unwrap_or("")
                }
                None => raw,
            };
            let findings: Vec<&Finding> = scrubbed
                .map(|s| s.findings.iter().filter(|f| f.field == field).collect())
                .unwrap_or_default();
            self.field(gold, field, raw, out, &findings);
        }
    }

    fn field(
        &mut self,
        gold: &GoldRecord,
        field: &str,
        raw: &str,
        out: &str,
        findings: &[&Finding],
    ) {
        let raw_tokens = tokens(raw);
        let out_tokens = tokens(out);
        let kept = survivors(&raw_tokens, &out_tokens);
        let spans: Vec<_> = gold.spans.iter().filter(|s| s.field == field).collect();
        let overlaps = |t: &Token, start: usize, end: usize| t.start < end && start < t.end;
        let report = &mut self.report;
        for (t, k) in raw_tokens.iter().zip(&kept) {
            report.raw_tokens += 1;
            let in_span = spans.iter().any(|s| overlaps(t, s.start, s.end));
            if !k {
                report.changed_tokens += 1;
                if in_span {
                    report.changed_tokens_in_spans += 1;
                }
            }
            for f in findings {
                if overlaps(t, f.start, f.end) {
                    let score = report.categories.entry(f.category.clone()).or_default();
                    score.finding_tokens += 1;
                    if in_span {
                        score.finding_tokens_in_gold += 1;
                    }
                    report.overall.finding_tokens += 1;
                    if in_span {
                        report.overall.finding_tokens_in_gold += 1;
                    }
                }
            }
        }
        let out_lower = out.to_lowercase();
        for span in spans {
            let name = span.category.as_str().to_string();
            let mut n = 0;
            let mut changed = 0;
            for (t, k) in raw_tokens.iter().zip(&kept) {
                if overlaps(t, span.start, span.end) {
                    n += 1;
                    if !k {
                        changed += 1;
                    }
                }
            }
            let leak =
                span.text.chars().count() >= 4 && out_lower.contains(&span.text.to_lowercase());
            for score in [
                report.categories.entry(name).or_default(),
                &mut report.overall,
            ] {
                score.tokens += n;
                score.tokens_changed += changed;
                if n > 0 {
                    score.entities += 1;
                    if changed == n {
                        score.entities_changed += 1;
                    }
                }
                if leak {
                    score.leaks += 1;
                }
            }
            if leak && report.leak_examples.len() < 50 {
                report.leak_examples.push(Leak {
                    message_id: gold.message_id.clone(),
                    field: field.to_string(),
                    category: span.category,
                    text: span.text.clone(),
                });
            }
        }
    }

    /// The finished report.
    pub fn finish(mut self) -> Report {
        let r = &mut self.report;
        for score in r
            .categories
            .values_mut()
            .chain(std::iter::once(&mut r.overall))
        {
            score.token_recall = ratio(score.tokens_changed, score.tokens);
            score.strict_entity_recall = ratio(score.entities_changed, score.entities);
            score.token_precision = ratio(score.finding_tokens_in_gold, score.finding_tokens);
        }
        r.overall.token_precision = ratio(r.changed_tokens_in_spans, r.changed_tokens);
        self.report
    }
}

fn read_lines(path: &Path) -> Result<impl Iterator<Item = (usize, std::io::Result<String>)>> {
    let file = std::fs::File::open(path).map_err(SynthError::io(path))?;
    Ok(std::io::BufReader::new(file)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty())))
}

fn parse<T: serde::de::DeserializeOwned>(
    path: &Path,
    line: usize,
    text: std::io::Result<String>,
) -> Result<T> {
    let text = text.map_err(SynthError::io(path))?;
    serde_json::from_str(&text).map_err(|source| SynthError::Json {
        path: path.to_path_buf(),
        line: line + 1,
        source,
    })
}

/// Scores the scrubbed JSON Lines file against the gold file. Both are
/// streamed while their message ids line up; when they do not, the rest of
/// the scrubbed file is read into a map by message id.
pub fn score_files(gold: &Path, scrubbed: &Path) -> Result<Report> {
    let gold_path = gold.to_path_buf();
    let scrubbed_path = scrubbed.to_path_buf();
    let mut scrubbed_lines = read_lines(scrubbed)?;
    let mut by_id: Option<HashMap<String, Scrubbed>> = None;
    let mut scorer = Scorer::new();
    let mut gold_ids = 0u64;
    for (line, text) in read_lines(gold)? {
        let record: GoldRecord = parse(&gold_path, line, text)?;
        gold_ids += 1;
        if by_id.is_none() {
            match scrubbed_lines.next() {
                Some((sl, st)) => {
                    let s: Scrubbed = parse(&scrubbed_path, sl, st)?;
                    if s.message_id == record.message_id {
                        scorer.add(&record, Some(&s));
                        continue;
                    }
                    let mut map = HashMap::new();
                    map.insert(s.message_id.clone(), s);
                    for (sl, st) in scrubbed_lines.by_ref() {
                        let s: Scrubbed = parse(&scrubbed_path, sl, st)?;
                        map.insert(s.message_id.clone(), s);
                    }
                    by_id = Some(map);
                }
                None => {
                    scorer.add(&record, None);
                    continue;
                }
            }
        }
        let found = by_id.as_ref().and_then(|m| m.get(&record.message_id));
        scorer.add(&record, found);
    }
    if gold_ids == 0 {
        return Err(SynthError::Mismatch(format!(
            "{}: no gold records",
            gold.display()
        )));
    }
    Ok(scorer.finish())
}

/// The report as pretty-printed JSON (for `--out`).
pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).unwrap_or_default();
    json.push('\n');
    json
}

/// The report as a fixed-width table.
pub fn table(report: &Report) -> String {
    let pct = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0));
    let mut out = format!(
        "{:<15} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6}\n",
        "category", "tokens", "recall", "entities", "strict", "precision", "leaks"
    );
    let mut row = |name: &str, s: &Score| {
        out.push_str(&format!(
            "{:<15} {:>8} {:>8} {:>8} {:>8} {:>9} {:>6}\n",
            name,
            s.tokens,
            pct(s.token_recall),
            s.entities,
            pct(s.strict_entity_recall),
            pct(s.token_precision),
            s.leaks
        ));
    };
    for category in Category::ALL {
        if let Some(s) = report.categories.get(category.as_str()) {
            row(category.as_str(), s);
        }
    }
    for (name, s) in &report.categories {
        if !Category::ALL.iter().any(|c| c.as_str() == name) {
            row(name, s);
        }
    }
    row("overall", &report.overall);
    out.push_str(&format!(
        "{} messages ({} without a scrubbed line), {} raw tokens, {} changed, {} of them protected\n",
        report.messages,
        report.missing,
        report.raw_tokens,
        report.changed_tokens,
        report.changed_tokens_in_spans
    ));
    out
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
