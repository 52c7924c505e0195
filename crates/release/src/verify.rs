//! Verifying a release: file hashes against the manifest, every column
//! against the release format and the declared policy, and (on the
//! steward's side, with the pipeline and the raw export) a leak scan of
//! every text column for every raw identifier and every name in the
//! export's own columns, plus a residual re-scrub. The re-scrub is left
//! out for releases made with surrogates (`[scrub] replacement =
//! "surrogates"`): invented names and shifted dates are meant to look like
//! the real thing, so every one would be found again; the exact-string scan
//! for the export's identifiers and names still runs.
//!
//! The leak scan is one Aho-Corasick pass per value over all protected
//! strings at once. Problems name table, file, row and column; the
//! protected values themselves are written only to
//! `private/<study>/verify/leaks.csv`, never into the report or the release.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};
use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde::Serialize;
use veil_format::{Manifest, verify_files};
use veil_ingest::{IngestOptions, SourceReader};
use veil_pipeline::{CanonicalColumn as C, Pipeline, ScrubReplacement, SourceKind, Treatment};
use veil_pseudonym::Key;
use veil_scrub::{Lang, Scrubber};

use crate::ReleaseError;
use crate::error::io;
use crate::ordinary_words::OrdinaryWords;
use crate::roster::RosterNames;

/// Shortest identifier or name part looked for: shorter strings occur by
/// chance in any text.
pub const MIN_PROTECTED_CHARS: usize = 3;

/// Titles and particles that are part of names (in the export's columns
/// or a staff roster) but not protected alone.
const NOT_NAMES: &[&str] = &[
    "dr.",
    "prof.",
    "herr",
    "frau",
    "van",
    "von",
    "der",
    "den",
    "ter",
    "mr.",
    "mrs.",
    "ms.",
    "med.",
    "dipl.",
    "schwester",
    "pfleger",
    "dhr.",
    "mevr.",
    "mevrouw",
    "meneer",
    "zuster",
    "nurse",
];

/// One problem found by [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyProblem {
    /// What kind: `file_missing`, `file_changed`, `file_unlisted`,
    /// `schema`, `undeclared_column`, `treatment`, `rows`, `reconciliation`, `raw_identifier`, `export_name`,
    /// `residual_<CATEGORY>`, `key`.
    pub kind: String,
    /// The table, if one.
    pub table: Option<String>,
    /// The file, relative to the release.
    pub file: Option<String>,
    /// 0-based row within the file.
    pub row: Option<u64>,
    /// The column.
    pub column: Option<String>,
    /// What is wrong, without any protected value.
    pub detail: String,
}

impl std::fmt::Display for VerifyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(t) = &self.table {
            write!(f, " table {t}")?;
        }
        if let Some(file) = &self.file {
            write!(f, " file {file}")?;
        }
        if let Some(r) = self.row {
            write!(f, " row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, " column {c}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// What [`verify`] found and checked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Files whose hash was checked.
    pub files_checked: usize,
    /// Rows scanned for leaks (0 without a pipeline).
    pub rows_scanned: u64,
    /// Text values scanned for leaks.
    pub values_scanned: u64,
    /// Distinct protected strings looked for.
    pub protected_strings: usize,
    /// Occurrences of the pipeline's reviewed `[verify] ordinary_words`
    /// written as the word, noted instead of counted as leaks.
    pub ordinary_words_seen: u64,
    /// Every problem.
    pub problems: Vec<VerifyProblem>,
    /// Where the protected values of leaks were written (steward only).
    #[serde(skip)]
    pub private_report: Option<PathBuf>,
}

impl VerifyReport {
    /// Whether the release passed.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The steward's side of verification: the pipeline (to re-read the raw
/// export) and optionally the key (to check the manifest's fingerprint).
#[derive(Debug, Clone, Copy, Default)]
pub struct StewardSide<'a> {
    /// The pipeline that made the release.
    pub pipeline: Option<&'a Pipeline>,
    /// The study key.
    pub key: Option<&'a Key>,
    /// Where `private/<study>/` is; by default `<release>/../../private/<study>`.
    pub private_dir: Option<&'a Path>,
}

/// Verifies the release at `release`.
pub fn verify(release: &Path, steward: StewardSide<'_>) -> Result<VerifyReport, ReleaseError> {
    verify_with_progress(release, steward, &mut |_| {})
}

/// [`verify`], calling `progress` with the rows scanned so far.
pub fn verify_with_progress(
    release: &Path,
    steward: StewardSide<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<VerifyReport, ReleaseError> {
    let mut scanned = 0u64;
    let manifest = Manifest::load(release)?;
    let mut report = VerifyReport {
        files_checked: manifest.files.len(),
        ..VerifyReport::default()
    };
    for problem in verify_files(release, &manifest)? {
        let (kind, path) = match &problem {
            veil_format::FileProblem::Missing { path } => ("file_missing", path),
            veil_format::FileProblem::Changed { path } => ("file_changed", path),
            veil_format::FileProblem::Unlisted { path } => ("file_unlisted", path),
        };
        report.problems.push(VerifyProblem {
            kind: kind.into(),
            table: path.split('/').next().map(str::to_string),
            file: Some(path.clone()),
            row: None,
            column: None,
            detail: problem.to_string(),
        });
    }
    if let Some(key) = steward.key
        && key.fingerprint() != manifest.key_fingerprint
    {
        report.problems.push(VerifyProblem {
            kind: "key".into(),
            table: None,
            file: None,
            row: None,
            column: None,
            detail: format!(
                "the key given has fingerprint {}, the release was made with {}",
                key.fingerprint(),
                manifest.key_fingerprint
            ),
        });
    }

    let scan = match steward.pipeline {
        Some(pipeline) => Some(LeakScan::new(pipeline)?),
        None => None,
    };
    let mut leaks: Vec<(VerifyProblem, String)> = Vec::new();
    for (table, entry) in &manifest.tables {
        let Some(doc) = veil_format::table(table) else {
            report.problems.push(VerifyProblem {
                kind: "schema".into(),
                table: Some(table.clone()),
                file: None,
                row: None,
                column: None,
                detail: "not a table of the release format".into(),
            });
            continue;
        };
        let expected = doc.schema();
        let mut table_rows = 0u64;
        let mut all_read = true;
        for file in &entry.files {
            let path = release.join(file);
            let Ok(handle) = File::open(&path) else {
                all_read = false;
                continue; // reported as missing above
            };
            let parquet = |source| ReleaseError::Parquet {
                path: path.clone(),
                source,
            };
            let reader = match ParquetRecordBatchReaderBuilder::try_new(handle) {
                Ok(builder) => builder.build().map_err(parquet)?,
                Err(e) => {
                    all_read = false;
                    report.problems.push(VerifyProblem {
                        kind: "schema".into(),
                        table: Some(table.clone()),
                        file: Some(file.clone()),
                        row: None,
                        column: None,
                        detail: format!("not a readable Parquet file: {e}"),
                    });
                    continue;
                }
            };
            let schema = arrow::array::RecordBatchReader::schema(&reader);
            for field in schema.fields() {
                let place = |kind: &str, detail: String| VerifyProblem {
                    kind: kind.into(),
                    table: Some(table.clone()),
                    file: Some(file.clone()),
                    row: None,
                    column: Some(field.name().clone()),
                    detail,
                };
                match expected.field_with_name(field.name()) {
                    Err(_) => report.problems.push(place(
                        "schema",
                        "column is not part of the release format".into(),
                    )),
                    Ok(e) if e.data_type() != field.data_type() => report.problems.push(place(
                        "schema",
                        format!(
                            "type {} where the format says {}",
                            field.data_type(),
                            e.data_type()
                        ),
                    )),
                    Ok(_) => {
                        if let Some(reason) = undeclared(&manifest, field.name()) {
                            report.problems.push(place("undeclared_column", reason));
                        }
                    }
                }
            }
            let mut offset = 0u64;
            for batch in reader {
                let batch = batch.map_err(|e| parquet(e.into()))?;
                if let Some((row, column, source)) =
                    crate::coarse_time::finer_than_a_month(&manifest.policy, &batch)
                {
                    report.problems.push(VerifyProblem {
                        kind: "treatment".into(),
                        table: Some(table.clone()),
                        file: Some(file.clone()),
                        row: Some(offset + row as u64),
                        column: Some(column),
                        detail: format!(
                            "`{source}` is declared generalize, but this time is not the start of a month"
                        ),
                    });
                }
                if let Some(scan) = &scan {
                    let found = scan.scan(&batch, table, file, offset);
                    report.values_scanned += found.values;
                    report.ordinary_words_seen += found.ordinary_words;
                    leaks.extend(found.leaks);
                }
                offset += batch.num_rows() as u64;
                scanned += batch.num_rows() as u64;
                progress(scanned);
            }
            if scan.is_some() {
                report.rows_scanned += offset;
            }
            table_rows += offset;
        }
        if all_read && table_rows != entry.rows {
            report.problems.push(VerifyProblem {
                kind: "rows".into(),
                table: Some(table.clone()),
                file: None,
                row: None,
                column: None,
                detail: format!(
                    "{table_rows} rows in the files, the manifest records {}",
                    entry.rows
                ),
            });
        }
    }
    for source in &manifest.sources {
        if source.rows_read != source.rows_released + source.rows_quarantined {
            report.problems.push(VerifyProblem {
                kind: "reconciliation".into(),
                table: None,
                file: None,
                row: None,
                column: None,
                detail: format!(
                    "source `{}`: {} read, {} released + {} quarantined",
                    source.source, source.rows_read, source.rows_released, source.rows_quarantined
                ),
            });
        }
    }
    if let Some(scan) = &scan {
        report.protected_strings = scan.patterns.len();
    }
    if !leaks.is_empty() {
        let private = match steward.private_dir {
            Some(p) => p.to_path_buf(),
            None => default_private_dir(release, &manifest.study),
        };
        report.private_report = Some(write_private(&private, &leaks)?);
    }
    report.problems.extend(leaks.into_iter().map(|(p, _)| p));
    Ok(report)
}

/// `<release>/../../private/<study>`, the layout `veil run` makes.
pub fn default_private_dir(release: &Path, study: &str) -> PathBuf {
    let root = release
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    root.join("private").join(study)
}

/// Why a released column has no declared treatment in the manifest's
/// policy, or `None` when it has one.
fn undeclared(manifest: &Manifest, column: &str) -> Option<String> {
    let needs: &[(&str, &[&str])] = match column {
        "message_pid" => &[("message_id", &["pseudonym"])],
        "thread_pid" => &[("thread_id", &["pseudonym"])],
        "patient_pid" => &[("patient_id", &["pseudonym"])],
        "sender_pid" => &[("sender_id", &["pseudonym"])],
        "recipient_pid" => &[("recipient_id", &["pseudonym"])],
        "sender_role" | "started_by" => &[("sender_role", &["keep"])],
        "recipient_role" => &[("recipient_role", &["keep"])],
        "clinic" => &[("clinic", &["keep"])],
        "specialty" => &[("specialty", &["keep"])],
        "sent_at"
        | "local_hour"
        | "day_part"
        | "weekday"
        | "reply_latency_minutes"
        | "started_at"
        | "duration_minutes" => &[("sent_at", &["shift", "generalize", "keep"])],
        "logged_in_at" => &[("logged_in_at", &["shift", "generalize", "keep"])],
        "subject" => &[("subject", &["scrub"])],
        "body" | "char_count" | "word_count" => &[("body", &["scrub"])],
        "birth_year" | "age_band" => &[("patient_birth_date", &["generalize"])],
        _ => &[],
    };
    for (canonical, allowed) in needs {
        let declared = manifest.policy.get(*canonical).map(String::as_str);
        let is_ok = declared.is_some_and(|d| allowed.contains(&d));
        // Birth columns are null when the birth date is not generalized.
        let absent_birth = *canonical == "patient_birth_date" && declared != Some("generalize");
        if !is_ok && !absent_birth {
            return Some(format!(
                "released from `{canonical}`, whose declared treatment is {} (needs {})",
                declared.unwrap_or("none"),
                allowed.join(" or ")
            ));
        }
    }
    None
}

/// Leaks found in one batch.
struct Found {
    values: u64,
    ordinary_words: u64,
    leaks: Vec<(VerifyProblem, String)>,
}

/// The protected strings of a raw export and the scanners over them.
struct LeakScan {
    patterns: Vec<(String, &'static str)>,
    matcher: Option<AhoCorasick>,
    /// The reviewed ordinary words.
    ordinary_words: OrdinaryWords,
    /// The residual re-scrub; none when the release used surrogates.
    scrubber: Option<Scrubber>,
}

impl LeakScan {
    /// Re-reads the pipeline's sources for every raw identifier and every
    /// name part in the export's name columns.
    fn new(pipeline: &Pipeline) -> Result<LeakScan, ReleaseError> {
        let mut protected: BTreeSet<(String, &'static str)> = BTreeSet::new();
        let mut roster = RosterNames::default();
        roster.add_staff_rosters(pipeline)?;
        for name in roster.names() {
            protected.extend(name_parts(name).map(|part| (part, "export_name")));
        }
        let ids = [
            C::MessageId,
            C::ThreadId,
            C::PatientId,
            C::SenderId,
            C::RecipientId,
        ];
        let names = [
            C::SenderName,
            C::RecipientName,
            C::PatientFirstName,
            C::PatientLastName,
        ];
        for source in &pipeline.sources {
            let mut reader = SourceReader::open(pipeline, source, &IngestOptions::default())?;
            while let Some(chunk) = reader.next_chunk()? {
                let batch = &chunk.batch;
                if source.kind == SourceKind::Messages {
                    roster.collect(pipeline, batch);
                }
                for column in ids {
                    for value in strings(batch, column.as_str()) {
                        let value = value.trim().to_lowercase();
                        if value.chars().count() >= MIN_PROTECTED_CHARS {
                            protected.insert((value, "raw_identifier"));
                        }
                    }
                }
                for column in names {
                    if pipeline.treatment(column) == Some(Treatment::Keep) {
                        continue; // refused by the pipeline anyway
                    }
                    for value in strings(batch, column.as_str()) {
                        protected.extend(name_parts(value).map(|part| (part, "export_name")));
                    }
                }
            }
        }
        let patterns: Vec<(String, &'static str)> = protected.into_iter().collect();
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter().map(|(p, _)| p.as_str()))
                    .map_err(|e| ReleaseError::Verify(format!("leak scanner: {e}")))?,
            )
        };
        Ok(LeakScan {
            patterns,
            matcher,
            ordinary_words: OrdinaryWords::new(&pipeline.verify.ordinary_words),
            scrubber: (pipeline.scrub.replacement == ScrubReplacement::Tags)
                .then(|| Scrubber::new(roster.builder().build())),
        })
    }

    /// Scans every text column of `batch` (rows from `offset` in `file`).
    fn scan(&self, batch: &RecordBatch, table: &str, file: &str, offset: u64) -> Found {
        let mut found = Found {
            values: 0,
            ordinary_words: 0,
            leaks: Vec::new(),
        };
        let languages = batch
            .column_by_name("language")
            .filter(|a| a.data_type() == &DataType::Utf8)
            .map(|a| a.as_string::<i32>().clone());
        for (field, array) in batch.schema().fields().iter().zip(batch.columns()) {
            if field.data_type() != &DataType::Utf8 {
                continue;
            }
            let free_text = matches!(field.name().as_str(), "subject" | "body");
            let values = array.as_string::<i32>();
            for row in 0..values.len() {
                if values.is_null(row) {
                    continue;
                }
                found.values += 1;
                let value = values.value(row);
                let place = |kind: String, detail: String| VerifyProblem {
                    kind,
                    table: Some(table.to_string()),
                    file: Some(file.to_string()),
                    row: Some(offset + row as u64),
                    column: Some(field.name().clone()),
                    detail,
                };
                if let Some(matcher) = &self.matcher {
                    let lower = value.to_lowercase();
                    for m in matcher.find_iter(&lower) {
                        if !whole_word(&lower, m.start(), m.end()) {
                            continue;
                        }
                        let (pattern, kind) = &self.patterns[m.pattern().as_usize()];
                        if *kind == "export_name"
                            && self.ordinary_words.is_the_word(value, m.start(), pattern)
                        {
                            found.ordinary_words += 1;
                            continue;
                        }
                        found.leaks.push((
                            place(
                                (*kind).to_string(),
                                format!(
                                    "a protected string of {} characters from the export (see the private report)",
                                    pattern.chars().count()
                                ),
                            ),
                            pattern.clone(),
                        ));
                    }
                }
                if let (true, Some(scrubber)) = (free_text, &self.scrubber) {
                    let lang = languages
                        .as_ref()
                        .filter(|l| !l.is_null(row))
                        .and_then(|l| Lang::parse(l.value(row)))
                        .unwrap_or(Lang::De);
                    for f in scrubber.scrub(value, lang).findings {
                        let text = value.get(f.start..f.end).unwrap_or("");
                        found.leaks.push((
                            place(
                                format!("residual_{}", f.category.as_str()),
                                format!(
                                    "the scrubber still finds {} (rule {}) at bytes {}..{}",
                                    f.category.as_str(),
                                    f.rule,
                                    f.start,
                                    f.end
                                ),
                            ),
                            text.to_string(),
                        ));
                    }
                }
            }
        }
        found
    }
}

/// The parts of a name that are protected on their own: lower case, long
/// enough, and not a title or particle.
fn name_parts(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split([' ', '-', ','])
        .map(|part| part.trim().to_lowercase())
        .filter(|part| {
            part.chars().count() >= MIN_PROTECTED_CHARS && !NOT_NAMES.contains(&part.as_str())
        })
}

/// Whether `text[start..end]` stands alone: no letter or digit touches it.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The non-null values of a text column of `batch`, if it has it.
fn strings<'a>(batch: &'a RecordBatch, name: &str) -> Vec<&'a str> {
    let Some(array) = batch.column_by_name(name) else {
        return Vec::new();
    };
    if array.data_type() != &DataType::Utf8 {
        return Vec::new();
    }
    let strings = array.as_string::<i32>();
    (0..strings.len())
        .filter(|i| !strings.is_null(*i))
        .map(|i| strings.value(i))
        .collect()
}

/// Writes leaks with their protected values to `private/<study>/verify/leaks.csv`.
fn write_private(
    private: &Path,
    leaks: &[(VerifyProblem, String)],
) -> Result<PathBuf, ReleaseError> {
    let dir = private.join("verify");
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let path = dir.join("leaks.csv");
    let file = File::create(&path).map_err(io(&path))?;
    let csv_err = |source| ReleaseError::Quarantine {
        path: path.clone(),
        source,
    };
    let mut writer = csv::Writer::from_writer(file);
    writer
        .write_record(["kind", "table", "file", "row", "column", "protected_value"])
        .map_err(csv_err)?;
    for (p, value) in leaks {
        writer
            .write_record([
                p.kind.as_str(),
                p.table.as_deref().unwrap_or(""),
                p.file.as_deref().unwrap_or(""),
                &p.row.map(|r| r.to_string()).unwrap_or_default(),
                p.column.as_deref().unwrap_or(""),
                value.as_str(),
            ])
            .map_err(csv_err)?;
    }
    writer.flush().map_err(io(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(whole_word("frau koch,", 5, 9));
        assert!(!whole_word("kochsalz", 0, 4));
        assert!(!whole_word("p-10012", 0, 6));
        assert!(whole_word("(p-1001)", 1, 7));
    }

    #[test]
    fn columns_need_their_declared_treatment() {
        let mut m = Manifest::new("t", "00");
        m.policy.insert("body".into(), "scrub".into());
        m.policy.insert("sent_at".into(), "drop".into());
        assert_eq!(undeclared(&m, "body"), None);
        assert_eq!(undeclared(&m, "word_count"), None);
        let why = undeclared(&m, "local_hour").unwrap();
        assert!(why.contains("`sent_at`") && why.contains("drop"), "{why}");
        assert!(undeclared(&m, "patient_pid").unwrap().contains("none"));
        assert_eq!(undeclared(&m, "birth_year"), None);
    }
}
