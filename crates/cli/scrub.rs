//! `veil scrub`: the free-text scrubber as a filter, to try it on any text
//! or to score it against gold files.
//!
//! Plain mode: each stdin line is scrubbed and written to stdout.
//! `--whole`: all of stdin is one message (a letter, a forwarded mail), so
//! context that crosses lines (a signature under its sign-off, a form's
//! labels, a name named again) counts.
//! `--jsonl`: each stdin line is a JSON object with any of `message_id`,
//! `language`, `subject`, `body`, `text`, `names` (`{"patient": [..],
//! "clinician": [..], "other": [..]}`) and `sent_at`; the names are the
//! roster for that message. The output objects carry `message_id` and the
//! scrubbed `subject`, `body` (and `text`), so a gold.jsonl goes straight
//! through: `veil scrub --jsonl < gold.jsonl > out.jsonl`.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde_json::{Map, Value, json};
use veil_scrub::{
    Category, Finding, Lang, Replacement, RosterBuilder, ScrubContext, Scrubber, Surrogates,
    TagReplacement,
};

/// Arguments of `veil scrub`.
#[derive(Debug, clap::Args)]
pub struct ScrubArgs {
    /// Language of the text: de, nl, en, or auto (detected per message; a
    /// JSON `language` field wins).
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Names to remove from every message, comma-separated ("Anna Koch,Katrin Wolf").
    #[arg(long)]
    names: Option<String>,
    /// Read and write JSON Lines (gold.jsonl in, scrubbed JSON Lines out).
    #[arg(long)]
    jsonl: bool,
    /// Read all of stdin as one message (a letter, a forwarded mail)
    /// instead of each line as its own.
    #[arg(long, conflicts_with = "jsonl")]
    whole: bool,
    /// Write consistent surrogates (invented names, shifted dates) instead of
    /// tags. The surrogate key is random per run.
    #[arg(long)]
    surrogates: bool,
    /// Days to shift dates in the text by (with --surrogates).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    shift_days: i64,
    /// Add the findings (field, char start/end, category, rule) to JSON output.
    #[arg(long)]
    findings: bool,
}

pub fn run(args: ScrubArgs) -> anyhow::Result<ExitCode> {
    let fixed_lang = match args.lang.as_str() {
        "auto" => None,
        code => Some(Lang::parse(code).with_context(|| format!("unknown language {code:?}"))?),
    };
    let shared: Vec<String> = args
        .names
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    // A random key for this run: surrogates are consistent within it.
    let key = RandomState::new();
    let hash = move |s: &str| key.hash_one(s);
    let base = scrubber(&shared, &[]);
    let surrogates = Surrogates::new(hash).avoiding(base.roster());
    let replacement: &dyn Replacement = if args.surrogates {
        &surrogates
    } else {
        &TagReplacement
    };
    let mut stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.whole {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdin, &mut text)
            .context("reading stdin (it must be UTF-8 text)")?;
        let ctx = ScrubContext {
            lang: fixed_lang
                .or_else(|| Lang::detect(&text))
                .unwrap_or(Lang::De),
            sent_date: None,
            shift_days: args.shift_days,
        };
        write!(out, "{}", base.scrub_with(&text, &ctx, replacement).text)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for (n, line) in stdin.lines().enumerate() {
        let line = line.with_context(|| format!("reading line {}", n + 1))?;
        if !args.jsonl && n == 0 && looks_like_json_lines(&line) {
            eprintln!(
                "note: the input looks like JSON Lines; it is scrubbed as plain text \
                 (escapes such as \\n included). Add --jsonl to scrub its text fields."
            );
        }
        if !args.jsonl {
            let lang = fixed_lang
                .or_else(|| Lang::detect(&line))
                .unwrap_or(Lang::De);
            let ctx = ScrubContext {
                lang,
                sent_date: None,
                shift_days: args.shift_days,
            };
            writeln!(out, "{}", base.scrub_with(&line, &ctx, replacement).text)?;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let input: Map<String, Value> = serde_json::from_str(&line)
            .with_context(|| format!("line {}: not a JSON object", n + 1))?;
        let roster_names = message_names(&input);
        let own;
        let scrubber = if roster_names.is_empty() {
            &base
        } else {
            own = scrubber(&shared, &roster_names);
            &own
        };
        let text_of = |field: &str| input.get(field).and_then(Value::as_str);
        let lang = input
            .get("language")
            .and_then(Value::as_str)
            .and_then(Lang::parse)
            .or(fixed_lang)
            .or_else(|| {
                let all = [text_of("subject"), text_of("body"), text_of("text")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("\n");
                Lang::detect(&all)
            })
            .unwrap_or(Lang::De);
        let sent_date = text_of("sent_at")
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|d| d.date_naive());
        let ctx = ScrubContext {
            lang,
            sent_date,
            shift_days: args.shift_days,
        };
        let mut result = Map::new();
        if let Some(id) = input.get("message_id") {
            result.insert("message_id".into(), id.clone());
        }
        let mut found = Vec::new();
        for field in ["subject", "body", "text"] {
            let Some(text) = text_of(field) else {
                if input.contains_key(field) {
                    result.insert(field.into(), Value::Null);
                }
                continue;
            };
            let scrubbed = scrubber.scrub_with(text, &ctx, replacement);
            if args.findings {
                found.extend(char_findings(text, &scrubbed.findings, field));
            }
            result.insert(field.into(), Value::String(scrubbed.text));
        }
        if args.findings {
            result.insert("findings".into(), Value::Array(found));
        }
        serde_json::to_writer(&mut out, &Value::Object(result))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A scrubber for the shared names and one message's names.
fn scrubber(shared: &[String], names: &[(String, Category)]) -> Scrubber {
    let mut roster = RosterBuilder::new();
    for name in shared {
        roster.add_name(name, Category::OtherName);
    }
    for (name, category) in names {
        roster.add_name(name, *category);
    }
    Scrubber::new(roster.build())
}

/// The `names` object of a message: `{"patient": [..], "clinician": [..], "other": [..]}`.
fn message_names(input: &Map<String, Value>) -> Vec<(String, Category)> {
    let Some(Value::Object(names)) = input.get("names") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (role, category) in [
        ("patient", Category::PatientName),
        ("clinician", Category::ClinicianName),
        ("other", Category::OtherName),
    ] {
        if let Some(Value::Array(list)) = names.get(role) {
            out.extend(
                list.iter()
                    .filter_map(Value::as_str)
                    .map(|n| (n.to_string(), category)),
            );
        }
    }
    out
}

/// Findings with offsets in chars (as in gold files) instead of bytes.
fn char_findings(text: &str, findings: &[Finding], field: &str) -> Vec<Value> {
    let mut chars = 0;
    let mut at = 0;
    let mut to_chars = |byte: usize| {
        chars += text[at..byte].chars().count();
        at = byte;
        chars
    };
    findings
        .iter()
        .map(|f| {
            let start = to_chars(f.start);
            let end = to_chars(f.end);
            json!({"field": field, "start": start, "end": end, "category": f.category.as_str(), "rule": f.rule})
        })
        .collect()
}

/// Whether a first line of input is a JSON object with a text field that
/// `--jsonl` would scrub.
fn looks_like_json_lines(line: &str) -> bool {
    serde_json::from_str::<Map<String, Value>>(line).is_ok_and(|object| {
        ["subject", "body", "text"]
            .iter()
            .any(|field| object.get(*field).is_some_and(Value::is_string))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_told_from_plain_text() {
        assert!(looks_like_json_lines(r#"{"text": "Hallo Anna"}"#));
        assert!(looks_like_json_lines(r#"{"message_id": "1", "body": "x"}"#));
        assert!(!looks_like_json_lines(r#"{"id": 1}"#));
        assert!(!looks_like_json_lines("{Hallo} Anna"));
        assert!(!looks_like_json_lines("Liebe Frau Koch"));
    }
}
