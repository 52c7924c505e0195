//! Study outputs: a CSV per analysis, SVG charts and one self-contained
//! HTML report, from a release and a list of analyses.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use arrow::array::{Array, AsArray};
use arrow::datatypes::DataType;

use crate::chart::{ChartKind, Point, escape, svg};
use crate::{OutputFormat, QueryError, QueryResult, Session};

/// One analysis of a study.
#[derive(Debug, Clone)]
pub struct StudyAnalysis {
    /// Name: names its CSV and SVG files.
    pub name: String,
    /// Title shown above it.
    pub title: Option<String>,
    /// The query.
    pub sql: String,
    /// A chart of its result, if any.
    pub chart: Option<ChartKind>,
    /// The charted column (default: the second).
    pub chart_value: Option<String>,
}

/// The outcome of one analysis.
#[derive(Debug, Clone)]
pub struct AnalysisOutput {
    /// The analysis.
    pub analysis: StudyAnalysis,
    /// Its result.
    pub result: QueryResult,
    /// The files written for it.
    pub files: Vec<PathBuf>,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> QueryError + '_ {
    move |source| {
        QueryError::Format(veil_format::FormatError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Runs `analyses` over `session`, writing `<name>.csv` (and `<name>.svg`
/// where a chart is declared) into `out`, then `report.html`.
pub async fn run_study(
    session: &Session,
    study: &str,
    analyses: &[StudyAnalysis],
    out: &Path,
) -> Result<Vec<AnalysisOutput>, QueryError> {
    std::fs::create_dir_all(out).map_err(io(out))?;
    let mut outputs = Vec::new();
    for analysis in analyses {
        let result = session
            .sql(&analysis.sql)
            .await
            .map_err(|e| QueryError::Analysis {
                name: analysis.name.clone(),
                message: e.to_string(),
            })?;
        let mut files = Vec::new();
        let csv = out.join(format!("{}.csv", analysis.name));
        let mut file = std::fs::File::create(&csv).map_err(io(&csv))?;
        result.write(OutputFormat::Csv, &mut file)?;
        files.push(csv);
        if let Some(kind) = analysis.chart {
            let path = out.join(format!("{}.svg", analysis.name));
            let (value, points) = chart_points(&result, analysis.chart_value.as_deref())?;
            let title = analysis.title.as_deref().unwrap_or(&analysis.name);
            std::fs::write(&path, svg(kind, title, &value, &points)).map_err(io(&path))?;
            files.push(path);
        }
        outputs.push(AnalysisOutput {
            analysis: analysis.clone(),
            result,
            files,
        });
    }
    let html = out.join("report.html");
    std::fs::write(&html, report_html(session, study, &outputs)?).map_err(io(&html))?;
    Ok(outputs)
}

/// Labels (first column) and values (the named or second column) of a result.
pub fn chart_points(
    result: &QueryResult,
    value: Option<&str>,
) -> Result<(String, Vec<Point>), QueryError> {
    let fail = |m: String| QueryError::Output(m);
    let fields = result.schema.fields();
    let index = match value {
        Some(name) => result
            .schema
            .index_of(name)
            .map_err(|_| fail(format!("chart column `{name}` is not in the result")))?,
        None if fields.len() >= 2 => 1,
        None => return Err(fail("a chart needs a label and a value column".into())),
    };
    let mut points = Vec::new();
    for batch in &result.batches {
        let labels = arrow::compute::cast(batch.column(0), &DataType::Utf8)
            .map_err(|e| fail(e.to_string()))?;
        let labels = labels.as_string::<i32>();
        let values = arrow::compute::cast(batch.column(index), &DataType::Float64)
            .map_err(|e| fail(format!("chart column is not numeric: {e}")))?;
        let values = values.as_primitive::<arrow::datatypes::Float64Type>();
        for r in 0..batch.num_rows() {
            let label = if labels.is_null(r) {
                "(none)".to_string()
            } else {
                labels.value(r).to_string()
            };
            let v = (!values.is_null(r)).then(|| values.value(r));
            points.push((label, v));
        }
    }
    Ok((fields[index].name().clone(), points))
}

/// The HTML report: every analysis as a table, its chart inline and its SQL.
pub fn report_html(
    session: &Session,
    study: &str,
    outputs: &[AnalysisOutput],
) -> Result<String, QueryError> {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{s} — veil study report</title>\
         <style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}}\
         table{{border-collapse:collapse;margin:.5em 0}}td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:right}}\
         th{{background:#f3f3f3}}td.s{{color:#b00;font-style:italic}}pre{{background:#f7f7f7;padding:.5em;overflow:auto}}\
         .note{{background:#fff6d6;padding:.5em}}</style></head><body>\n<h1>{s}</h1>\n",
        s = escape(study)
    );
    if session.uses_demo_key() {
        h.push_str("<p class=\"note\"><b>Made with the PUBLIC demo key</b>: its pseudonyms protect nothing; synthetic data only.</p>\n");
    }
    let releases: Vec<String> = session
        .releases()
        .iter()
        .map(|r| {
            format!(
                "{} (key fingerprint {})",
                escape(&r.manifest.study),
                escape(&r.manifest.key_fingerprint)
            )
        })
        .collect();
    let _ = writeln!(
        h,
        "<p>Release: {}. Disclosure control: every aggregate cell made of fewer than <b>{}</b> distinct patients is suppressed.</p>",
        releases.join(", "),
        session.min_cell()
    );
    for output in outputs {
        let a = &output.analysis;
        let _ = writeln!(
            h,
            "<h2 id=\"{n}\">{t}</h2>",
            n = escape(&a.name),
            t = escape(a.title.as_deref().unwrap_or(&a.name))
        );
        h.push_str(&html_table(&output.result)?);
        if let Some(note) = output.result.suppression_note() {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(&note));
        }
        if let Some(kind) = a.chart {
            let (value, points) = chart_points(&output.result, a.chart_value.as_deref())?;
            h.push_str(&svg(
                kind,
                a.title.as_deref().unwrap_or(&a.name),
                &value,
                &points,
            ));
        }
        let _ = writeln!(
            h,
            "<details><summary>SQL</summary><pre>{}</pre></details>",
            escape(a.sql.trim())
        );
    }
    h.push_str("</body></html>\n");
    Ok(h)
}

fn html_table(result: &QueryResult) -> Result<String, QueryError> {
    let mut h = String::from("<table><tr>");
    for field in result.schema.fields() {
        let _ = write!(h, "<th>{}</th>", escape(field.name()));
    }
    h.push_str("</tr>\n");
    let mut row = 0;
    for batch in &result.batches {
        for r in 0..batch.num_rows() {
            h.push_str("<tr>");
            for (c, column) in batch.columns().iter().enumerate() {
                if result.is_suppressed(row, c) {
                    h.push_str("<td class=\"s\">suppressed</td>");
                } else if column.is_null(r) {
                    h.push_str("<td></td>");
                } else {
                    let text = arrow::util::display::array_value_to_string(column, r)
                        .map_err(|e| QueryError::Output(e.to_string()))?;
                    let _ = write!(h, "<td>{}</td>", escape(&text));
                }
            }
            h.push_str("</tr>\n");
            row += 1;
        }
    }
    h.push_str("</table>\n");
    Ok(h)
}
