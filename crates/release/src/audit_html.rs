//! `audit.html`: one self-contained page, charts as inline SVG, no script,
//! no external resource, so it opens offline and can be archived.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::audit::Audit;

/// Escapes text for HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart as inline SVG.
pub(crate) fn bar_chart(items: &[(String, u64)]) -> String {
    if items.is_empty() {
        return "<p class=\"none\">none</p>".into();
    }
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let row = 22;
    let label_width = 190;
    let bar_width = 420;
    let height = row * items.len() + 4;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\">",
        label_width + bar_width + 70
    );
    for (i, (label, n)) in items.iter().enumerate() {
        let y = i * row + 2;
        let w = (*n as f64 / max as f64 * bar_width as f64).round() as u64;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"#4a78a8\"/>\
             <text x=\"{}\" y=\"{}\">{n}</text>",
            label_width - 6,
            y + 15,
            escape(label),
            label_width,
            row - 6,
            label_width as u64 + w + 6,
            y + 15,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::from("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(&cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

fn per_site(title: &str, data: &BTreeMap<String, BTreeMap<String, u64>>) -> String {
    let mut out = String::new();
    for (site, counts) in data {
        let mut items: Vec<(String, u64)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
        items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = write!(
            out,
            "<h3>{} at site {}</h3>{}",
            escape(title),
            escape(site),
            bar_chart(&items)
        );
    }
    if out.is_empty() {
        out.push_str("<p class=\"none\">no redactions</p>");
    }
    out
}

/// The page.
pub fn render(audit: &Audit) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Audit of release <code>{}</code></h1>\
         <p>Made by {} {} with key fingerprint <code>{}</code>{}; pipeline sha256 <code>{}</code>.</p>",
        escape(&audit.study),
        escape(&audit.tool),
        escape(&audit.tool_version),
        escape(&audit.key_fingerprint),
        if audit.demo_key {
            " <strong>(the PUBLIC demo key: this release protects nothing)</strong>"
        } else {
            ""
        },
        escape(&audit.pipeline_sha256),
    );
    body.push_str("<h2>Policy</h2>");
    body.push_str(&table(
        &["column", "treatment"],
        audit
            .policy
            .iter()
            .map(|(c, t)| vec![c.clone(), t.clone()])
            .collect(),
    ));
    body.push_str("<h2>Reconciliation</h2>");
    body.push_str(&table(
        &[
            "source",
            "site",
            "read",
            "released",
            "quarantined",
            "reasons",
        ],
        audit
            .reconciliation
            .iter()
            .map(|s| {
                vec![
                    s.source.clone(),
                    s.site.clone(),
                    s.rows_read.to_string(),
                    s.rows_released.to_string(),
                    s.rows_quarantined.to_string(),
                    s.quarantine_reasons
                        .iter()
                        .map(|(r, n)| format!("{r}: {n}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    ));
    body.push_str(&table(
        &["table", "rows"],
        audit
            .tables
            .iter()
            .map(|(t, n)| vec![t.clone(), n.to_string()])
            .collect(),
    ));
    let _ = write!(
        body,
        "<h2>Redactions</h2><p>{} in total, from the findings table.</p>",
        audit.redactions.total
    );
    body.push_str(&per_site("By category", &audit.redactions.by_site_category));
    body.push_str(&per_site("By rule", &audit.redactions.by_site_rule));
    body.push_str("<h3>Messages by number of redactions</h3>");
    let order = ["0", "1", "2", "3-4", "5-9", "10+"];
    let per_message: Vec<(String, u64)> = order
        .iter()
        .map(|b| {
            (
                b.to_string(),
                audit.redactions.per_message.get(*b).copied().unwrap_or(0),
            )
        })
        .collect();
    body.push_str(&bar_chart(&per_message));
    body.push_str(
        "<h2>Most frequent capitalised tokens kept</h2>\
         <p>Read these for names the scrubber missed (German nouns are capitalised too).</p>",
    );
    body.push_str(&bar_chart(&audit.kept_capitalised_tokens));
    body.push_str("<h2>Re-identification risk of the patients table</h2>");
    match &audit.risk {
        Some(r) => {
            let _ = write!(
                body,
                "<p>Quasi-identifiers: {}.</p>",
                escape(&r.quasi_identifiers.join(", "))
            );
            body.push_str(&table(
                &["measure", "value"],
                vec![
                    vec!["patients".into(), r.records.to_string()],
                    vec!["equivalence classes".into(), r.classes.to_string()],
                    vec!["k (smallest class)".into(), r.k.to_string()],
                    vec!["sample uniques".into(), r.sample_uniques.to_string()],
                    vec![
                        format!("patients in classes under {}", r.threshold),
                        r.records_at_risk.to_string(),
                    ],
                    vec![
                        "highest risk".into(),
                        format!("{:.2} %", r.highest_risk_percent),
                    ],
                    vec![
                        "average risk".into(),
                        format!("{:.2} %", r.average_risk_percent),
                    ],
                ],
            ));
            body.push_str("<h3>Classes by size</h3>");
            let sizes: Vec<(String, u64)> = r
                .class_sizes
                .iter()
                .map(|(size, n)| (format!("size {size}"), *n))
                .collect();
            body.push_str(&bar_chart(&sizes));
        }
        None => body.push_str("<p class=\"none\">no patients table</p>"),
    }
    let k = &audit.k_anonymity;
    let _ = write!(
        body,
        "<p>k-anonymity asked: {} ({}). Steps taken: {}.</p>",
        if k.k_target == 0 {
            "none (report only)".to_string()
        } else {
            k.k_target.to_string()
        },
        escape(&k.action),
        if k.steps.is_empty() {
            "none".to_string()
        } else {
            escape(&k.steps.join("; "))
        }
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>veil audit: {}</title><style>\
         body{{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}}\
         table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:2px 8px;text-align:left}}\
         svg text{{font-size:12px}}.none{{color:#777}}</style></head><body>\n{body}\n</body></html>\n",
        escape(&audit.study)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_charts_every_item() {
        assert_eq!(escape("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
        let svg = bar_chart(&[("<b>".into(), 3), ("x".into(), 1)]);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("&lt;b&gt;"));
        assert!(bar_chart(&[]).contains("none"));
    }
}
