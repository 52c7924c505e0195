//! The release plan: the pipeline's column policy compiled to SQL over the
//! canonical `raw` table, using the veil UDFs.
//!
//! The SQL is generated, not hand-written per study, so the plan is exactly
//! what the policy declares: a column without a releasing treatment never
//! appears in it.

use veil_format::messages_schema;
use veil_pipeline::{CanonicalColumn as C, Pipeline, ScrubReplacement, Treatment};

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

/// Name of the intermediate table of de-identified messages (every
/// released message column plus internal ones the other tables derive
/// from). It lives only in the release session.
pub const DEID_TABLE: &str = "deid_messages";

/// Name of the raw logins table (login sources) in the release session.
pub const RAW_LOGINS_TABLE: &str = "raw_logins";

/// Name of the de-identified logins table in the release session.
pub const DEID_LOGINS_TABLE: &str = "deid_logins";

/// Columns of [`DEID_TABLE`] that are never released as they are:
/// the sender's role for kinds (released as `sender_role` only when kept),
/// generalised birth at each message, and the findings.
/// `order_at` is the time messages are ordered and measured by (the
/// released time, or the shifted time where the released one is generalized).
pub const INTERNAL_COLUMNS: [&str; 5] = [
    "kind_role",
    "birth_year_at",
    "age_band_at",
    "findings",
    "order_at",
];

/// The released value of the raw timestamp `column` under its treatment,
/// or `None` when it is not released.
fn released_time(pipeline: &Pipeline, column: C) -> Option<String> {
    let scope = patient_scope(pipeline);
    let name = column.as_str();
    match pipeline.treatment(column) {
        Some(Treatment::Shift) => Some(format!("veil_shift({name}, {scope}, patient_id)")),
        Some(Treatment::Keep) => Some(name.to_string()),
        Some(Treatment::Generalize) => Some(format!(
            "arrow_cast(date_trunc('{}', to_timestamp_seconds(to_unixtime({name}) + CAST(utc_offset_minutes AS BIGINT) * 60)), 'Timestamp(Microsecond, Some(\"UTC\"))')",
            pipeline.dates.generalize_to.as_str()
        )),
        _ => None,
    }
}

/// Whether the pipeline releases a time for messages, and which.
fn time_expr(pipeline: &Pipeline) -> Option<String> {
    released_time(pipeline, C::SentAt)
}

/// The time messages are ordered and measured by (thread positions, reply
/// latency, durations): the released time, except that a generalized time
/// is ordered by the patient's shifted time, whose intervals are true and
/// which never reaches the release.
fn order_expr(pipeline: &Pipeline) -> Option<String> {
    match pipeline.treatment(C::SentAt) {
        Some(Treatment::Generalize) => Some(format!(
            "veil_shift(sent_at, {}, patient_id)",
            patient_scope(pipeline)
        )),
        _ => time_expr(pipeline),
    }
}

/// Whether the pipeline generalizes message times (to month or year).
fn time_generalized(pipeline: &Pipeline) -> bool {
    pipeline.treatment(C::SentAt) == Some(Treatment::Generalize)
}

fn patient_scope(pipeline: &Pipeline) -> &'static str {
    if pipeline.pseudonyms.link_patients_across_sites {
        "''"
    } else {
        "site"
    }
}

/// Whether a true weekday may be released: only when it cannot reveal the
/// shift (whole-week shifts, or kept timestamps).
pub fn weekday_released(pipeline: &Pipeline) -> bool {
    match pipeline.treatment(C::SentAt) {
        Some(Treatment::Shift) => pipeline.dates.whole_weeks,
        Some(Treatment::Keep) => true,
        _ => false,
    }
}

/// Whether `patient_birth_date` is generalised into the patients table.
pub fn birth_released(pipeline: &Pipeline) -> bool {
    released(pipeline, C::PatientBirthDate)
        && pipeline.treatment(C::PatientBirthDate) == Some(Treatment::Generalize)
}

/// Name of the table of per-row de-identified messages ([`rows_sql`]),
/// staged by patient range before the thread columns are derived.
pub const DEID_ROWS_TABLE: &str = "deid_rows";

/// The SQL that turns `raw` into [`DEID_TABLE`]: per-row de-identification
/// (raw values are used here and only here), then every derived column
/// over pseudonyms and shifted times. It is [`rows_sql`] followed by
/// [`window_sql`], which a release runs as two steps.
pub fn deid_sql(pipeline: &Pipeline) -> String {
    let parts = DeidParts::new(pipeline);
    format!(
        "WITH deid AS (\n  SELECT {}\n  FROM {RAW_TABLE}\n),\nthreaded AS (\n  {}\n)\nSELECT {}\nFROM threaded",
        parts.rows.join(",\n    "),
        parts.threaded("deid"),
        parts.select.join(",\n  "),
    )
}

/// The per-row step of [`deid_sql`]: pseudonyms, times, scrubbed text, one
/// output row per `raw` row and nothing that needs another row.
pub fn rows_sql(pipeline: &Pipeline) -> String {
    let parts = DeidParts::new(pipeline);
    format!("SELECT {}\nFROM {RAW_TABLE}", parts.rows.join(",\n    "))
}

/// The second step of [`deid_sql`] over the per-row table `rows`: the
/// position in the thread and the previous message (a window over each
/// thread), then the columns of [`DEID_TABLE`].
pub fn window_sql(pipeline: &Pipeline, rows: &str) -> String {
    let parts = DeidParts::new(pipeline);
    format!(
        "WITH threaded AS (\n  {}\n)\nSELECT {}\nFROM threaded",
        parts.threaded(rows),
        parts.select.join(",\n  "),
    )
}

/// The select item of [`DEID_TABLE`]'s `findings` column.
const FINDINGS_SELECT: &str = "get_field(scrubbed, 'findings') AS findings";

/// The last step of [`window_sql`] alone, over `rows` that already hold
/// the thread columns (see [`thread_window`]): the columns of [`DEID_TABLE`]
/// but `findings`, which a run lists apart ([`crate::run::prepare_run`]).
pub fn select_sql(pipeline: &Pipeline, rows: &str) -> String {
    let mut parts = DeidParts::new(pipeline);
    parts.select.retain(|item| item != FINDINGS_SELECT);
    format!("SELECT {}\nFROM {rows}", parts.select.join(",\n  "))
}

/// The window step of [`window_sql`] alone over `rows`: every column of
/// `rows`, then the thread columns (none without thread ids). The tests
/// of [`crate::thread_window`] compare it with the columns derived there.
#[cfg(test)]
pub(crate) fn threaded_sql(pipeline: &Pipeline, rows: &str) -> String {
    DeidParts::new(pipeline).threaded(rows)
}

/// The thread columns [`window_sql`] derives: `None` when the release has
/// no thread ids, else whether the previous message's time and side are
/// derived too (when times are released).
pub fn thread_window(pipeline: &Pipeline) -> Option<bool> {
    released(pipeline, C::ThreadId).then(|| time_expr(pipeline).is_some())
}

/// The order of the `messages` table ([`messages_sql`]): site, patient,
/// `sent_at` (where times are released), message; first as columns of
/// [`DEID_TABLE`], then as columns of the per-row table ([`rows_sql`]),
/// where the released `sent_at` is `order_at` unless it is generalized. A
/// run of patient ranges is put in this order before [`select_sql`],
/// which keeps it.
pub fn message_order(pipeline: &Pipeline) -> (Vec<&'static str>, Vec<&'static str>) {
    match time_expr(pipeline) {
        Some(_) => {
            let rows_time = if time_generalized(pipeline) {
                "sent_at"
            } else {
                "order_at"
            };
            (
                vec!["site", "patient_pid", "sent_at", "message_pid"],
                vec!["site", "patient_pid", rows_time, "message_pid"],
            )
        }
        None => (
            vec!["site", "patient_pid", "message_pid"],
            vec!["site", "patient_pid", "message_pid"],
        ),
    }
}

/// The parts of [`deid_sql`]: the per-row select list, the window columns
/// (over threads, when there are thread ids) and the final select list.
struct DeidParts {
    rows: Vec<String>,
    window: String,
    threaded: bool,
    select: Vec<String>,
}

impl DeidParts {
    /// The window step over the table (or subquery) `rows`.
    fn threaded(&self, rows: &str) -> String {
        if self.threaded {
            format!(
                "SELECT *{} FROM (SELECT *, CASE WHEN thread_pid IS NULL THEN message_pid END AS lone_message FROM {rows})",
                self.window
            )
        } else {
            format!("SELECT * FROM {rows}")
        }
    }

    fn new(pipeline: &Pipeline) -> DeidParts {
        let patient_scope = patient_scope(pipeline);
        let has = |c: C| released(pipeline, c);

        // Stage 1: per-row de-identification.
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
        let time = time_expr(pipeline);
        // Seconds since the epoch of the true local time; used for hour and weekday only.
        let local_seconds = "(to_unixtime(sent_at) + CAST(utc_offset_minutes AS BIGINT) * 60)";
        if let (Some(time), Some(order)) = (&time, order_expr(pipeline)) {
            deid.push(format!("{order} AS order_at"));
            if time_generalized(pipeline) {
                deid.push(format!("{time} AS sent_at"));
            }
            deid.push(format!(
                "CAST(({local_seconds} % 86400) / 3600 AS INT) AS local_hour"
            ));
            if weekday_released(pipeline) {
                // 1970-01-01 was a Thursday (ISO 4).
                deid.push(format!(
                "CAST((((floor({local_seconds} / 86400.0) % 7) + 7 + 3) % 7) + 1 AS INT) AS weekday"
            ));
            }
        }
        if birth_released(pipeline) {
            deid.push("veil_birth(patient_birth_date, sent_at) AS birth".into());
        }
        let scrub_subject =
            has(C::Subject) && pipeline.treatment(C::Subject) == Some(Treatment::Scrub);
        let scrub_body = has(C::Body) && pipeline.treatment(C::Body) == Some(Treatment::Scrub);
        let scrubbed = scrub_subject || scrub_body;
        if scrubbed {
            let arg = |on: bool, name: &str| {
                if on {
                    name.to_string()
                } else {
                    "CAST(NULL AS VARCHAR)".to_string()
                }
            };
            // Surrogates also need the local sent date and the patient's shift.
            let surrogate_args = match pipeline.scrub.replacement {
                ScrubReplacement::Tags => String::new(),
                ScrubReplacement::Surrogates => {
                    format!(", sent_at, utc_offset_minutes, {patient_scope}, patient_id")
                }
            };
            deid.push(format!(
                "veil_scrub({}, {}, language{surrogate_args}) AS scrubbed",
                arg(scrub_subject, "subject"),
                arg(scrub_body, "body")
            ));
        }

        // Stage 2: position in thread and the previous message, over pseudonyms
        // and shifted times only.
        let threaded = has(C::ThreadId);
        let order_in_thread = if time.is_some() {
            "order_at, message_pid"
        } else {
            "message_pid"
        };
        let side = "CASE WHEN kind_role IN ('patient', 'proxy') THEN 'patient' ELSE 'clinic' END";
        let mut window = String::new();
        if threaded {
            // A message without a thread is a thread of its own (`lone_message`).
            let over = format!(
                "OVER (PARTITION BY site, thread_pid, lone_message ORDER BY {order_in_thread})"
            );
            window.push_str(&format!(
                ", CAST(row_number() {over} AS BIGINT) AS position_in_thread"
            ));
            if time.is_some() {
                window.push_str(&format!(
                ", lag(order_at) {over} AS previous_order_at, lag({side}) {over} AS previous_side"
            ));
            }
        }

        // Stage 3: the released columns in the release schema's order, then the internal ones.
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
            "language" => (pipeline.treatment(C::Language) != Some(Treatment::Drop)).then(|| {
                if scrubbed {
                    // Declared by the source, or detected while scrubbing.
                    "get_field(scrubbed, 'language')".to_string()
                } else {
                    name.to_string()
                }
            }),
            "sent_at" => time.as_ref().map(|_| {
                if time_generalized(pipeline) {
                    name.to_string()
                } else {
                    "order_at".to_string()
                }
            }),
            "local_hour" => time.as_ref().map(|_| name.to_string()),
            "weekday" => (time.is_some() && weekday_released(pipeline)).then(|| name.to_string()),
            "day_part" => time.as_ref().map(|_| {
                "CASE WHEN local_hour < 6 THEN 'night' WHEN local_hour < 9 THEN 'early_morning' \
                 WHEN local_hour < 18 THEN 'day' ELSE 'evening' END"
                    .to_string()
            }),
            "position_in_thread" => threaded.then(|| name.to_string()),
            "message_kind" => Some(kind.to_string()),
            "reply_latency_minutes" => (threaded && time.is_some()).then(|| {
                format!(
                    "CASE WHEN previous_side IS NOT NULL AND previous_side <> {side} \
                     THEN CAST((to_unixtime(order_at) - to_unixtime(previous_order_at)) / 60 AS BIGINT) END"
                )
            }),
            "subject" => scrub_subject.then(|| "get_field(scrubbed, 'subject')".to_string()),
            "body" => scrub_body.then(|| "get_field(scrubbed, 'body')".to_string()),
            "char_count" => scrub_body
                .then(|| "CAST(character_length(get_field(scrubbed, 'body')) AS INT)".to_string()),
            "word_count" => scrub_body.then(|| "get_field(scrubbed, 'body_words')".to_string()),
            _ if name.starts_with("redactions") => {
                scrubbed.then(|| format!("get_field(scrubbed, '{name}')"))
            }
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
        select.push("kind_role".into());
        if birth_released(pipeline) {
            select.push("get_field(birth, 'birth_year') AS birth_year_at".into());
            select.push("get_field(birth, 'age_band') AS age_band_at".into());
        } else {
            select.push("CAST(NULL AS INT) AS birth_year_at".into());
            select.push("CAST(NULL AS VARCHAR) AS age_band_at".into());
        }
        if scrubbed {
            select.push(FINDINGS_SELECT.into());
        }
        if time.is_some() {
            select.push("order_at".into());
        }
        DeidParts {
            rows: deid,
            window,
            threaded,
            select,
        }
    }
}

/// The SQL of the `messages` table over [`DEID_TABLE`], whose columns are
/// `available`: the release columns present, in release order, sorted by
/// site, patient, time and message.
pub fn messages_sql(available: &[String]) -> String {
    let has_time = available.iter().any(|a| a == "sent_at");
    let order = if has_time {
        "site, patient_pid, sent_at, message_pid"
    } else {
        "site, patient_pid, message_pid"
    };
    format!("{}\nORDER BY {order}", messages_select_sql(available))
}

/// [`messages_sql`] without its `ORDER BY`: the columns alone, for rows
/// that are in the table's order already (a prepared run, read one
/// partition after another).
pub(crate) fn messages_select_sql(available: &[String]) -> String {
    let schema = messages_schema();
    let columns: Vec<&str> = schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .filter(|n| available.iter().any(|a| a == n))
        .collect();
    format!("SELECT {}\nFROM {DEID_TABLE}", columns.join(", "))
}

/// The SQL of the `patients` table over [`DEID_TABLE`] (and
/// [`DEID_LOGINS_TABLE`] when `logins`).
pub fn patients_sql(pipeline: &Pipeline, logins: bool) -> String {
    let has_time = time_expr(pipeline).is_some();
    let first = |expr: &str| {
        if has_time {
            format!("first_value({expr} ORDER BY order_at, message_pid)")
        } else {
            format!("first_value({expr} ORDER BY message_pid)")
        }
    };
    let clinic = if released(pipeline, C::Clinic) {
        first("clinic")
    } else {
        "CAST(NULL AS VARCHAR)".to_string()
    };
    let (first_msg, last_msg) = if has_time {
        ("min(sent_at)", "max(sent_at)")
    } else {
        ("CAST(NULL AS TIMESTAMP)", "CAST(NULL AS TIMESTAMP)")
    };
    let messages = format!(
        "SELECT site, patient_pid, {clinic} AS clinic, \
         {} AS birth_year, {} AS age_band, \
         count(*) AS messages, \
         CAST(sum(CASE WHEN kind_role IN ('patient', 'proxy') THEN 1 ELSE 0 END) AS BIGINT) AS patient_messages, \
         arrow_cast({first_msg}, 'Timestamp(Microsecond, Some(\"UTC\"))') AS first_message, \
         arrow_cast({last_msg}, 'Timestamp(Microsecond, Some(\"UTC\"))') AS last_message \
         FROM {DEID_TABLE} GROUP BY site, patient_pid",
        first("birth_year_at"),
        first("age_band_at"),
    );
    if logins {
        let login_time = released_time(pipeline, C::LoggedInAt).is_some();
        let (first_login, last_login) = if login_time {
            ("min(logged_in_at)", "max(logged_in_at)")
        } else {
            ("CAST(NULL AS TIMESTAMP)", "CAST(NULL AS TIMESTAMP)")
        };
        format!(
            "WITH m AS ({messages}),\n\
             l AS (SELECT site, patient_pid, count(*) AS logins, \
                   arrow_cast({first_login}, 'Timestamp(Microsecond, Some(\"UTC\"))') AS first_login, \
                   arrow_cast({last_login}, 'Timestamp(Microsecond, Some(\"UTC\"))') AS last_login \
                   FROM {DEID_LOGINS_TABLE} GROUP BY site, patient_pid)\n\
             SELECT m.site, m.patient_pid, m.clinic, m.birth_year, m.age_band, m.messages, m.patient_messages, \
               coalesce(l.logins, 0) AS logins, \
               CASE WHEN l.first_login IS NOT NULL AND (m.first_message IS NULL OR l.first_login < m.first_message) THEN l.first_login ELSE m.first_message END AS first_activity, \
               CASE WHEN l.last_login IS NOT NULL AND (m.last_message IS NULL OR l.last_login > m.last_message) THEN l.last_login ELSE m.last_message END AS last_activity \
             FROM m LEFT JOIN l ON m.site = l.site AND m.patient_pid = l.patient_pid\n\
             ORDER BY m.site, m.patient_pid"
        )
    } else {
        format!(
            "WITH m AS ({messages})\n\
             SELECT site, patient_pid, clinic, birth_year, age_band, messages, patient_messages, \
               CAST(NULL AS BIGINT) AS logins, first_message AS first_activity, last_message AS last_activity \
             FROM m ORDER BY site, patient_pid"
        )
    }
}

/// The SQL that turns [`RAW_LOGINS_TABLE`] into [`DEID_LOGINS_TABLE`]:
/// the patient pseudonym and the login time moved by the same per-patient
/// shift as the patient's messages.
pub fn deid_logins_sql(pipeline: &Pipeline) -> String {
    let scope = patient_scope(pipeline);
    let time = released_time(pipeline, C::LoggedInAt);
    let mut select = vec![
        "site".to_string(),
        format!("veil_pseudonym('patient', {scope}, patient_id) AS patient_pid"),
    ];
    if let Some(time) = time {
        select.push(format!("{time} AS logged_in_at"));
        select.push(
            "CAST(((to_unixtime(logged_in_at) + CAST(utc_offset_minutes AS BIGINT) * 60) % 86400) / 3600 AS INT) AS local_hour"
                .into(),
        );
    }
    format!("SELECT {}\nFROM {RAW_LOGINS_TABLE}", select.join(",\n  "))
}

/// The SQL of the `logins` table over [`DEID_LOGINS_TABLE`].
pub fn logins_sql(pipeline: &Pipeline) -> String {
    if released_time(pipeline, C::LoggedInAt).is_some() {
        format!(
            "SELECT site, patient_pid, logged_in_at, local_hour FROM {DEID_LOGINS_TABLE} \
             ORDER BY site, patient_pid, logged_in_at"
        )
    } else {
        format!("SELECT site, patient_pid FROM {DEID_LOGINS_TABLE} ORDER BY site, patient_pid")
    }
}

/// The SQL of the `threads` table over [`DEID_TABLE`], or `None` when the
/// release has no threads or no times.
pub fn threads_sql(pipeline: &Pipeline) -> Option<String> {
    if !released(pipeline, C::ThreadId) || time_expr(pipeline).is_none() {
        return None;
    }
    // The thread's first message is the one at position 1 (ordered by
    // `order_at, message_pid`): picking it needs no ordered aggregate.
    let first = |expr: &str| format!("max(CASE WHEN position_in_thread = 1 THEN {expr} END)");
    let clinic = if released(pipeline, C::Clinic) {
        first("clinic")
    } else {
        "CAST(NULL AS VARCHAR)".to_string()
    };
    let started_by = if released(pipeline, C::SenderRole) {
        first("kind_role")
    } else {
        "CAST(NULL AS VARCHAR)".to_string()
    };
    Some(format!(
        "SELECT site, thread_pid, {} AS patient_pid, {clinic} AS clinic, {started_by} AS started_by, \
           min(sent_at) AS started_at, count(*) AS messages, \
           CAST((to_unixtime(max(order_at)) - to_unixtime(min(order_at))) / 60 AS BIGINT) AS duration_minutes \
         FROM {DEID_TABLE} WHERE thread_pid IS NOT NULL GROUP BY site, thread_pid \
         ORDER BY site, patient_pid, started_at, thread_pid",
        first("patient_pid")
    ))
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
        let sql = deid_sql(&pipeline);
        let select = sql.rsplit("SELECT").next().unwrap();
        let select = select.split("kind_role,").next().unwrap();
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
    fn surrogates_pass_the_sent_time_and_the_patient_to_the_scrubber() {
        let text = format!("{PIPELINE}\n[scrub]\nreplacement = \"surrogates\"\n");
        let pipeline = Pipeline::parse(&text, "p.toml".as_ref()).unwrap();
        let sql = deid_sql(&pipeline);
        assert!(sql.contains(
            "veil_scrub(CAST(NULL AS VARCHAR), body, language, sent_at, utc_offset_minutes, site, patient_id)"
        ));
        let linked = format!("{text}\n[pseudonyms]\nlink_patients_across_sites = true\n");
        let sql = deid_sql(&Pipeline::parse(&linked, "p.toml".as_ref()).unwrap());
        assert!(sql.contains("language, sent_at, utc_offset_minutes, '', patient_id)"));
    }

    #[test]
    fn linked_patients_leave_the_site_out() {
        let text = format!("{PIPELINE}\n[pseudonyms]\nlink_patients_across_sites = true\n");
        let pipeline = Pipeline::parse(&text, "p.toml".as_ref()).unwrap();
        let sql = deid_sql(&pipeline);
        assert!(sql.contains("veil_pseudonym('patient', '', patient_id)"));
        assert!(sql.contains("veil_shift(sent_at, '', patient_id)"));
    }

    #[test]
    fn a_true_weekday_is_released_only_when_the_shift_keeps_weekdays() {
        let pipeline = Pipeline::parse(PIPELINE, "p.toml".as_ref()).unwrap();
        assert!(!weekday_released(&pipeline));
        assert!(!deid_sql(&pipeline).contains("AS weekday"));
        let text = format!("{PIPELINE}\n[dates]\nwhole_weeks = true\n");
        let pipeline = Pipeline::parse(&text, "p.toml".as_ref()).unwrap();
        assert!(deid_sql(&pipeline).contains("AS weekday"));
    }

    #[test]
    fn generalized_times_release_the_local_month_and_order_by_the_shifted_time() {
        let text = PIPELINE.replace("sent_at = \"shift\"", "sent_at = \"generalize\"");
        let pipeline = Pipeline::parse(&text, "p.toml".as_ref()).unwrap();
        let sql = deid_sql(&pipeline);
        assert!(sql.contains("date_trunc('month', to_timestamp_seconds(to_unixtime(sent_at) + CAST(utc_offset_minutes AS BIGINT) * 60))"), "{sql}");
        assert!(sql.contains("veil_shift(sent_at, site, patient_id) AS order_at"));
        assert!(!sql.contains("order_at AS sent_at"));
        assert!(!weekday_released(&pipeline));
        let year = format!("{text}\n[dates]\ngeneralize_to = \"year\"\n");
        let sql = deid_sql(&Pipeline::parse(&year, "p.toml".as_ref()).unwrap());
        assert!(sql.contains("date_trunc('year'"));
        let shifted = deid_sql(&Pipeline::parse(PIPELINE, "p.toml".as_ref()).unwrap());
        assert!(shifted.contains("order_at AS sent_at"));
        assert!(!shifted.contains("date_trunc"));
    }

    #[test]
    fn tables_follow_what_the_policy_releases() {
        let pipeline = Pipeline::parse(PIPELINE, "p.toml".as_ref()).unwrap();
        assert!(
            threads_sql(&pipeline).is_none(),
            "no thread ids, no threads table"
        );
        assert!(!birth_released(&pipeline));
        let patients = patients_sql(&pipeline, false);
        assert!(patients.contains("CAST(NULL AS BIGINT) AS logins"));
        assert!(patients_sql(&pipeline, true).contains(DEID_LOGINS_TABLE));
        let messages = messages_sql(&["site".into(), "patient_pid".into(), "body".into()]);
        assert!(
            messages.starts_with("SELECT site, patient_pid, body\n"),
            "{messages}"
        );
        assert!(messages.ends_with("ORDER BY site, patient_pid, message_pid"));
    }
}
