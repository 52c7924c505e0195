//! Ingest cases as folders: `fixtures/ingest/<case>/` holds
//!
//! - `source.toml`: one `[[sources]]` table (paths relative to the folder);
//!   the harness adds `study` and a policy declaring every canonical column;
//! - the input file(s); a `<name>.template` file is written out as `<name>`
//!   with every `@@REPEAT <char> <count>@@` expanded, so large inputs are
//!   generated at test time instead of committed;
//! - `expected.toml`: `encoding` (a prefix of the reported decision), either
//!   `error` (substrings of the error opening or reading must contain) or
//!   `[counts]` (rows_read, rows_passed, rows_quarantined, optional
//!   `flags`), `[[passed]]` (every passed row in order; only the columns
//!   listed are compared, null reads as "", timestamps as UTC RFC 3339) and
//!   `[[quarantined]]` (line, column — "" for none —, reason kind, optional
//!   `message` and `raw` substrings).
//!
//! Each folder is copied to a temporary directory and run as its own check,
//! reported by name; any failure fails the test. `cargo test -p veil-ingest
//! --test fixtures -- <filter>` runs the cases whose name contains the filter.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, Int32Type, TimestampMicrosecondType};
use toml::{Table, Value};
use veil_ingest::{IngestOptions, SourceReader};
use veil_pipeline::{CanonicalColumn, Pipeline};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ingest")
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.join("expected.toml").is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Copies the case to `to`, expanding templates.
fn stage(case: &Path, to: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(case).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match name.strip_suffix(".template") {
            Some(target) => std::fs::write(to.join(target), expand(&bytes)?),
            None => std::fs::write(to.join(name), bytes),
        }
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Expands `@@REPEAT <char> <count>@@`.
fn expand(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(start) = find(rest, b"@@REPEAT ") {
        out.extend_from_slice(&rest[..start]);
        let after = &rest[start + 9..];
        let end = find(after, b"@@").ok_or("unterminated @@REPEAT")?;
        let spec = std::str::from_utf8(&after[..end]).map_err(|e| e.to_string())?;
        let (ch, count) = spec
            .split_once(' ')
            .ok_or("want @@REPEAT <char> <count>@@")?;
        let count: usize = count.parse().map_err(|_| format!("bad count {count:?}"))?;
        out.extend(std::iter::repeat_n(ch.as_bytes(), count).flatten());
        rest = &after[end + 2..];
    }
    out.extend_from_slice(rest);
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A pipeline around the case's source, with every column declared.
fn pipeline_text(source: &str) -> String {
    let mut text = format!("study = \"fixture\"\n\n{source}\n\n[policy]\n");
    for column in CanonicalColumn::ALL {
        let treatment = column.kind().allowed()[0];
        text.push_str(&format!(
            "{} = \"{}\"\n",
            column.as_str(),
            treatment.as_str()
        ));
    }
    text
}

/// The value of a cell as the expectations spell it.
fn cell(batch: &RecordBatch, column: &str, row: usize) -> Result<String, String> {
    let array = batch
        .column_by_name(column)
        .ok_or_else(|| format!("no column {column}"))?;
    if array.is_null(row) {
        return Ok(String::new());
    }
    Ok(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Timestamp(..) => {
            let micros = array.as_primitive::<TimestampMicrosecondType>().value(row);
            chrono::DateTime::from_timestamp_micros(micros)
                .ok_or("timestamp out of range")?
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        }
        other => return Err(format!("unexpected type {other}")),
    })
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn run_case(case: &Path) -> Result<(), String> {
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    stage(case, temp.path())?;
    let expected: Table = std::fs::read_to_string(case.join("expected.toml"))
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e| format!("expected.toml: {e}"))?;
    let source = std::fs::read_to_string(temp.path().join("source.toml"))
        .map_err(|e| format!("source.toml: {e}"))?;
    let pipeline_path = temp.path().join("pipeline.toml");
    std::fs::write(&pipeline_path, pipeline_text(&source)).map_err(|e| e.to_string())?;
    let pipeline = Pipeline::load(&pipeline_path).map_err(|e| e.to_string())?;
    let options = IngestOptions { batch_rows: 3 };

    let read = || -> Result<_, veil_ingest::IngestError> {
        let mut reader = SourceReader::open(&pipeline, &pipeline.sources[0], &options)?;
        let mut chunks = Vec::new();
        while let Some(chunk) = reader.next_chunk()? {
            chunks.push(chunk);
        }
        Ok((reader, chunks))
    };
    let outcome = read();
    if let Some(wanted) = expected.get("error") {
        let message = match outcome {
            Err(e) => e.to_string(),
            Ok(_) => return Err("expected an error, the source was read".into()),
        };
        for part in wanted.as_array().ok_or("error = [substrings]")? {
            let part = text_of(part);
            if !message.contains(&part) {
                return Err(format!("error {message:?} lacks {part:?}"));
            }
        }
        return Ok(());
    }
    let (reader, chunks) = outcome.map_err(|e| format!("unexpected error: {e}"))?;
    compare(&expected, &reader, &chunks)
        .map_err(|e| format!("{e}\n{}", outcome_text(&reader, &chunks)))
}

/// What was read, as a case's author needs it to write `expected.toml`:
/// the counts, every passed row's id, time and body, every quarantined row.
fn outcome_text(reader: &SourceReader, chunks: &[veil_ingest::Chunk]) -> String {
    let counts = reader.counts();
    let mut out = format!(
        "    read: encoding {:?}, rows_read {}, rows_passed {}, rows_quarantined {}, flags {:?}\n",
        reader.encoding(),
        counts.rows_read,
        counts.rows_passed,
        counts.rows_quarantined,
        counts.flags
    );
    for chunk in chunks {
        for row in 0..chunk.batch.num_rows() {
            let get = |column| cell(&chunk.batch, column, row).unwrap_or_default();
            out.push_str(&format!(
                "    passed {} {} {:?}\n",
                get("message_id"),
                get("sent_at"),
                get("body")
            ));
        }
        for q in &chunk.quarantined {
            out.push_str(&format!(
                "    quarantined line {} column {:?} {}: {}\n",
                q.line,
                q.column.as_deref().unwrap_or(""),
                q.reason.kind(),
                q.reason
            ));
        }
    }
    out
}

/// Holds what was read to the case's `expected.toml`.
fn compare(
    expected: &Table,
    reader: &SourceReader,
    chunks: &[veil_ingest::Chunk],
) -> Result<(), String> {
    if let Some(encoding) = expected.get("encoding") {
        let encoding = text_of(encoding);
        if !reader.encoding().starts_with(&encoding) {
            return Err(format!(
                "encoding {:?}, expected {encoding:?}",
                reader.encoding()
            ));
        }
    }
    let counts = reader.counts();
    if !counts.reconciles() {
        return Err(format!("counts do not reconcile: {counts:?}"));
    }
    let want = expected
        .get("counts")
        .and_then(Value::as_table)
        .ok_or("[counts] missing")?;
    for (key, got) in [
        ("rows_read", counts.rows_read),
        ("rows_passed", counts.rows_passed),
        ("rows_quarantined", counts.rows_quarantined),
    ] {
        let want = want.get(key).and_then(Value::as_integer);
        if want != Some(got as i64) {
            return Err(format!("{key} = {got}, expected {want:?}"));
        }
    }
    let flags = want
        .get("flags")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let got_flags: Table = counts
        .flags
        .iter()
        .map(|(k, v)| (k.clone(), Value::Integer(*v as i64)))
        .collect();
    if flags != got_flags {
        return Err(format!("flags {got_flags:?}, expected {flags:?}"));
    }

    // Passed rows, in order.
    let mut rows = Vec::new();
    for chunk in chunks {
        if chunk.batch.schema() != reader.schema() {
            return Err("a batch is not in the reader's schema".into());
        }
        for row in 0..chunk.batch.num_rows() {
            rows.push((&chunk.batch, row));
        }
    }
    let passed = expected
        .get("passed")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if passed.len() != rows.len() {
        return Err(format!(
            "{} rows passed, expected.toml lists {}",
            rows.len(),
            passed.len()
        ));
    }
    for (i, (want, (batch, row))) in passed.iter().zip(&rows).enumerate() {
        for (column, value) in want.as_table().ok_or("[[passed]] rows are tables")? {
            let got = cell(batch, column, *row)?;
            if got != text_of(value) {
                return Err(format!(
                    "passed row {i}: {column} = {got:?}, expected {:?}",
                    text_of(value)
                ));
            }
        }
    }

    // Quarantined rows, in order.
    let got: Vec<_> = chunks.iter().flat_map(|c| &c.quarantined).collect();
    let quarantined = expected
        .get("quarantined")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if quarantined.len() != got.len() {
        let seen: Vec<String> = got
            .iter()
            .map(|q| format!("{}:{:?}:{}", q.line, q.column, q.reason))
            .collect();
        return Err(format!(
            "{} rows quarantined ({seen:?}), expected.toml lists {}",
            got.len(),
            quarantined.len()
        ));
    }
    for (want, q) in quarantined.iter().zip(got) {
        let want = want.as_table().ok_or("[[quarantined]] rows are tables")?;
        let line = want.get("line").and_then(Value::as_integer);
        let column = want.get("column").map(text_of).unwrap_or_default();
        let reason = want.get("reason").map(text_of).unwrap_or_default();
        let got_column = q.column.clone().unwrap_or_default();
        if line != Some(q.line as i64) || column != got_column || reason != q.reason.kind() {
            return Err(format!(
                "quarantined line {} column {got_column:?} reason {} ({}), expected line {line:?} column {column:?} reason {reason}",
                q.line,
                q.reason.kind(),
                q.reason
            ));
        }
        if let Some(message) = want.get("message").map(text_of)
            && !q.reason.to_string().contains(&message)
        {
            return Err(format!(
                "reason {:?} lacks {message:?}",
                q.reason.to_string()
            ));
        }
        if let Some(raw) = want.get("raw").map(text_of)
            && !q.raw.contains(&raw)
        {
            return Err(format!("raw row {:?} lacks {raw:?}", q.raw));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases = cases();
    if cases.is_empty() {
        eprintln!("no cases under {}", root().display());
        return ExitCode::FAILURE;
    }
    let mut failed = 0;
    let mut ran = 0;
    for case in &cases {
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        ran += 1;
        match run_case(case) {
            Ok(()) => println!("case {name} ... ok"),
            Err(e) => {
                failed += 1;
                println!("case {name} ... FAILED\n    {e}");
            }
        }
    }
    println!("\n{ran} ingest cases, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
