//! The release plan: the pipeline's column policy compiled to SQL over the
//! canonical `raw` table, using the veil UDFs.
//!
//! The SQL is generated, not hand-written per study, so the plan is exactly
//! what the policy declares: a column without a releasing treatment never
//! appears in it.

use veil_format::messages_schema;
use veil_pipeline::{CanonicalColumn as C, Pipeline, Treatment};

/// Name of the canonical input table in the release session.
pub const RAW_TABLE: &str = "raw";

/// Whether a canonical column reaches the release: mapped by some source
/// and given a treatment that releases something.
fn released(pipeline: &Pipeline, column: C) -> bool {
    let mapped = pipeline.sources.iter().any(|s| s.column(column).is_some());
    mapped
        && matches!(
            pipeline.treatment(column),
            Some(
                Treatment::Pseudonym
                    | Treatment::Shift
                    | Treatment::Keep
                    | Treatment::Scrub
                    | Treatment::Generalize
            )
        )
}

/// The SQL that turns `raw` into the `messages` table, sorted by site,
/// patient, time and message.
pub fn messages_sql(pipeline: &Pipeline) -> String {
    let linked = pipeline.pseudonyms.link_patients_across_sites;
    let patient_scope = if linked { "''" } else { "site" };
    let has = |c: C| released(pipeline, c);

    // Stage 1: per-row de-identification. Raw values are used here and only here.
    let mut deid: Vec<String> = vec!["site".into()];
    let mut pseudonym = |column: C, domain: &str, scope: &str, name: &str| {
        if has(column) {
            deid.push(format!(
                "veil_pseudonym('{domain}', {scope}, {}) AS {name}",
                column.as_str()
            ));
        }
    };
    pseudonym(C::MessageId, "message", "site", "message_pid");
    pseudonym(C::ThreadId, "thread", "site", "thread_pid");
    pseudonym(C::PatientId, "patient", patient_scope, "patient_pid");
    pseudonym(C::SenderId, "person", "site", "sender_pid");
    pseudonym(C::RecipientId, "person", "site", "recipient_pid");
    for column in [C::SenderRole, C::RecipientRole, C::Clinic, C::Specialty] {
        if has(column) {
            deid.push(column.as_str().into());
        }
    }
    if pipeline.treatment(C::Language) != Some(Treatment::Drop) {
        deid.push("language".into());
    }
    // The role is needed for message_kind even where the role itself is dropped.
    deid.push("sender_role AS kind_role".into());
    let time = match pipeline.treatment(C::SentAt) {
        Some(Treatment::Shift) => Some(format!("veil_shift(sent_at, {patient_scope}, patient_id)")),
        Some(Treatment::Keep) => Some("sent_at".to_string()),
        _ => None,
    };
    if let Some(time) = &time {
        deid.push(format!("{time} AS sent_at"));
        // Hour of day from the true local time, before any shift.
        deid.push(
            "CAST(((to_unixtime(sent_at) + CAST(utc_offset_minutes AS BIGINT) * 60) % 86400) / 3600 AS INT) AS local_hour"
                .into(),
        );
    }
    let scrub_subject = has(C::Subject) && pipeline.treatment(C::Subject) == Some(Treatment::Scrub);
    let scrub_body = has(C::Body) && pipeline.treatment(C::Body) == Some(Treatment::Scrub);
    if scrub_subject || scrub_body {
        let arg = |on: bool, name: &str| {
            if on {
                name.to_string()
            } else {
                "CAST(NULL AS VARCHAR)".to_string()
            }
        };
        deid.push(format!(
            "veil_scrub({}, {}, language) AS scrubbed",
            arg(scrub_subject, "subject"),
            arg(scrub_body, "body")
        ));
    }

    // Stage 2: position in thread, over pseudonyms and shifted times only.
    let threaded = has(C::ThreadId);
    let order_in_thread = if time.is_some() {
        "sent_at, message_pid"
    } else {
        "message_pid"
    };
    let position = if threaded {
        format!(
            ", CAST(row_number() OVER (PARTITION BY site, thread_pid ORDER BY {order_in_thread}) AS BIGINT) AS position_in_thread"
        )
    } else {
        String::new()
    };

    // Stage 3: the released columns, in the release schema's order.
    let kind = if threaded {
        "CASE WHEN kind_role IN ('patient', 'proxy') THEN 'patient_message' \
         WHEN position_in_thread = 1 THEN 'clinician_initial_note' ELSE 'clinician_reply' END"
    } else {
        "CASE WHEN kind_role IN ('patient', 'proxy') THEN 'patient_message' ELSE 'clinician_message' END"
    };
    let mut select = Vec::new();
    for field in messages_schema().fields() {
        let name = field.name().as_str();
        let expr = match name {
            "message_pid" | "patient_pid" | "site" => Some(name.to_string()),
            "thread_pid" => has(C::ThreadId).then(|| name.to_string()),
            "sender_pid" => has(C::SenderId).then(|| name.to_string()),
            "recipient_pid" => has(C::RecipientId).then(|| name.to_string()),
            "sender_role" => has(C::SenderRole).then(|| name.to_string()),
            "recipient_role" => has(C::RecipientRole).then(|| name.to_string()),
            "clinic" => has(C::Clinic).then(|| name.to_string()),
            "specialty" => has(C::Specialty).then(|| name.to_string()),
            "language" => {
                (pipeline.treatment(C::Language) != Some(Treatment::Drop)).then(|| name.to_string())
            }
            "sent_at" | "local_hour" => time.as_ref().map(|_| name.to_string()),
            "day_part" => time.as_ref().map(|_| {
                "CASE WHEN local_hour < 6 THEN 'night' WHEN local_hour < 9 THEN 'early_morning' \
                 WHEN local_hour < 18 THEN 'day' ELSE 'evening' END"
                    .to_string()
            }),
            "position_in_thread" => threaded.then(|| name.to_string()),
            "message_kind" => Some(kind.to_string()),
            "subject" => scrub_subject.then(|| "get_field(scrubbed, 'subject')".to_string()),
            "body" => scrub_body.then(|| "get_field(scrubbed, 'body')".to_string()),
            "redactions" => (scrub_subject || scrub_body)
                .then(|| "get_field(scrubbed, 'redactions')".to_string()),
            _ => None,
        };
        if let Some(expr) = expr {
            select.push(if expr == name {
                expr
            } else {
                format!("{expr} AS {name}")
            });
        }
    }
    let order = if time.is_some() {
        "site, patient_pid, sent_at, message_pid"
    } else {
        "site, patient_pid, message_pid"
    };
    format!(
        "WITH deid AS (\n  SELECT {}\n  FROM {RAW_TABLE}\n),\nthreaded AS (\n  SELECT *{position} FROM deid\n)\nSELECT {}\nFROM threaded\nORDER BY {order}",
        deid.join(",\n    "),
        select.join(",\n  "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIPELINE: &str = r#"
study = "t"
[[sources]]
name = "s"
site = "a"
path = "x.csv"
language = "de"
timestamp_format = "%Y"
time_zone = "UTC"
[sources.columns]
message_id = "m"
patient_id = "p"
sender_role = "r"
sender_name = "n"
sent_at = "t"
body = "b"
[policy]
message_id = "pseudonym"
patient_id = "pseudonym"
sender_role = "keep"
sender_name = "roster"
sent_at = "shift"
body = "scrub"
"#;

    #[test]
    fn the_plan_releases_only_declared_columns_and_never_raw_ones() {
        let pipeline = Pipeline::parse(PIPELINE, "p.toml".as_ref()).unwrap();
        let sql = messages_sql(&pipeline);
        let select = sql.rsplit("SELECT").next().unwrap();
        for raw in [
            "sender_name",
            "patient_id",
            "message_id",
            "utc_offset_minutes",
            "kind_role",
        ] {
            assert!(
                !select.contains(&format!("{raw},")) && !select.contains(&format!("{raw}\n")),
                "{raw} in {select}"
            );
        }
        assert!(sql.contains("veil_shift(sent_at, site, patient_id)"));
        assert!(sql.contains("veil_scrub(CAST(NULL AS VARCHAR), body, language)"));
        assert!(!sql.contains("thread_pid"));
        assert!(sql.contains("'clinician_message'"));
    }

    #[test]
    fn linked_patients_leave_the_site_out() {
        let text = format!("{PIPELINE}\n[pseudonyms]\nlink_patients_across_sites = true\n");
        let pipeline = Pipeline::parse(&text, "p.toml".as_ref()).unwrap();
        let sql = messages_sql(&pipeline);
        assert!(sql.contains("veil_pseudonym('patient', '', patient_id)"));
        assert!(sql.contains("veil_shift(sent_at, '', patient_id)"));
    }
}
