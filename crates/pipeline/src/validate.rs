//! Policy checks: every problem of a pipeline, found before any data is read.

use std::collections::BTreeSet;

use crate::columns::closest_column;
use crate::error::line_column;
use crate::{
    CanonicalColumn, Pipeline, PipelineError, Problem, REQUIRED_COLUMNS, REQUIRED_LOGIN_COLUMNS,
    Role, SourceFormat, SourceKind, Treatment,
};

/// Checks `pipeline` and returns every problem at once.
pub(crate) fn validate(pipeline: &Pipeline) -> Result<(), PipelineError> {
    let mut problems = Vec::new();
    let text = pipeline.text.as_str();
    let at = |offset: usize| line_column(text, offset);
    let plain = |key: &str, nth: usize| key_position(text, key, nth);

    if !is_code(&pipeline.study) {
        let (line, column) = plain("study", 0);
        problems.push(problem(
            line,
            column,
            "study",
            "use lower-case letters, digits, `-` and `_` only",
        ));
    }
    if pipeline.sources.is_empty() {
        problems.push(problem(
            0,
            0,
            "sources",
            "no [[sources]]: a pipeline needs at least one export",
        ));
    }

    let mut names = BTreeSet::new();
    let mut mapped: BTreeSet<CanonicalColumn> = BTreeSet::new();
    for (i, source) in pipeline.sources.iter().enumerate() {
        let prefix = format!("sources[{i}]");
        if !is_code(&source.name) || !names.insert(source.name.as_str()) {
            let (line, column) = plain("name", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.name"),
                "source names must be unique and use lower-case letters, digits, `-` and `_`",
            ));
        }
        if !is_code(&source.site) {
            let (line, column) = plain("site", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.site"),
                "site codes use lower-case letters, digits, `-` and `_` only",
            ));
        }
        let logins = source.kind == SourceKind::Logins;
        match (&source.language, logins) {
            (Some(l), _) if !matches!(l.as_str(), "de" | "nl" | "en" | "auto") => {
                let (line, column) = plain("language", i);
                problems.push(problem(
                    line,
                    column,
                    &format!("{prefix}.language"),
                    "use de, nl, en or auto",
                ));
            }
            (None, false) => {
                let (line, column) = plain("name", i);
                problems.push(problem(
                    line,
                    column,
                    &format!("{prefix}.language"),
                    "a messages source needs `language` (de, nl, en or auto)",
                ));
            }
            _ => {}
        }
        if logins && source.format == SourceFormat::Fhir {
            let (line, column) = plain("format", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.format"),
                "login sources are csv or jsonl; fhir is for messages",
            ));
        }
        if source.format == SourceFormat::Fhir && !source.columns.is_empty() {
            let (line, column) = plain("columns", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.columns"),
                "fhir sources use the fixed FHIR mapping; remove [sources.columns]",
            ));
        }
        if !matches!(source.delimiter, ',' | ';' | '\t' | '|') {
            let (line, column) = plain("delimiter", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.delimiter"),
                "use \",\", \";\", \"|\" or a tab (\"\\t\")",
            ));
        }
        if source.max_field_bytes == 0 {
            let (line, column) = plain("max_field_bytes", i);
            problems.push(problem(
                line,
                column,
                &format!("{prefix}.max_field_bytes"),
                "must be at least 1",
            ));
        }
        for key in source.columns.keys() {
            match CanonicalColumn::parse(key.get_ref()) {
                Some(c) => {
                    let allowed = if logins {
                        REQUIRED_LOGIN_COLUMNS.contains(&c)
                    } else {
                        c != CanonicalColumn::LoggedInAt
                    };
                    if !allowed {
                        let (line, column) = at(key.span().start);
                        problems.push(problem(
                            line,
                            column,
                            &format!("{prefix}.columns.{}", key.get_ref()),
                            if logins {
                                "a logins source maps only patient_id and logged_in_at"
                            } else {
                                "logged_in_at belongs to logins sources (kind = \"logins\")"
                            },
                        ));
                    }
                }
                None => {
                    let (line, column) = at(key.span().start);
                    problems.push(problem(
                        line,
                        column,
                        &format!("{prefix}.columns.{}", key.get_ref()),
                        &unknown_column(key.get_ref()),
                    ));
                }
            }
        }
        mapped.extend(source.mapped_columns());
        let required = if logins {
            REQUIRED_LOGIN_COLUMNS
        } else {
            REQUIRED_COLUMNS
        };
        for required in required {
            if source.column(*required).is_none() {
                let (line, column) = plain("columns", i);
                problems.push(problem(
                    line,
                    column,
                    &format!("{prefix}.columns"),
                    &format!(
                        "`{}` must be mapped to one of the export's columns",
                        required.as_str()
                    ),
                ));
            }
        }
    }

    for (key, treatment) in &pipeline.policy {
        let (line, column) = at(key.span().start);
        let dotted = format!("policy.{}", key.get_ref());
        match CanonicalColumn::parse(key.get_ref()) {
            None => problems.push(problem(
                line,
                column,
                &dotted,
                &unknown_column(key.get_ref()),
            )),
            Some(c) => {
                if !c.kind().allowed().contains(treatment.get_ref()) {
                    let (line, column) = at(treatment.span().start);
                    problems.push(problem(
                        line,
                        column,
                        &dotted,
                        &c.kind().refusal(*treatment.get_ref()),
                    ));
                }
            }
        }
    }
    for column in &mapped {
        if pipeline.treatment(*column).is_none() {
            let (line, col) = plain("policy", 0);
            problems.push(problem(
                line,
                col,
                &format!("policy.{}", column.as_str()),
                "mapped by a source but has no declared treatment; every column that may reach a release needs one",
            ));
        }
    }

    for (j, roster) in pipeline.staff_rosters.iter().enumerate() {
        if !matches!(roster.delimiter, ',' | ';' | '\t' | '|') {
            let (line, column) = plain("staff_rosters", j);
            problems.push(problem(
                line,
                column,
                &format!("staff_rosters[{j}].delimiter"),
                "use \",\", \";\", \"|\" or a tab (\"\\t\")",
            ));
        }
        if !matches!(roster.role, Role::Clinician | Role::Staff) {
            let (line, column) = plain("staff_rosters", j);
            problems.push(problem(
                line,
                column,
                &format!("staff_rosters[{j}].role"),
                "a staff roster lists `clinician` or `staff` names",
            ));
        }
    }

    let dates = &pipeline.dates;
    if dates.shift_min_days == 0
        || dates.shift_min_days > dates.shift_max_days
        || dates.shift_max_days > 3650
    {
        let (line, column) = plain("shift_min_days", 0);
        problems.push(problem(
            line,
            column,
            "dates",
            "need 1 <= shift_min_days <= shift_max_days <= 3650",
        ));
    }
    if dates.whole_weeks && dates.shift_max_days < 7 {
        let (line, column) = plain("whole_weeks", 0);
        problems.push(problem(
            line,
            column,
            "dates.whole_weeks",
            "whole-week shifts need shift_max_days >= 7",
        ));
    }

    // A shifted timestamp beside a true one (kept, or generalized to a true
    // month or year) gives the patient's shift away.
    let timestamps = [CanonicalColumn::SentAt, CanonicalColumn::LoggedInAt];
    let shifted = timestamps
        .iter()
        .find(|c| pipeline.treatment(**c) == Some(Treatment::Shift));
    if let Some(shifted) = shifted {
        for column in timestamps {
            let treatment = pipeline.treatment(column);
            if matches!(treatment, Some(Treatment::Keep | Treatment::Generalize)) {
                let (line, col) = pipeline
                    .policy
                    .iter()
                    .find(|(key, _)| key.get_ref() == column.as_str())
                    .map_or((0, 0), |(_, treatment)| at(treatment.span().start));
                problems.push(problem(
                    line,
                    col,
                    &format!("policy.{}", column.as_str()),
                    &format!(
                        "`{}` beside the shifted `{}` would give every patient's shift away; treat all timestamps alike (shift, or keep/generalize/drop)",
                        treatment.map_or("", Treatment::as_str),
                        shifted.as_str()
                    ),
                ));
            }
        }
    }

    if !(1..=30).contains(&dates.age_band_years) {
        let (line, column) = plain("age_band_years", 0);
        problems.push(problem(
            line,
            column,
            "dates.age_band_years",
            "age bands are 1 to 30 years wide",
        ));
    }

    let mut analyses = BTreeSet::new();
    for (i, analysis) in pipeline.analyses.iter().enumerate() {
        if !is_code(&analysis.name) || !analyses.insert(analysis.name.as_str()) {
            let (line, column) = plain("name", pipeline.sources.len() + i);
            problems.push(problem(
                line,
                column,
                &format!("analyses[{i}].name"),
                "analysis names must be unique and use lower-case letters, digits, `-` and `_`",
            ));
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(PipelineError::Refused {
            path: pipeline.path.clone(),
            problems,
        })
    }
}

fn problem(line: usize, column: usize, key: &str, reason: &str) -> Problem {
    Problem {
        line,
        column,
        key: key.to_string(),
        reason: reason.to_string(),
    }
}

fn unknown_column(name: &str) -> String {
    let known: Vec<&str> = CanonicalColumn::ALL.iter().map(|c| c.as_str()).collect();
    match closest_column(name) {
        Some(close) => format!("unknown column `{name}`; did you mean `{close}`?"),
        None => format!("unknown column `{name}`; known: {}", known.join(", ")),
    }
}

/// Whether `s` is a safe code: non-empty, lower-case ASCII letters, digits,
/// `-`, `_`.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Line and column of the `nth` line that sets `key` (`key =` or `[..key]`),
/// or (0, 0) when there is none.
fn key_position(text: &str, key: &str, nth: usize) -> (usize, usize) {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let sets = trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            let table = trimmed
                .trim_start_matches('[')
                .trim_end_matches(']')
                .rsplit('.')
                .next()
                == Some(key)
                && trimmed.starts_with('[');
            (sets || table).then_some((i + 1, indent + 1))
        })
        .nth(nth)
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::{Pipeline, PipelineError};

    const GOOD: &str = r#"
study = "demo"

[[sources]]
name = "portal"
site = "berlin"
path = "messages.csv"
language = "de"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
[sources.columns]
message_id = "ID"
patient_id = "Patient"
patient_last_name = "Nachname"
sender_role = "Rolle"
sent_at = "Datum"
body = "Text"

[policy]
message_id = "pseudonym"
patient_id = "pseudonym"
patient_last_name = "roster"
sender_role = "keep"
sent_at = "shift"
body = "scrub"
"#;

    fn refused(text: &str) -> Vec<(usize, String, String)> {
        match Pipeline::parse(text, Path::new("p.toml")) {
            Err(PipelineError::Refused { problems, .. }) => problems
                .into_iter()
                .map(|p| (p.line, p.key, p.reason))
                .collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_good_pipeline_loads() {
        let p = Pipeline::parse(GOOD, Path::new("p.toml")).unwrap();
        assert_eq!(
            p.sources[0].column(crate::CanonicalColumn::Body),
            Some("Text")
        );
        assert_eq!(
            p.treatment(crate::CanonicalColumn::SentAt),
            Some(crate::Treatment::Shift)
        );
    }

    #[test]
    fn delimiters_are_one_character_or_a_name() {
        let with = |delimiter: &str| {
            let text = GOOD.replace(
                "language = \"de\"",
                &format!("language = \"de\"\ndelimiter = {delimiter}"),
            );
            Pipeline::parse(&text, Path::new("p.toml")).map(|p| p.sources[0].delimiter)
        };
        assert_eq!(with("\";\"").unwrap(), ';');
        assert_eq!(with("\"\\t\"").unwrap(), '\t');
        assert_eq!(with("'\\t'").unwrap(), '\t');
        assert_eq!(with("\"Semicolon\"").unwrap(), ';');
        assert_eq!(with("\"tab\"").unwrap(), '\t');
        let message = with("\"semi\"").unwrap_err().to_string();
        assert!(
            message.contains("p.toml:")
                && message.contains("its name (comma, semicolon, tab, pipe)"),
            "{message}"
        );
    }

    #[test]
    fn role_values_match_whatever_their_case_and_surrounding_spaces() {
        let text = GOOD.replace(
            "[policy]",
            "[sources.roles]\n\"Ärztin\" = \"clinician\"\n\"Angehörige\" = \"proxy\"\n\n[policy]",
        );
        let p = Pipeline::parse(&text, Path::new("p.toml")).unwrap();
        let role = |value: &str| p.sources[0].role(value).map(|r| r.as_str());
        assert_eq!(role("Ärztin"), Some("clinician"));
        assert_eq!(role(" ÄRZTIN "), Some("clinician"));
        assert_eq!(role("angehörige"), Some("proxy"));
        assert_eq!(role("PATIENT"), Some("patient"));
        assert_eq!(role("Pflege"), None);
    }

    #[test]
    fn a_raw_name_marked_keep_is_refused_at_its_line() {
        let problems = refused(&GOOD.replace(
            r#"patient_last_name = "roster""#,
            r#"patient_last_name = "keep""#,
        ));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, 22);
        assert_eq!(problems[0].1, "policy.patient_last_name");
        assert!(problems[0].2.contains("raw name"), "{}", problems[0].2);
    }

    #[test]
    fn an_undeclared_mapped_column_is_refused() {
        let problems = refused(&GOOD.replace("body = \"scrub\"\n", ""));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].1, "policy.body");
        assert!(problems[0].2.contains("no declared treatment"));
    }

    #[test]
    fn birth_dates_may_be_generalized_but_not_kept() {
        let text = GOOD
            .replace(
                "patient_last_name = \"Nachname\"",
                "patient_last_name = \"Nachname\"\npatient_birth_date = \"Geb\"",
            )
            .replace(
                "sent_at = \"shift\"",
                "sent_at = \"shift\"\npatient_birth_date = \"generalize\"",
            );
        let p = Pipeline::parse(
            &format!("{text}\n[dates]\nbirth = \"age_band\"\nage_band_years = 5\n"),
            Path::new("p.toml"),
        )
        .unwrap();
        assert_eq!(p.dates.birth, crate::BirthGeneralization::AgeBand);
        assert_eq!(p.dates.age_band_years, 5);
        let problems = refused(&text.replace(
            "patient_birth_date = \"generalize\"",
            "patient_birth_date = \"keep\"",
        ));
        assert!(problems[0].2.contains("birth date"), "{problems:?}");
        let problems = refused(&format!("{text}\n[dates]\nage_band_years = 0\n"));
        assert_eq!(problems[0].1, "dates.age_band_years");
    }

    #[test]
    fn timestamps_may_be_generalized_to_month_or_year() {
        let text = GOOD.replace("sent_at = \"shift\"", "sent_at = \"generalize\"");
        let p = Pipeline::parse(&text, Path::new("p.toml")).unwrap();
        assert_eq!(p.dates.generalize_to, crate::TimestampGeneralization::Month);
        let p = Pipeline::parse(
            &format!("{text}\n[dates]\ngeneralize_to = \"year\"\n"),
            Path::new("p.toml"),
        )
        .unwrap();
        assert_eq!(p.dates.generalize_to, crate::TimestampGeneralization::Year);
        let err = Pipeline::parse(
            &format!("{text}\n[dates]\ngeneralize_to = \"week\"\n"),
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("expected `month` or `year`"),
            "{err}"
        );
    }

    #[test]
    fn a_true_login_time_beside_shifted_messages_is_refused() {
        for treatment in ["keep", "generalize"] {
            let problems = refused(&with_logins(&format!("logged_in_at = \"{treatment}\"\n")));
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].1, "policy.logged_in_at");
            assert!(problems[0].2.contains("shift away"), "{}", problems[0].2);
            assert!(problems[0].0 > 0);
        }
        assert!(
            Pipeline::parse(
                &with_logins("logged_in_at = \"drop\"\n"),
                Path::new("p.toml")
            )
            .is_ok()
        );
    }

    #[test]
    fn staff_rosters_default_to_clinicians_and_refuse_patients() {
        let text = format!("{GOOD}\n[[staff_rosters]]\npath = \"staff.csv\"\n");
        let p = Pipeline::parse(&text, Path::new("dir/p.toml")).unwrap();
        let roster = &p.staff_rosters[0];
        assert_eq!(roster.column, "name");
        assert_eq!(roster.role, crate::Role::Clinician);
        assert_eq!(p.resolve(&roster.path), Path::new("dir/staff.csv"));
        let problems = refused(&format!("{text}role = \"patient\"\ndelimiter = \"x\"\n"));
        let keys: Vec<&str> = problems.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(
            keys,
            ["staff_rosters[0].delimiter", "staff_rosters[0].role"]
        );
        assert!(problems.iter().all(|p| p.0 > 0));
    }

    #[test]
    fn unknown_columns_get_a_suggestion() {
        let problems =
            refused(&GOOD.replace("message_id = \"pseudonym\"", "mesage_id = \"pseudonym\""));
        assert!(
            problems
                .iter()
                .any(|p| p.2.contains("did you mean `message_id`")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_required_mapping_and_a_bad_site_are_both_reported() {
        let text = GOOD
            .replace("sent_at = \"Datum\"\n", "")
            .replace("site = \"berlin\"", "site = \"Berlin Mitte\"");
        let keys: Vec<String> = refused(&text).into_iter().map(|p| p.1).collect();
        assert_eq!(keys, vec!["sources[0].site", "sources[0].columns"]);
    }

    #[test]
    fn unknown_treatments_and_fields_are_parse_errors_with_a_place() {
        let err = Pipeline::parse(&GOOD.replace("\"shift\"", "\"blur\""), Path::new("p.toml"))
            .unwrap_err();
        assert!(
            matches!(err, PipelineError::Parse { line: 24, .. }),
            "{err}"
        );
        let err = Pipeline::parse(
            &GOOD.replace("study = \"demo\"", "study = \"demo\"\nstduy = 1"),
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("stduy"), "{err}");
    }

    #[test]
    fn scrub_replacement_defaults_to_tags_and_takes_surrogates() {
        let p = Pipeline::parse(GOOD, Path::new("p.toml")).unwrap();
        assert_eq!(p.scrub.replacement, crate::ScrubReplacement::Tags);
        let text = format!("{GOOD}\n[scrub]\nreplacement = \"surrogates\"\n");
        let p = Pipeline::parse(&text, Path::new("p.toml")).unwrap();
        assert_eq!(p.scrub.replacement, crate::ScrubReplacement::Surrogates);
        let bad = format!("{GOOD}\n[scrub]\nreplacement = \"blanks\"\n");
        assert!(Pipeline::parse(&bad, Path::new("p.toml")).is_err());
        let typo = format!("{GOOD}\n[scrub]\nreplacment = \"tags\"\n");
        let err = Pipeline::parse(&typo, Path::new("p.toml")).unwrap_err();
        assert!(err.to_string().contains("replacment"), "{err}");
    }

    const LOGINS: &str = r#"
[[sources]]
name = "logins"
site = "berlin"
kind = "logins"
path = "logins.csv"
timestamp_format = "%d.%m.%Y %H:%M"
time_zone = "Europe/Berlin"
[sources.columns]
patient_id = "Patient"
logged_in_at = "Anmeldung"
"#;

    fn with_logins(extra_policy: &str) -> String {
        GOOD.replace(
            "\n[policy]\n",
            &format!("{LOGINS}\n[policy]\n{extra_policy}"),
        )
    }

    #[test]
    fn a_logins_source_needs_no_language_and_declares_logged_in_at() {
        let p = Pipeline::parse(
            &with_logins("logged_in_at = \"shift\"\n"),
            Path::new("p.toml"),
        )
        .unwrap();
        assert_eq!(p.sources[1].kind, crate::SourceKind::Logins);
        assert_eq!(p.sources[1].language, None);
        assert_eq!(
            p.treatment(crate::CanonicalColumn::LoggedInAt),
            Some(crate::Treatment::Shift)
        );
        let problems = refused(&with_logins(""));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].1, "policy.logged_in_at");
        let problems = refused(&with_logins("logged_in_at = \"scrub\"\n"));
        assert!(problems[0].2.contains("refused"), "{problems:?}");
    }

    #[test]
    fn login_and_message_columns_stay_apart() {
        let text = with_logins("logged_in_at = \"shift\"\n")
            .replace(
                "logged_in_at = \"Anmeldung\"",
                "logged_in_at = \"Anmeldung\"\nbody = \"Text\"",
            )
            .replace(
                "body = \"Text\"\n\n[[sources]]",
                "body = \"Text\"\nlogged_in_at = \"Login\"\n\n[[sources]]",
            );
        let keys: Vec<String> = refused(&text).into_iter().map(|p| p.1).collect();
        assert_eq!(
            keys,
            vec!["sources[0].columns.logged_in_at", "sources[1].columns.body"]
        );
        let fhir = with_logins("logged_in_at = \"shift\"\n")
            .replace("kind = \"logins\"", "kind = \"logins\"\nformat = \"fhir\"");
        let problems = refused(&fhir);
        assert!(
            problems.iter().any(|p| p.1 == "sources[1].format"),
            "{problems:?}"
        );
    }

    #[test]
    fn language_is_required_for_messages_and_may_be_auto() {
        let auto = GOOD.replace("language = \"de\"", "language = \"auto\"");
        let p = Pipeline::parse(&auto, Path::new("p.toml")).unwrap();
        assert_eq!(p.sources[0].fixed_language(), None);
        let problems = refused(&GOOD.replace("language = \"de\"\n", ""));
        assert_eq!(problems[0].1, "sources[0].language");
        let problems = refused(&GOOD.replace("language = \"de\"", "language = \"fr\""));
        assert!(problems[0].2.contains("auto"), "{problems:?}");
    }
}
