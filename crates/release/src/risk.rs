//! Re-identification risk of the patients table, as ARX and sdcMicro report
//! it: equivalence classes over the quasi-identifiers (site, clinic, birth
//! year or age band, banded message and login counts), their sizes, sample
//! uniques, k and the records at risk; and the pipeline's remedy, global
//! generalisation step by step or local suppression, until k is reached.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int32Array, RecordBatch, StringArray};
use arrow::datatypes::{Int32Type, Int64Type};
use serde::{Deserialize, Serialize};
use veil_pipeline::KAction;

/// The quasi-identifiers risk is measured over.
pub const QUASI_IDENTIFIERS: [&str; 5] = [
    "site",
    "clinic",
    "birth_year or age_band",
    "messages (banded)",
    "logins (banded)",
];

/// Activity counts are banded before they count as quasi-identifiers: an
/// attacker knows roughly, not exactly, how often someone wrote.
pub fn activity_band(n: Option<i64>) -> String {
    match n {
        None => "n/a".into(),
        Some(n) if n <= 0 => "0".into(),
        Some(1) => "1".into(),
        Some(n) if n <= 4 => "2-4".into(),
        Some(n) if n <= 9 => "5-9".into(),
        Some(n) if n <= 19 => "10-19".into(),
        Some(n) if n <= 49 => "20-49".into(),
        Some(_) => "50+".into(),
    }
}

/// The risk figures of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskReport {
    /// The quasi-identifiers.
    pub quasi_identifiers: Vec<String>,
    /// Patients (records).
    pub records: u64,
    /// Equivalence classes.
    pub classes: u64,
    /// Smallest class size (the table is k-anonymous for this k); 0 when empty.
    pub k: u64,
    /// Records alone in their class.
    pub sample_uniques: u64,
    /// Class size under which a record counts as at risk.
    pub threshold: u64,
    /// Records in classes smaller than the threshold.
    pub records_at_risk: u64,
    /// Number of classes of each size.
    pub class_sizes: BTreeMap<u64, u64>,
    /// Highest re-identification probability of a record (1 / k), in percent.
    pub highest_risk_percent: f64,
    /// Average re-identification probability over records, in percent.
    pub average_risk_percent: f64,
}

/// The quasi-identifier tuple of every row of the patients batches.
fn tuples(batches: &[RecordBatch]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for batch in batches {
        let text = |name: &str| {
            batch
                .column_by_name(name)
                .map(|a| a.as_string::<i32>().clone())
        };
        let int64 = |name: &str| {
            batch
                .column_by_name(name)
                .map(|a| a.as_primitive::<Int64Type>().clone())
        };
        let (site, clinic, band) = (text("site"), text("clinic"), text("age_band"));
        let year = batch
            .column_by_name("birth_year")
            .map(|a| a.as_primitive::<Int32Type>().clone());
        let (messages, logins) = (int64("messages"), int64("logins"));
        for row in 0..batch.num_rows() {
            let s = |a: &Option<StringArray>| {
                a.as_ref()
                    .filter(|a| a.is_valid(row))
                    .map_or("*".to_string(), |a| a.value(row).to_string())
            };
            let birth = match &year {
                Some(y) if y.is_valid(row) => y.value(row).to_string(),
                _ => s(&band),
            };
            let n = |a: &Option<arrow::array::Int64Array>| {
                a.as_ref().filter(|a| a.is_valid(row)).map(|a| a.value(row))
            };
            out.push(vec![
                s(&site),
                s(&clinic),
                birth,
                activity_band(n(&messages)),
                activity_band(n(&logins)),
            ]);
        }
    }
    out
}

/// Class size of every row, in row order.
fn class_sizes(tuples: &[Vec<String>]) -> Vec<u64> {
    let mut counts: BTreeMap<&Vec<String>, u64> = BTreeMap::new();
    for t in tuples {
        *counts.entry(t).or_default() += 1;
    }
    tuples.iter().map(|t| counts[t]).collect()
}

/// The risk of the patients table in `batches` under `threshold`.
pub fn measure(batches: &[RecordBatch], threshold: u32) -> RiskReport {
    let tuples = tuples(batches);
    let sizes = class_sizes(&tuples);
    let mut classes: BTreeMap<&Vec<String>, u64> = BTreeMap::new();
    for t in &tuples {
        *classes.entry(t).or_default() += 1;
    }
    let mut histogram = BTreeMap::new();
    for size in classes.values() {
        *histogram.entry(*size).or_default() += 1;
    }
    let k = classes.values().copied().min().unwrap_or(0);
    let records = tuples.len() as u64;
    let threshold = u64::from(threshold);
    let round = |x: f64| (x * 100.0).round() / 100.0;
    RiskReport {
        quasi_identifiers: QUASI_IDENTIFIERS.iter().map(|s| s.to_string()).collect(),
        records,
        classes: classes.len() as u64,
        k,
        sample_uniques: sizes.iter().filter(|s| **s == 1).count() as u64,
        threshold,
        records_at_risk: sizes.iter().filter(|s| **s < threshold).count() as u64,
        class_sizes: histogram,
        highest_risk_percent: if k == 0 { 0.0 } else { round(100.0 / k as f64) },
        average_risk_percent: if records == 0 {
            0.0
        } else {
            // Each class of size f contributes f records of risk 1/f.
            round(100.0 * classes.len() as f64 / records as f64)
        },
    }
}

/// Brings the patients table to `k`-anonymity with `action`; returns the new
/// batches and the steps taken, in words, for the audit.
pub fn enforce(
    mut batches: Vec<RecordBatch>,
    k: u32,
    action: KAction,
) -> Result<(Vec<RecordBatch>, Vec<String>), arrow::error::ArrowError> {
    let mut steps = Vec::new();
    if k <= 1 {
        return Ok((batches, steps));
    }
    let reached = |b: &[RecordBatch]| measure(b, k).k >= u64::from(k) || measure(b, k).records == 0;
    if reached(&batches) {
        return Ok((batches, steps));
    }
    if action == KAction::Generalize {
        let has_years = batches.iter().any(|b| {
            b.column_by_name("birth_year")
                .is_some_and(|a| a.null_count() < a.len())
        });
        let has_bands = batches.iter().any(|b| {
            b.column_by_name("age_band")
                .is_some_and(|a| a.null_count() < a.len())
        });
        if has_years {
            for (width, what) in [
                (5, "birth years rounded down to 5 years"),
                (10, "birth years rounded down to 10 years"),
            ] {
                batches = map_column(&batches, "birth_year", |a| {
                    let years = a.as_primitive::<Int32Type>();
                    Arc::new(
                        years
                            .iter()
                            .map(|y| y.map(|y| y.div_euclid(width) * width))
                            .collect::<Int32Array>(),
                    )
                })?;
                steps.push(what.to_string());
                if reached(&batches) {
                    return Ok((batches, steps));
                }
            }
        }
        if has_bands {
            for _ in 0..2 {
                batches = map_column(&batches, "age_band", |a| {
                    let bands = a.as_string::<i32>();
                    Arc::new(
                        bands
                            .iter()
                            .map(|b| b.map(widen_band))
                            .collect::<StringArray>(),
                    )
                })?;
                steps.push("age bands doubled in width".into());
                if reached(&batches) {
                    return Ok((batches, steps));
                }
            }
        }
        batches = map_column(&batches, "clinic", |a| {
            Arc::new(StringArray::new_null(a.len())) as ArrayRef
        })?;
        steps.push("clinic removed".into());
        if reached(&batches) {
            return Ok((batches, steps));
        }
    }
    // Local suppression: blank the quasi-identifiers of rows still in small classes.
    let tuples: Vec<Vec<String>> = tuples(&batches);
    let sizes = class_sizes(&tuples);
    let mut suppressed = 0;
    let mut offset = 0;
    let mut out = Vec::new();
    for batch in &batches {
        let small: Vec<bool> = (0..batch.num_rows())
            .map(|i| sizes[offset + i] < u64::from(k))
            .collect();
        suppressed += small.iter().filter(|s| **s).count();
        offset += batch.num_rows();
        let mut b = batch.clone();
        for name in ["clinic", "birth_year", "age_band"] {
            b = map_column(&[b], name, |a| {
                let keep = arrow::array::BooleanArray::from(
                    small.iter().map(|s| Some(!s)).collect::<Vec<_>>(),
                );
                arrow::compute::nullif(a, &arrow::compute::not(&keep).expect("not"))
                    .expect("same length")
            })?
            .remove(0);
        }
        out.push(b);
    }
    steps.push(format!(
        "quasi-identifiers (clinic, birth year, age band) suppressed for {suppressed} patient(s) in classes under k = {k}"
    ));
    Ok((out, steps))
}

/// An age band twice as wide (`40-49` becomes `40-59`; `90+` and single
/// years stay as they are, the last band still ends at 89).
pub fn widen_band(band: &str) -> String {
    let Some((low, high)) = band.split_once('-') else {
        return band.to_string();
    };
    let (Ok(low), Ok(high)) = (low.parse::<u32>(), high.parse::<u32>()) else {
        return band.to_string();
    };
    let width = 2 * (high.saturating_sub(low) + 1);
    let start = low / width * width;
    let end = (start + width - 1).min(veil_pseudonym::TOP_CODED_AGE - 1);
    format!("{start}-{end}")
}

/// `batches` with column `name` (if present) replaced by `f` of it.
fn map_column(
    batches: &[RecordBatch],
    name: &str,
    f: impl Fn(&ArrayRef) -> ArrayRef,
) -> Result<Vec<RecordBatch>, arrow::error::ArrowError> {
    batches
        .iter()
        .map(|batch| {
            let Ok(index) = batch.schema().index_of(name) else {
                return Ok(batch.clone());
            };
            let mut columns = batch.columns().to_vec();
            columns[index] = f(&columns[index]);
            RecordBatch::try_new(batch.schema(), columns)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Int64Array;
    use arrow::datatypes::{DataType, Field, Schema};

    fn patients(rows: &[(&str, &str, i32, i64)]) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("site", DataType::Utf8, false),
            Field::new("clinic", DataType::Utf8, true),
            Field::new("birth_year", DataType::Int32, true),
            Field::new("age_band", DataType::Utf8, true),
            Field::new("messages", DataType::Int64, true),
            Field::new("logins", DataType::Int64, true),
        ]));
        RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.0))),
                Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.1))),
                Arc::new(Int32Array::from_iter_values(rows.iter().map(|r| r.2))),
                Arc::new(StringArray::new_null(rows.len())),
                Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.3))),
                Arc::new(Int64Array::new_null(rows.len())),
            ],
        )
        .unwrap()
    }

    #[test]
    fn classes_uniques_and_records_at_risk() {
        let b = patients(&[
            ("a", "x", 1970, 3),
            ("a", "x", 1970, 4), // same band 2-4
            ("a", "x", 1971, 3),
            ("a", "y", 1980, 12),
        ]);
        let r = measure(&[b], 2);
        assert_eq!(r.records, 4);
        assert_eq!(r.classes, 3);
        assert_eq!(r.k, 1);
        assert_eq!(r.sample_uniques, 2);
        assert_eq!(r.records_at_risk, 2);
        assert_eq!(r.class_sizes, BTreeMap::from([(1, 2), (2, 1)]));
        assert_eq!(r.highest_risk_percent, 100.0);
        assert_eq!(r.average_risk_percent, 75.0);
    }

    #[test]
    fn generalisation_goes_step_by_step_until_k_is_reached() {
        let b = patients(&[
            ("a", "x", 1970, 3),
            ("a", "x", 1971, 3),
            ("a", "y", 1972, 3),
            ("a", "y", 1973, 3),
        ]);
        let (out, steps) = enforce(vec![b.clone()], 2, KAction::Generalize).unwrap();
        assert_eq!(steps, vec!["birth years rounded down to 5 years"]);
        assert_eq!(measure(&out, 2).k, 2);
        let (out, steps) = enforce(vec![b], 4, KAction::Generalize).unwrap();
        assert_eq!(steps.len(), 3, "{steps:?}");
        assert_eq!(measure(&out, 4).k, 4);
    }

    #[test]
    fn bands_widen_and_stay_top_coded() {
        assert_eq!(widen_band("40-49"), "40-59");
        assert_eq!(widen_band("50-59"), "40-59");
        assert_eq!(widen_band("80-89"), "80-89");
        assert_eq!(widen_band("40-59"), "40-79");
        assert_eq!(widen_band("90+"), "90+");
        assert_eq!(widen_band("33"), "33");
    }

    #[test]
    fn suppression_blanks_only_rows_in_small_classes() {
        let b = patients(&[
            ("a", "x", 1970, 3),
            ("a", "x", 1970, 3),
            ("a", "y", 1990, 3),
        ]);
        let (out, steps) = enforce(vec![b], 2, KAction::Suppress).unwrap();
        assert!(steps[0].contains("1 patient"), "{steps:?}");
        let years = out[0].column_by_name("birth_year").unwrap();
        assert_eq!(years.null_count(), 1);
        assert!(years.is_null(2));
        let (_, none) =
            enforce(vec![patients(&[("a", "x", 1970, 3)])], 1, KAction::Suppress).unwrap();
        assert!(none.is_empty(), "k = 1 asks for nothing");
    }
}
