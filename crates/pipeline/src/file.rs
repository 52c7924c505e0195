//! The types of a pipeline file, as read from TOML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::{CanonicalColumn, PipelineError};

/// A study pipeline: the protocol of one de-identified release.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// Study name: lower-case letters, digits, `-` and `_`; names the
    /// release directory (`releases/<study>/`).
    pub study: String,
    /// One line on what the study is, for people reading the protocol.
    #[serde(default)]
    pub description: Option<String>,
    /// The exports this study reads.
    pub sources: Vec<Source>,
    /// Staff roster files: names of the sites' clinicians and staff, used
    /// (like `roster` columns) to find their names in free text; never released.
    #[serde(default)]
    pub staff_rosters: Vec<StaffRoster>,
    /// Treatment of every canonical column (`column = "treatment"`).
    pub policy: BTreeMap<Spanned<String>, Spanned<Treatment>>,
    /// How pseudonyms are made.
    #[serde(default)]
    pub pseudonyms: PseudonymOptions,
    /// How dates are shifted.
    #[serde(default)]
    pub dates: DateOptions,
    /// Options of the release itself.
    #[serde(default)]
    pub release: ReleaseOptions,
    /// How scrubbed free text is rewritten.
    #[serde(default)]
    pub scrub: ScrubOptions,
    /// Options of `veil verify --pipeline`.
    #[serde(default)]
    pub verify: VerifyOptions,
    /// SQL analyses run over the release after it is written.
    #[serde(default)]
    pub analyses: Vec<Analysis>,
    /// The file this pipeline was read from (set by loading).
    #[serde(skip)]
    pub path: PathBuf,
    /// The text of that file (set by loading), hashed into the manifest.
    #[serde(skip)]
    pub text: String,
}

/// One export file of one site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Source name, unique in the pipeline; names its quarantine file.
    pub name: String,
    /// Site code: lower-case letters, digits, `-` and `_`.
    pub site: String,
    /// What the export holds: `messages` (default) or `logins` (portal
    /// login events: `patient_id` and `logged_in_at`).
    #[serde(default)]
    pub kind: SourceKind,
    /// File format: `csv` (default), `jsonl` or `fhir` (messages only).
    #[serde(default)]
    pub format: SourceFormat,
    /// The export file, relative to the pipeline file. For `fhir`, the
    /// `Communication.ndjson` of a bulk-data export; `Patient.ndjson`,
    /// `Practitioner.ndjson`, `PractitionerRole.ndjson` and
    /// `RelatedPerson.ndjson` are read from the same directory when present.
    pub path: PathBuf,
    /// Field delimiter of delimited text (default `,`): one character, or its
    /// name: `comma`, `semicolon`, `tab` (or `\t` as written in a TOML
    /// literal string), `pipe`.
    #[serde(default = "default_delimiter", deserialize_with = "delimiter")]
    pub delimiter: char,
    /// Character encoding (default: detected).
    #[serde(default)]
    pub encoding: Encoding,
    /// Language of the messages: `de`, `nl`, `en`, or `auto` (detected per
    /// message at scrub time; the canonical `language` column is then null at
    /// ingest). Required for message sources, not used for login sources.
    #[serde(default)]
    pub language: Option<String>,
    /// chrono format of the timestamps, e.g. `%d.%m.%Y %H:%M`; with `%z` the
    /// offset in the value is used instead of `time_zone`. The default,
    /// `rfc3339`, reads RFC 3339 / ISO 8601 date-times with an offset (as
    /// FHIR's `sent`) and plain dates (midnight in `time_zone`).
    #[serde(default = "default_timestamp_format")]
    pub timestamp_format: String,
    /// IANA time zone of local timestamps, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Canonical column = the site's column name (CSV: a header name;
    /// JSON Lines: a field name or a dotted path into nested objects).
    /// `fhir` sources use the fixed FHIR mapping and leave this out.
    #[serde(default)]
    pub columns: BTreeMap<Spanned<String>, String>,
    /// The site's role values mapped to canonical roles; values not listed
    /// are quarantined. Canonical role names map to themselves.
    #[serde(default)]
    pub roles: BTreeMap<String, Role>,
    /// Largest field in bytes; a row with a larger field is quarantined
    /// (default 1 MiB).
    #[serde(default = "default_max_field_bytes")]
    pub max_field_bytes: usize,
    /// What to do with a field that is not valid UTF-8: `quarantine` the row
    /// (default) or `replace` the bad bytes with U+FFFD and flag the row.
    #[serde(default)]
    pub invalid_utf8: InvalidUtf8,
    /// How the message text (subject and body) is written: `auto`
    /// (default: a text that shows HTML markup such as `<br>`, `</p>` or
    /// `&nbsp;` is read as HTML), `text` (never) or `html` (always). Text
    /// read as HTML becomes the plain text a reader sees before it is
    /// scrubbed: tags end lines or go, entities become their characters.
    #[serde(default)]
    pub text_format: TextFormat,
}

fn default_timestamp_format() -> String {
    "rfc3339".to_string()
}

/// What a source holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Secure messages, in the canonical record.
    #[default]
    Messages,
    /// Portal login events: `patient_id` and `logged_in_at`.
    Logins,
}

impl SourceKind {
    /// The name used in pipeline files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Messages => "messages",
            SourceKind::Logins => "logins",
        }
    }
}

/// How a source's message text is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    /// HTML where a text shows markup, plain text otherwise.
    #[default]
    Auto,
    /// Plain text: `<br>` and `&amp;` are kept as written.
    Text,
    /// HTML.
    Html,
}

/// The policy for fields that are not valid UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvalidUtf8 {
    /// Quarantine the row.
    #[default]
    Quarantine,
    /// Replace the bad bytes with U+FFFD, pass the row on and flag it.
    Replace,
}

/// A delimiter as one character or by name (see [`Source::delimiter`]).
fn delimiter<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<char, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(c);
    }
    match text.to_ascii_lowercase().as_str() {
        "comma" => Ok(','),
        "semicolon" => Ok(';'),
        "tab" | "\\t" => Ok('\t'),
        "pipe" => Ok('|'),
        _ => Err(serde::de::Error::custom(format!(
            "delimiter `{text}`: use one character (`,` `;` `|`, or \"\\t\" for a tab) or its name (comma, semicolon, tab, pipe)"
        ))),
    }
}

fn default_delimiter() -> char {
    ','
}

fn default_max_field_bytes() -> usize {
    1 << 20
}

/// Formats veil reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Delimited text with a header row.
    #[default]
    Csv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// FHIR R4 Communication resources as NDJSON (bulk-data export).
    Fhir,
}

impl SourceFormat {
    /// The name used in pipeline files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Csv => "csv",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Fhir => "fhir",
        }
    }
}

/// Character encodings of exports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// Detected from the first MiB: UTF-8 when it is (nearly) valid UTF-8,
    /// else ISO-8859-15 or Windows-1252 by which bytes occur.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// UTF-8, with or without byte-order mark.
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1252 (a superset of ISO-8859-1 for printable text).
    #[serde(rename = "windows-1252", alias = "cp1252")]
    Windows1252,
    /// ISO-8859-1 (Latin-1).
    #[serde(rename = "iso-8859-1", alias = "latin1")]
    Iso88591,
    /// ISO-8859-15 (Latin-9, with €).
    #[serde(rename = "iso-8859-15", alias = "latin9")]
    Iso885915,
    /// UTF-16, little- or big-endian by its byte-order mark (little-endian
    /// without one), as Windows "Unicode text" exports are; transcoded to
    /// UTF-8 while reading. `auto` also recognises it.
    #[serde(rename = "utf-16", alias = "utf16")]
    Utf16,
}

/// Canonical roles of senders and recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The patient.
    Patient,
    /// Someone writing on the patient's behalf.
    Proxy,
    /// A physician, psychologist or nurse practitioner.
    Clinician,
    /// Other staff.
    Staff,
}

impl Role {
    /// The canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Proxy => "proxy",
            Role::Clinician => "clinician",
            Role::Staff => "staff",
        }
    }
}

/// What is done with a column on its way into a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Treatment {
    /// Replaced by a keyed HMAC-SHA256 pseudonym.
    Pseudonym,
    /// Moved by the patient's date shift.
    Shift,
    /// Coarsened (e.g. birth date to year).
    Generalize,
    /// Free text with protected information removed.
    Scrub,
    /// Released as it is.
    Keep,
    /// Not released.
    Drop,
    /// Not released; its names are removed wherever they occur in free text.
    Roster,
}

impl Treatment {
    /// The name used in pipeline files.
    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Pseudonym => "pseudonym",
            Treatment::Shift => "shift",
            Treatment::Generalize => "generalize",
            Treatment::Scrub => "scrub",
            Treatment::Keep => "keep",
            Treatment::Drop => "drop",
            Treatment::Roster => "roster",
        }
    }
}

/// Options of pseudonyms.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PseudonymOptions {
    /// Give a patient the same pseudonym at every site (the site is left out
    /// of the HMAC input), so studies can link patients across sites.
    #[serde(default)]
    pub link_patients_across_sites: bool,
}

/// Options of date shifting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateOptions {
    /// Smallest shift back in days.
    #[serde(default = "default_min_days")]
    pub shift_min_days: u32,
    /// Largest shift back in days.
    #[serde(default = "default_max_days")]
    pub shift_max_days: u32,
    /// Shift by whole weeks, so weekdays stay true.
    #[serde(default)]
    pub whole_weeks: bool,
    /// What a generalized `patient_birth_date` becomes in the patients
    /// table: `year` (birth year) or `age_band` (age at the first message);
    /// ages of 90 and over are top-coded `90+` either way.
    #[serde(default)]
    pub birth: BirthGeneralization,
    /// Width in years of an age band (1-30, default 10).
    #[serde(default = "default_age_band_years")]
    pub age_band_years: u32,
    /// What a timestamp with the treatment `generalize` keeps: `month` (the
    /// local calendar month, default) or `year`. Time of day (`local_hour`)
    /// is kept either way; intervals (reply latency, thread duration) are
    /// computed before generalizing.
    #[serde(default)]
    pub generalize_to: TimestampGeneralization,
}

/// What a generalized timestamp keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampGeneralization {
    /// The first instant of the local calendar month.
    #[default]
    Month,
    /// The first instant of the local calendar year.
    Year,
}

impl TimestampGeneralization {
    /// The unit as `date_trunc` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            TimestampGeneralization::Month => "month",
            TimestampGeneralization::Year => "year",
        }
    }
}

/// What a generalized birth date becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BirthGeneralization {
    /// The birth year (none for patients of 90 or more: they get `90+`).
    #[default]
    Year,
    /// The age band at the patient's first message.
    AgeBand,
}

fn default_age_band_years() -> u32 {
    10
}

fn default_min_days() -> u32 {
    1
}

fn default_max_days() -> u32 {
    365
}

impl Default for DateOptions {
    fn default() -> Self {
        DateOptions {
            shift_min_days: default_min_days(),
            shift_max_days: default_max_days(),
            whole_weeks: false,
            birth: BirthGeneralization::Year,
            age_band_years: default_age_band_years(),
            generalize_to: TimestampGeneralization::Month,
        }
    }
}

/// Options of free-text scrubbing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScrubOptions {
    /// What replaces a finding in scrubbed text: `tags` (default: the
    /// category tag such as `[PATIENT]`) or `surrogates` (consistent invented
    /// names chosen with the study key, dates moved by the patient's shift
    /// in their written form).
    #[serde(default)]
    pub replacement: ScrubReplacement,
}

/// A staff roster file: a delimited file with a header row and one person
/// per row, kept by the hospital apart from the export.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRoster {
    /// The file; relative paths are taken from the pipeline file's directory.
    pub path: PathBuf,
    /// The column holding each person's full name (default `name`).
    #[serde(default = "default_staff_name_column")]
    pub column: String,
    /// Field delimiter (default `,`): one character, or its
    /// name: `comma`, `semicolon`, `tab` (or `\t` as written in a TOML
    /// literal string), `pipe`.
    #[serde(default = "default_delimiter", deserialize_with = "delimiter")]
    pub delimiter: char,
    /// Character encoding (default: detected).
    #[serde(default)]
    pub encoding: Encoding,
    /// Whose names these are: `clinician` (default; tagged `[CLINICIAN]`)
    /// or `staff` (tagged `[NAME]`).
    #[serde(default = "default_staff_role")]
    pub role: Role,
}

fn default_staff_name_column() -> String {
    "name".to_string()
}

fn default_staff_role() -> Role {
    Role::Clinician
}

/// Options of `veil verify --pipeline`, the leak scan of a release.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyOptions {
    /// Name parts from the export that are also ordinary words of the
    /// messages' language (a clinician called Gut, "es geht mir gut"),
    /// reviewed and listed here by the steward. Where released text writes
    /// one as the word, it is counted as a note instead of a leak: never
    /// right after a title ("Frau Gut"); in lower case; capitalised at the
    /// start of a sentence, or anywhere for a word listed capitalised
    /// because the language writes it so ("Freitag"); in capitals only in
    /// a message typed in capitals. Any other spelling is still a leak.
    #[serde(default)]
    pub ordinary_words: Vec<String>,
}

/// What replaces a finding in scrubbed text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScrubReplacement {
    /// The category tag (`[PATIENT]`, `[DATE]`, ...).
    #[default]
    Tags,
    /// Consistent surrogates keyed with the study key.
    Surrogates,
}

/// Options of the release.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseOptions {
    /// Smallest number of distinct patients an exported aggregate may show;
    /// recorded in the manifest for `veil sql`.
    #[serde(default = "default_min_cell")]
    pub min_cell: u32,
    /// Smallest equivalence class the patients table may have over its
    /// quasi-identifiers (site, clinic, birth year or age band, activity
    /// bands); 0 (default) reports the risk in the audit without acting on it.
    #[serde(default)]
    pub k_anonymity: u32,
    /// What is done until `k_anonymity` is reached: `generalize` (coarser
    /// age bands and activity bands, then clinic left out) or `suppress`
    /// (quasi-identifiers of the rows in small classes set to null).
    #[serde(default)]
    pub k_action: KAction,
    /// Class size under which the audit counts a patient as at risk (default 5).
    #[serde(default = "default_risk_threshold")]
    pub risk_threshold: u32,
}

/// How the patients table is brought to k-anonymity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KAction {
    /// Coarsen quasi-identifiers step by step.
    #[default]
    Generalize,
    /// Blank the quasi-identifiers of patients in classes under k.
    Suppress,
}

fn default_risk_threshold() -> u32 {
    5
}

fn default_min_cell() -> u32 {
    5
}

impl Default for ReleaseOptions {
    fn default() -> Self {
        ReleaseOptions {
            min_cell: default_min_cell(),
            k_anonymity: 0,
            k_action: KAction::Generalize,
            risk_threshold: default_risk_threshold(),
        }
    }
}

/// A SQL analysis run over the release tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// Name: names the CSV file of its result.
    pub name: String,
    /// Title printed above the result.
    #[serde(default)]
    pub title: Option<String>,
    /// The query.
    pub sql: String,
    /// A chart of the result drawn into results/<study>/<name>.svg:
    /// `bar` or `line`, the first column along the x axis.
    #[serde(default)]
    pub chart: Option<String>,
    /// The column charted (default: the second).
    #[serde(default)]
    pub chart_value: Option<String>,
}

impl Pipeline {
    /// Reads and checks a pipeline file.
    pub fn load(path: &Path) -> Result<Pipeline, PipelineError> {
        let text = std::fs::read_to_string(path).map_err(|source| PipelineError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Pipeline::parse(&text, path)
    }

    /// Parses and checks pipeline text; `path` names it in errors and
    /// anchors relative source paths.
    pub fn parse(text: &str, path: &Path) -> Result<Pipeline, PipelineError> {
        let mut pipeline: Pipeline = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| crate::error::line_column(text, s.start))
                .unwrap_or((0, 0));
            PipelineError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        pipeline.path = path.to_path_buf();
        pipeline.text = text.to_string();
        crate::validate::validate(&pipeline)?;
        Ok(pipeline)
    }

    /// The path of a source's file: relative paths are taken from the
    /// pipeline file's directory.
    pub fn source_path(&self, source: &Source) -> PathBuf {
        self.resolve(&source.path)
    }

    /// `path` as named in the pipeline file: relative paths are taken from
    /// the pipeline file's directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.path.parent().unwrap_or(Path::new(".")).join(path)
        }
    }

    /// The declared treatment of a canonical column, if any.
    pub fn treatment(&self, column: CanonicalColumn) -> Option<Treatment> {
        self.policy
            .iter()
            .find(|(k, _)| k.get_ref() == column.as_str())
            .map(|(_, v)| *v.get_ref())
    }

    /// The policy as plain `column -> treatment` names, for manifests.
    pub fn policy_names(&self) -> BTreeMap<String, String> {
        self.policy
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), v.get_ref().as_str().to_string()))
            .collect()
    }
}

impl Source {
    /// The site's column name for a canonical column, if mapped. For `fhir`
    /// sources, the FHIR element the column is read from.
    pub fn column(&self, column: CanonicalColumn) -> Option<&str> {
        if self.format == SourceFormat::Fhir {
            return Source::fhir_element(column);
        }
        self.columns
            .iter()
            .find(|(k, _)| k.get_ref() == column.as_str())
            .map(|(_, v)| v.as_str())
    }

    /// The FHIR element a canonical column is read from in `fhir` sources.
    pub fn fhir_element(column: CanonicalColumn) -> Option<&'static str> {
        crate::columns::fhir_element(column)
    }

    /// The canonical columns this source maps.
    pub fn mapped_columns(&self) -> Vec<CanonicalColumn> {
        CanonicalColumn::ALL
            .into_iter()
            .filter(|c| self.column(*c).is_some())
            .collect()
    }

    /// The message language, if a fixed one is declared (`None` for `auto`
    /// and for login sources).
    pub fn fixed_language(&self) -> Option<&str> {
        self.language.as_deref().filter(|l| *l != "auto")
    }

    /// The canonical role of a site's role value: the `roles` table first
    /// (as written, else ignoring case and surrounding spaces: `ARZT ` is
    /// `Arzt`), then the canonical names themselves (case-insensitive).
    pub fn role(&self, value: &str) -> Option<Role> {
        if let Some(role) = self.roles.get(value) {
            return Some(*role);
        }
        let folded = value.trim().to_lowercase();
        if let Some((_, role)) = self
            .roles
            .iter()
            .find(|(name, _)| name.trim().to_lowercase() == folded)
        {
            return Some(*role);
        }
        [Role::Patient, Role::Proxy, Role::Clinician, Role::Staff]
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(value.trim()))
    }
}
