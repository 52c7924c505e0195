//! The audit of a release: `audit.json` and a self-contained `audit.html`
//! (inline SVG, works offline) with the policy, reconciliation per source,
//! redactions per category and rule per site (from the findings table),
//! redactions per message, the most frequent kept capitalised tokens,
//! re-identification risk of the patients table, key fingerprint and tool
//! version. Nothing in it is raw text: kept tokens come from scrubbed text.
//!
//! The most frequent removed tokens that are ordinary words hold raw text
//! and go to `private/<study>/audit-private.json` only ([`removed_words`]).

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, Int32Type};
use datafusion::common::{HashMap, HashSet};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::{Deserialize, Serialize};
use veil_format::{MESSAGES_TABLE, Manifest, PATIENTS_TABLE, SourceCounts};
use veil_pseudonym::Key;

use crate::ReleaseError;
use crate::error::io;
use crate::findings::{FindingsSummary, text_mac_bytes};
use crate::risk::{RiskReport, measure};

/// File name of the audit in a release.
pub const AUDIT_JSON: &str = "audit.json";
/// File name of the audit page in a release.
pub const AUDIT_HTML: &str = "audit.html";
/// How many tokens the audit lists.
const TOP_TOKENS: usize = 30;

/// What was asked of and done for k-anonymity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KAnonymity {
    /// The k the pipeline asks for (0: report only).
    pub k_target: u32,
    /// `generalize` or `suppress`.
    pub action: String,
    /// Steps taken, in order.
    pub steps: Vec<String>,
}

/// Redaction counts, all from the findings table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redactions {
    /// Findings in total.
    pub total: u64,
    /// Per site, per category.
    pub by_site_category: BTreeMap<String, BTreeMap<String, u64>>,
    /// Per site, per rule.
    pub by_site_rule: BTreeMap<String, BTreeMap<String, u64>>,
    /// Messages by their number of redactions (`0`, `1`, `2`, `3-4`, `5-9`, `10+`).
    pub per_message: BTreeMap<String, u64>,
}

/// The audit of a release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Audit {
    /// `veil`.
    pub tool: String,
    /// Its version.
    pub tool_version: String,
    /// Study name.
    pub study: String,
    /// Fingerprint of the key.
    pub key_fingerprint: String,
    /// Made with the public demo key.
    pub demo_key: bool,
    /// sha256 of the pipeline file.
    pub pipeline_sha256: String,
    /// Treatment of every column.
    pub policy: BTreeMap<String, String>,
    /// Rows in, released and quarantined per source.
    pub reconciliation: Vec<SourceCounts>,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    /// Redactions.
    pub redactions: Redactions,
    /// Most frequent capitalised tokens kept in scrubbed text (where misses hide).
    pub kept_capitalised_tokens: Vec<(String, u64)>,
    /// Re-identification risk of the patients table.
    pub risk: Option<RiskReport>,
    /// k-anonymity asked and done.
    pub k_anonymity: KAnonymity,
}

/// Reads every batch of a release table, one at a time, into `each`.
pub(crate) fn for_each_batch(
    release: &Path,
    manifest: &Manifest,
    table: &str,
    mut each: impl FnMut(&RecordBatch),
) -> Result<(), ReleaseError> {
    let Some(entry) = manifest.tables.get(table) else {
        return Ok(());
    };
    for file in &entry.files {
        let path = release.join(file);
        let parquet = |source| ReleaseError::Parquet {
            path: path.clone(),
            source,
        };
        let handle = File::open(&path).map_err(io(&path))?;
        let reader = ParquetRecordBatchReaderBuilder::try_new(handle)
            .map_err(parquet)?
            .build()
            .map_err(parquet)?;
        for batch in reader {
            each(&batch.map_err(|e| parquet(e.into()))?);
        }
    }
    Ok(())
}

/// Reads every batch of a release table (for small tables).
pub(crate) fn table_batches(
    release: &Path,
    manifest: &Manifest,
    table: &str,
) -> Result<Vec<RecordBatch>, ReleaseError> {
    let mut out = Vec::new();
    for_each_batch(release, manifest, table, |b| out.push(b.clone()))?;
    Ok(out)
}

fn per_message_bucket(n: i32) -> &'static str {
    match n {
        i32::MIN..=0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=9 => "5-9",
        _ => "10+",
    }
}

/// Words of a scrubbed text outside tags (see [`Word`]). A word is a run
/// of letters and digits (Unicode's); ASCII is read byte by byte.
fn words(text: &str) -> Words<'_> {
    Words {
        text,
        at: 0,
        in_tag: false,
        sentence_start: true,
    }
}

/// One word of [`words`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word<'a> {
    /// The word.
    text: &'a str,
    /// Whether it starts a sentence.
    sentence_start: bool,
    /// Whether it is all ASCII.
    ascii: bool,
    /// Whether an ASCII upper-case letter or digit is in it.
    upper_or_digit: bool,
}

/// The iterator of [`words`].
struct Words<'a> {
    text: &'a str,
    at: usize,
    in_tag: bool,
    sentence_start: bool,
}

/// What an ASCII byte is to [`Words`] (the two kinds of word bytes first,
/// so that a word's bytes are told by their numbers).
#[derive(Clone, Copy, PartialEq)]
#[repr(u8)]
enum Byte {
    /// A lower-case letter: part of a word.
    Lower = 0,
    /// An upper-case letter or a digit: part of a word.
    UpperOrDigit = 1,
    /// `[`: a tag opens.
    Open,
    /// `]`: a tag closes.
    Close,
    /// `.`, `!`, `?`, `:` or a line break: a sentence starts after it.
    Stop,
    /// Anything else.
    Other,
}

/// [`Byte`] of every ASCII byte.
const BYTES: [Byte; 128] = {
    let mut t = [Byte::Other; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => Byte::Lower,
            b'0'..=b'9' | b'A'..=b'Z' => Byte::UpperOrDigit,
            b'[' => Byte::Open,
            b']' => Byte::Close,
            b'.' | b'!' | b'?' | b'\n' | b':' => Byte::Stop,
            _ => Byte::Other,
        };
        b += 1;
    }
    t
};

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // To the start of the next word outside a tag.
        loop {
            let &b = bytes.get(i)?;
            if b.is_ascii() {
                match BYTES[usize::from(b)] {
                    Byte::Lower | Byte::UpperOrDigit if !self.in_tag => break,
                    Byte::Open => self.in_tag = true,
                    Byte::Close => self.in_tag = false,
                    Byte::Stop => self.sentence_start = true,
                    Byte::Lower | Byte::UpperOrDigit | Byte::Other => {}
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() && !self.in_tag {
                    break;
                }
                i += c.len_utf8();
            }
        }
        // To its end (a tag neither opens nor closes inside a word). The
        // char after it is looked at again by the next call.
        let start = i;
        let (mut ascii, mut seen) = (true, Byte::Lower as u8);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                let byte = BYTES[usize::from(b)] as u8;
                if byte > Byte::UpperOrDigit as u8 {
                    break;
                }
                seen |= byte;
                i += 1;
            } else {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        self.at = i;
        let sentence_start = std::mem::replace(&mut self.sentence_start, false);
        Some(Word {
            text: &self.text[start..i],
            sentence_start,
            ascii,
            upper_or_digit: seen == Byte::UpperOrDigit as u8,
        })
    }
}

fn top(counts: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(TOP_TOKENS);
    v
}

/// Text columns of a messages batch (subject and body).
fn texts(batch: &RecordBatch) -> impl Iterator<Item = &str> {
    ["subject", "body"]
        .into_iter()
        .filter_map(|name| batch.column_by_name(name))
        .filter(|a| a.data_type() == &DataType::Utf8)
        .flat_map(|a| {
            let s = a.as_string::<i32>();
            (0..s.len()).filter(|i| s.is_valid(*i)).map(|i| s.value(i))
        })
}

/// What the audit counts in the released text of the messages table,
/// batch by batch (as the table is written, or read back).
#[derive(Default)]
pub(crate) struct TextTallies {
    /// Messages per bucket of redactions.
    per_message: BTreeMap<String, u64>,
    /// Capitalised words (3 characters or more) not at a sentence start.
    kept: HashMap<String, u64>,
    /// Whether lower-case words are gathered too.
    gather_ordinary: bool,
    /// Lower-case words of 3 characters or more.
    ordinary: HashSet<String>,
}

impl TextTallies {
    /// Empty tallies; lower-case words are gathered when `ordinary`.
    pub(crate) fn new(ordinary: bool) -> TextTallies {
        TextTallies {
            gather_ordinary: ordinary,
            ..TextTallies::default()
        }
    }

    /// Counts one batch of the messages table.
    pub(crate) fn add(&mut self, batch: &RecordBatch) {
        if let Some(r) = batch.column_by_name("redactions") {
            let r = r.as_primitive::<Int32Type>();
            for i in 0..r.len() {
                let bucket = per_message_bucket(r.value(i));
                match self.per_message.get_mut(bucket) {
                    Some(n) => *n += 1,
                    None => {
                        self.per_message.insert(bucket.to_string(), 1);
                    }
                }
            }
        }
        for text in texts(batch) {
            for word in words(text) {
                let Word {
                    text: word,
                    sentence_start,
                    ascii,
                    upper_or_digit,
                } = word;
                // Most words are ASCII: their bytes answer what chars would.
                let short = word.len() < 3 || !ascii && word.chars().count() < 3;
                let capitalised = if ascii {
                    word.as_bytes()[0].is_ascii_uppercase()
                } else {
                    word.chars().next().is_some_and(char::is_uppercase)
                };
                if capitalised {
                    if !sentence_start && !short {
                        match self.kept.get_mut(word) {
                            Some(n) => *n += 1,
                            None => {
                                self.kept.insert(word.to_string(), 1);
                            }
                        }
                    }
                } else if self.gather_ordinary
                    && !short
                    && if ascii {
                        !upper_or_digit
                    } else {
                        word.chars().all(char::is_lowercase)
                    }
                    && !self.ordinary.contains(word)
                {
                    self.ordinary.insert(word.to_string());
                }
            }
        }
    }
}

fn tally_text(
    release: &Path,
    manifest: &Manifest,
    ordinary: bool,
) -> Result<TextTallies, ReleaseError> {
    let mut tallies = TextTallies::new(ordinary);
    for_each_batch(release, manifest, MESSAGES_TABLE, |batch| {
        tallies.add(batch)
    })?;
    Ok(tallies)
}

/// Computes the audit of the release in `release` (its tables as listed in
/// `manifest`) with the counts of `findings`.
pub fn compute_audit(
    release: &Path,
    manifest: &Manifest,
    findings: &FindingsSummary,
    k_anonymity: KAnonymity,
    risk_threshold: u32,
) -> Result<Audit, ReleaseError> {
    let tallies = tally_text(release, manifest, false)?;
    audit_of(
        release,
        manifest,
        findings,
        k_anonymity,
        risk_threshold,
        tallies,
    )
}

/// The audit ([`compute_audit`]) and the removed ordinary words
/// ([`removed_words`]) from `tallies` of the released text, gathered with
/// lower-case words while the messages table was written.
pub(crate) fn audit_and_removed_words(
    release: &Path,
    manifest: &Manifest,
    findings: &FindingsSummary,
    k_anonymity: KAnonymity,
    risk_threshold: u32,
    key: &Key,
    mut tallies: TextTallies,
) -> Result<(Audit, Vec<(String, u64)>), ReleaseError> {
    let removed = removed_of(&std::mem::take(&mut tallies.ordinary), findings, key);
    let audit = audit_of(
        release,
        manifest,
        findings,
        k_anonymity,
        risk_threshold,
        tallies,
    )?;
    Ok((audit, removed))
}

fn audit_of(
    release: &Path,
    manifest: &Manifest,
    findings: &FindingsSummary,
    k_anonymity: KAnonymity,
    risk_threshold: u32,
    tallies: TextTallies,
) -> Result<Audit, ReleaseError> {
    let patients = table_batches(release, manifest, PATIENTS_TABLE)?;
    let risk = manifest
        .tables
        .contains_key(PATIENTS_TABLE)
        .then(|| measure(&patients, risk_threshold));
    Ok(Audit {
        tool: manifest.tool.clone(),
        tool_version: manifest.tool_version.clone(),
        study: manifest.study.clone(),
        key_fingerprint: manifest.key_fingerprint.clone(),
        demo_key: manifest.demo_key,
        pipeline_sha256: manifest.pipeline_sha256.clone(),
        policy: manifest.policy.clone(),
        reconciliation: manifest.sources.clone(),
        tables: manifest
            .tables
            .iter()
            .map(|(k, v)| (k.clone(), v.rows))
            .collect(),
        redactions: Redactions {
            total: findings.total,
            by_site_category: findings.by_site_category.clone(),
            by_site_rule: findings.by_site_rule.clone(),
            per_message: tallies.per_message,
        },
        kept_capitalised_tokens: top(tallies.kept),
        risk,
        k_anonymity,
    })
}

/// The most frequent removed tokens that are ordinary words: lower-case
/// words of the kept text whose keyed digest (as written, lower case or
/// capitalised) matches the digest of a finding. Raw text: for
/// `private/<study>/` only.
pub fn removed_words(
    release: &Path,
    manifest: &Manifest,
    findings: &FindingsSummary,
    key: &Key,
) -> Result<Vec<(String, u64)>, ReleaseError> {
    let tallies = tally_text(release, manifest, true)?;
    Ok(removed_of(&tallies.ordinary, findings, key))
}

fn removed_of(
    ordinary: &HashSet<String>,
    findings: &FindingsSummary,
    key: &Key,
) -> Vec<(String, u64)> {
    let mut removed = HashMap::default();
    for word in ordinary {
        let mut capitalised: String = word.chars().take(1).flat_map(char::to_uppercase).collect();
        capitalised.extend(word.chars().skip(1));
        let n: u64 = [word.clone(), capitalised]
            .iter()
            .filter_map(|w| findings.by_text_mac.get(&text_mac_bytes(&key.text_mac(w))?))
            .sum();
        if n > 0 {
            removed.insert(word.clone(), n);
        }
    }
    top(removed)
}

/// Writes `audit.json` and `audit.html` into `dir`.
pub fn write_audit(dir: &Path, audit: &Audit) -> Result<(), ReleaseError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut json = serde_json::to_string_pretty(audit).expect("audit serializes");
    json.push('\n');
    let path = dir.join(AUDIT_JSON);
    std::fs::write(&path, json).map_err(io(&path))?;
    let path = dir.join(AUDIT_HTML);
    std::fs::write(&path, crate::audit_html::render(audit)).map_err(io(&path))?;
    Ok(())
}

/// Reads `audit.json` from a directory.
pub fn read_audit(dir: &Path) -> Result<Audit, ReleaseError> {
    let path = dir.join(AUDIT_JSON);
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    serde_json::from_str(&text)
        .map_err(|e| ReleaseError::Verify(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_skip_tags_and_mark_sentence_starts() {
        let w: Vec<_> = pairs("Liebe Frau [PATIENT], Ihr Termin. Danke");
        assert_eq!(
            w,
            vec![
                ("Liebe", true),
                ("Frau", false),
                ("Ihr", false),
                ("Termin", false),
                ("Danke", true)
            ]
        );
    }

    #[test]
    fn words_are_runs_of_unicode_letters_and_digits() {
        let text = "Grüße aus Köln! Ça va? [DATE]x2 3½ Straße:Nr.12\nΩmega日本 ÄRZTIN]zu[ab";
        let w: Vec<_> = pairs(text);
        assert_eq!(
            w,
            vec![
                ("Grüße", true),
                ("aus", false),
                ("Köln", false),
                ("Ça", true),
                ("va", false),
                ("x2", true),
                ("3½", false),
                ("Straße", false),
                ("Nr", true),
                ("12", true),
                ("Ωmega日本", true),
                ("ÄRZTIN", false),
                ("zu", false),
            ]
        );
        assert_eq!(words("").count(), 0);
        assert_eq!(words("[open").count(), 0);
    }

    /// `(word, sentence_start)` of the [`words`] of `text`.
    fn pairs(text: &str) -> Vec<(&str, bool)> {
        words(text).map(|w| (w.text, w.sentence_start)).collect()
    }

    /// Words as [`words`] defines them, found char by char.
    fn words_char_by_char(text: &str) -> Vec<(&str, bool)> {
        let (mut out, mut start, mut in_tag, mut sentence_start) = (Vec::new(), None, false, true);
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            if c.is_alphanumeric() && !in_tag {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                out.push((&text[s..i], std::mem::replace(&mut sentence_start, false)));
            }
            match c {
                '[' => in_tag = true,
                ']' => in_tag = false,
                '.' | '!' | '?' | '\n' | ':' => sentence_start = true,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn words_are_those_found_char_by_char_in_random_text() {
        let pieces = [
            "a",
            "Zorg",
            "7",
            "ü",
            "ß",
            "Ä",
            "日",
            "½",
            "Ω",
            " ",
            ".",
            "!",
            "?",
            ":",
            "\n",
            "[",
            "]",
            "[DATE]",
            ",",
            "-",
            "\u{a0}",
            "„",
            "é",
            "\u{301}",
            "x",
            "bloeddrukmeter",
            "`{@/",
            "Q9",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) {
                text.push_str(
                    pieces[((seed >> (k * 2 % 40)) as usize + k as usize) % pieces.len()],
                );
            }
            assert_eq!(pairs(&text), words_char_by_char(&text), "{text:?}");
            for word in words(&text) {
                assert_eq!(word.ascii, word.text.is_ascii(), "{text:?}");
                let upper_or_digit = word
                    .text
                    .bytes()
                    .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                assert_eq!(word.upper_or_digit, upper_or_digit, "{text:?}");
            }
        }
    }

    #[test]
    fn tallies_count_capitalised_words_and_gather_lower_case_ones() {
        let schema = std::sync::Arc::new(arrow::datatypes::Schema::new(vec![
            arrow::datatypes::Field::new("body", DataType::Utf8, true),
        ]));
        let body = arrow::array::StringArray::from(vec![
            Some("Dank u, Bakker. Groet van Bakker en Ümit Öz, straße [PATIENT] Äpfel"),
            None,
            Some("Bakker kwam; dank, zoals ÄPFEL sagen"),
        ]);
        let batch = RecordBatch::try_new(schema, vec![std::sync::Arc::new(body)]).unwrap();
        let mut tallies = TextTallies::new(true);
        tallies.add(&batch);
        let mut kept: Vec<_> = tallies.kept.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        kept.sort();
        assert_eq!(
            kept,
            [("Bakker", 2), ("ÄPFEL", 1), ("Äpfel", 1), ("Ümit", 1)]
        );
        let mut ordinary: Vec<_> = tallies.ordinary.iter().map(String::as_str).collect();
        ordinary.sort();
        assert_eq!(
            ordinary,
            ["dank", "kwam", "sagen", "straße", "van", "zoals"]
        );
    }

    #[test]
    fn buckets_and_top_lists() {
        assert_eq!(per_message_bucket(0), "0");
        assert_eq!(per_message_bucket(4), "3-4");
        assert_eq!(per_message_bucket(12), "10+");
        let t = top(HashMap::from([
            ("b".into(), 2),
            ("a".into(), 2),
            ("c".into(), 5),
        ]));
        assert_eq!(t, vec![("c".into(), 5), ("a".into(), 2), ("b".into(), 2)]);
    }
}
