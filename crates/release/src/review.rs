//! Human review of the scrubber: a seeded, site-stratified random sample of
//! messages, shown raw and scrubbed side by side with every redaction
//! highlighted (`private/<study>/review/review.html`), a CSV in which the
//! reviewer marks what was missed, and the scoring of that CSV: the
//! per-message miss rate with its 95% Clopper-Pearson upper bound.
//!
//! Everything here holds raw text and lives in `private/` only.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray, RecordBatch};
use serde::Serialize;
use veil_ingest::{IngestOptions, SourceReader};
use veil_pipeline::{Pipeline, SourceKind};
use veil_pseudonym::{Domain, Key};
use veil_scrub::{Finding, Lang, Scrubber};

use crate::ReleaseError;
use crate::audit_html::escape;
use crate::error::io;
use crate::roster::RosterNames;

/// One sampled message.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    /// Site code.
    pub site: String,
    /// Message pseudonym (the reviewer's reference).
    pub message_pid: String,
    /// Raw subject and its findings.
    pub subject: Option<(String, Vec<Finding>)>,
    /// Raw body and its findings.
    pub body: (String, Vec<Finding>),
    /// Scrubbed subject.
    pub scrubbed_subject: Option<String>,
    /// Scrubbed body.
    pub scrubbed_body: String,
}

/// A small seeded generator (SplitMix64): the same seed draws the same sample.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A raw message kept in a reservoir.
#[derive(Clone)]
struct Raw {
    site: String,
    message_id: String,
    subject: Option<String>,
    body: String,
    language: Option<String>,
}

/// How many of `n` to draw from each site: proportional to the site's
/// messages (largest remainders), at least one per site while `n` allows.
fn allocate(counts: &BTreeMap<String, u64>, n: usize) -> BTreeMap<String, usize> {
    let total: u64 = counts.values().sum();
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    if total == 0 || n == 0 {
        return out;
    }
    let n = n.min(total as usize);
    let mut remainders = Vec::new();
    let mut given = 0;
    for (site, c) in counts {
        let exact = n as f64 * *c as f64 / total as f64;
        let mut k = exact.floor() as usize;
        if k == 0 && *c > 0 {
            k = 1;
        }
        k = k.min(*c as usize);
        given += k;
        remainders.push((exact - exact.floor(), site.clone()));
        out.insert(site.clone(), k);
    }
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut i = 0;
    while given < n && i < remainders.len() * 2 {
        let site = &remainders[i % remainders.len()].1;
        if out[site] < counts[site] as usize {
            *out.get_mut(site).expect("site") += 1;
            given += 1;
        }
        i += 1;
    }
    while given > n {
        // Too many sites for n: drop from the largest allocations.
        let site = out
            .iter()
            .max_by_key(|(_, k)| **k)
            .map(|(s, _)| s.clone())
            .expect("non-empty");
        *out.get_mut(&site).expect("site") -= 1;
        given -= 1;
    }
    out
}

fn text_value(batch: &RecordBatch, name: &str, row: usize) -> Option<String> {
    let a = batch.column_by_name(name)?;
    let s = a.as_string::<i32>();
    s.is_valid(row).then(|| s.value(row).to_string())
}

/// Draws `n` messages from the pipeline's sources, stratified by site,
/// reproducibly for `seed`, and scrubs them with the release's roster.
pub fn draw_sample(
    pipeline: &Pipeline,
    key: &Key,
    n: usize,
    seed: u64,
) -> Result<Vec<ReviewItem>, ReleaseError> {
    let mut rng = SplitMix(seed);
    let mut roster = RosterNames::default();
    roster.add_staff_rosters(pipeline)?;
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut reservoirs: BTreeMap<String, Vec<Raw>> = BTreeMap::new();
    for source in &pipeline.sources {
        if source.kind != SourceKind::Messages {
            continue;
        }
        let mut reader = SourceReader::open(pipeline, source, &IngestOptions::default())?;
        while let Some(chunk) = reader.next_chunk()? {
            let batch = &chunk.batch;
            roster.collect(pipeline, batch);
            for row in 0..batch.num_rows() {
                let site = text_value(batch, "site", row).unwrap_or_default();
                let seen = counts.entry(site.clone()).or_default();
                *seen += 1;
                let reservoir = reservoirs.entry(site.clone()).or_default();
                // Algorithm R: a uniform sample of size n of the site's rows.
                let slot = if reservoir.len() < n {
                    Some(reservoir.len())
                } else {
                    let j = rng.below(*seen) as usize;
                    (j < n).then_some(j)
                };
                if let Some(slot) = slot {
                    let raw = Raw {
                        site,
                        message_id: text_value(batch, "message_id", row).unwrap_or_default(),
                        subject: text_value(batch, "subject", row),
                        body: text_value(batch, "body", row).unwrap_or_default(),
                        language: text_value(batch, "language", row),
                    };
                    if slot == reservoir.len() {
                        reservoir.push(raw);
                    } else {
                        reservoir[slot] = raw;
                    }
                }
            }
        }
    }
    let scrubber = Scrubber::new(roster.builder().build());
    let mut items = Vec::new();
    for (site, k) in allocate(&counts, n) {
        let mut reservoir = reservoirs.remove(&site).unwrap_or_default();
        // A uniform subset of the reservoir: partial Fisher-Yates.
        for i in 0..k.min(reservoir.len()) {
            let j = i + rng.below((reservoir.len() - i) as u64) as usize;
            reservoir.swap(i, j);
        }
        reservoir.truncate(k);
        for raw in reservoir {
            let lang = raw
                .language
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(Lang::De);
            let body = scrubber.scrub(&raw.body, lang);
            let subject = raw
                .subject
                .as_ref()
                .map(|s| (s.clone(), scrubber.scrub(s, lang)));
            items.push(ReviewItem {
                message_pid: key.pseudonym(Domain::Message, &raw.site, &raw.message_id),
                site: raw.site,
                scrubbed_subject: subject.as_ref().map(|(_, s)| s.text.clone()),
                subject: subject.map(|(raw, s)| (raw, s.findings)),
                scrubbed_body: body.text,
                body: (raw.body, body.findings),
            });
        }
    }
    Ok(items)
}

/// `text` as HTML with every finding marked.
fn highlighted(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in findings {
        if f.start < at || f.end > text.len() {
            continue;
        }
        out.push_str(&escape(&text[at..f.start]));
        let _ = write!(
            out,
            "<mark title=\"{} ({})\">{}</mark>",
            f.category.as_str(),
            escape(f.rule),
            escape(&text[f.start..f.end])
        );
        at = f.end;
    }
    out.push_str(&escape(&text[at..]));
    out.replace('\n', "<br>")
}

/// `text` as HTML with the tags of a scrubbed text marked.
fn tags_marked(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::new();
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&rest[..open]);
        let _ = write!(out, "<mark>{}</mark>", &rest[open..=open + close]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace('\n', "<br>")
}

/// Writes `review.html` and `marks.csv` into `dir`; returns their paths.
pub fn write_review(
    dir: &Path,
    study: &str,
    seed: u64,
    items: &[ReviewItem],
) -> Result<(PathBuf, PathBuf), ReleaseError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut rows = String::new();
    for (i, item) in items.iter().enumerate() {
        let subject = item
            .subject
            .as_ref()
            .map(|(t, f)| format!("<b>{}</b><br>", highlighted(t, f)))
            .unwrap_or_default();
        let scrubbed_subject = item
            .scrubbed_subject
            .as_ref()
            .map(|t| format!("<b>{}</b><br>", tags_marked(t)))
            .unwrap_or_default();
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td>{}<br><small>{}</small></td><td>{subject}{}</td><td>{scrubbed_subject}{}</td></tr>",
            i + 1,
            escape(&item.site),
            escape(&item.message_pid),
            highlighted(&item.body.0, &item.body.1),
            tags_marked(&item.scrubbed_body),
        );
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>veil review: {study}</title>\
         <style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}td:nth-child(3),td:nth-child(4){{width:45%}}\
         mark{{background:#ffd54f}}</style></head><body>\
         <h1>Review sample of <code>{study}</code></h1>\
         <p><strong>Raw text: steward only, never share.</strong> {} messages, seed {seed}, stratified by site. \
         For each message, count the protected items the scrubber missed (left: raw with redactions marked; \
         right: what the release holds) and write the number in the <code>missed</code> column of marks.csv \
         (0 when nothing was missed). Then run <code>veil review --score marks.csv</code>.</p>\
         <table><tr><th>#</th><th>site / message</th><th>raw</th><th>scrubbed</th></tr>\n{rows}</table></body></html>\n",
        items.len()
    );
    let html_path = dir.join("review.html");
    std::fs::write(&html_path, html).map_err(io(&html_path))?;
    let csv_path = dir.join("marks.csv");
    let file = std::fs::File::create(&csv_path).map_err(io(&csv_path))?;
    let mut writer = csv::Writer::from_writer(file);
    let csv_err = |source| ReleaseError::Quarantine {
        path: csv_path.clone(),
        source,
    };
    writer
        .write_record([
            "item",
            "site",
            "message_pid",
            "redactions",
            "missed",
            "notes",
        ])
        .map_err(csv_err)?;
    for (i, item) in items.iter().enumerate() {
        let redactions = item.body.1.len() + item.subject.as_ref().map_or(0, |s| s.1.len());
        writer
            .write_record([
                (i + 1).to_string(),
                item.site.clone(),
                item.message_pid.clone(),
                redactions.to_string(),
                String::new(),
                String::new(),
            ])
            .map_err(csv_err)?;
    }
    writer.flush().map_err(io(&csv_path))?;
    Ok((html_path, csv_path))
}

/// The score of a marked review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewScore {
    /// Messages with a `missed` value.
    pub reviewed: u64,
    /// Messages still unmarked.
    pub unmarked: u64,
    /// Messages with at least one miss.
    pub with_misses: u64,
    /// Missed items in total.
    pub missed_items: u64,
    /// Messages with misses / reviewed.
    pub miss_rate: f64,
    /// One-sided 95% Clopper-Pearson upper bound of the per-message miss rate.
    pub upper_95: f64,
    /// Per site: (reviewed, with misses).
    pub by_site: BTreeMap<String, (u64, u64)>,
}

/// Scores a marks CSV (columns `site` and `missed`; `missed` a count, empty
/// when not yet reviewed). Errors name the line.
pub fn score(path: &Path) -> Result<ReviewScore, ReleaseError> {
    let mut reader = csv::Reader::from_path(path).map_err(|source| ReleaseError::Quarantine {
        path: path.to_path_buf(),
        source,
    })?;
    let headers = reader
        .headers()
        .map_err(|source| ReleaseError::Quarantine {
            path: path.to_path_buf(),
            source,
        })?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ReleaseError::Verify(format!("{}: no `{name}` column", path.display())))
    };
    let (site_at, missed_at) = (column("site")?, column("missed")?);
    let mut s = ReviewScore {
        reviewed: 0,
        unmarked: 0,
        with_misses: 0,
        missed_items: 0,
        miss_rate: 0.0,
        upper_95: 1.0,
        by_site: BTreeMap::new(),
    };
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|source| ReleaseError::Quarantine {
            path: path.to_path_buf(),
            source,
        })?;
        let missed = record.get(missed_at).unwrap_or("").trim();
        if missed.is_empty() {
            s.unmarked += 1;
            continue;
        }
        let n: u64 = missed.parse().map_err(|_| {
            ReleaseError::Verify(format!(
                "{}: line {}, column `missed`: `{missed}` is not a count (write 0 when nothing was missed)",
                path.display(),
                i + 2
            ))
        })?;
        s.reviewed += 1;
        s.missed_items += n;
        let site = s
            .by_site
            .entry(record.get(site_at).unwrap_or("").to_string())
            .or_default();
        site.0 += 1;
        if n > 0 {
            s.with_misses += 1;
            site.1 += 1;
        }
    }
    if s.reviewed > 0 {
        s.miss_rate = s.with_misses as f64 / s.reviewed as f64;
    }
    s.upper_95 = crate::stats::clopper_pearson_upper(s.with_misses, s.reviewed, 0.95);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_is_proportional_with_one_per_site() {
        let counts = BTreeMap::from([
            ("a".to_string(), 900),
            ("b".to_string(), 90),
            ("c".to_string(), 10),
        ]);
        let a = allocate(&counts, 100);
        assert_eq!(a.values().sum::<usize>(), 100);
        assert_eq!(a["a"], 90);
        assert_eq!(a["b"], 9);
        assert_eq!(a["c"], 1);
        let small = allocate(&counts, 2);
        assert_eq!(small.values().sum::<usize>(), 2);
        let all = allocate(&BTreeMap::from([("a".to_string(), 3)]), 10);
        assert_eq!(all["a"], 3, "never more than there are");
    }

    #[test]
    fn the_generator_is_seeded() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = SplitMix(7);
                move |_| r.next()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = SplitMix(7);
                move |_| r.next()
            })
            .collect();
        let c: Vec<u64> = (0..5)
            .map({
                let mut r = SplitMix(8);
                move |_| r.next()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn highlighting_escapes_and_marks() {
        let f = Finding {
            start: 6,
            end: 10,
            category: veil_scrub::Category::PatientName,
            rule: "roster",
        };
        assert_eq!(
            highlighted("Frau <Koch", &[Finding { start: 5, ..f }]),
            "Frau <mark title=\"PATIENT_NAME (roster)\">&lt;Koch</mark>"
        );
        assert_eq!(tags_marked("a [DATE] b"), "a <mark>[DATE]</mark> b");
    }

    #[test]
    fn scoring_counts_messages_with_misses_and_bounds_the_rate() {
        let dir = std::env::temp_dir().join(format!("veil-review-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("marks.csv");
        let mut text = String::from("item,site,message_pid,redactions,missed,notes\n");
        for i in 0..300 {
            text.push_str(&format!("{i},s,p{i},1,0,\n"));
        }
        text.push_str("301,s,p,1,,\n");
        std::fs::write(&path, &text).unwrap();
        let s = score(&path).unwrap();
        assert_eq!((s.reviewed, s.unmarked, s.with_misses), (300, 1, 0));
        assert!((s.upper_95 - 0.009_936).abs() < 1e-5, "{}", s.upper_95);
        std::fs::write(&path, text.replace("5,s,p5,1,0,", "5,s,p5,1,2,")).unwrap();
        let s = score(&path).unwrap();
        assert_eq!((s.with_misses, s.missed_items), (1, 2));
        std::fs::write(&path, text.replace("5,s,p5,1,0,", "5,s,p5,1,x,")).unwrap();
        let err = score(&path).unwrap_err().to_string();
        assert!(
            err.contains("line 7") && err.contains("not a count"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
