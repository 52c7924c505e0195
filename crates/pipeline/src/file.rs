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
    /// File format.
    #[serde(default)]
    pub format: SourceFormat,
    /// The export file, relative to the pipeline file.
    pub path: PathBuf,
    /// Field delimiter of delimited text (default `,`).
    #[serde(default = "default_delimiter")]
    pub delimiter: char,
    /// Character encoding (default: detected).
    #[serde(default)]
    pub encoding: Encoding,
    /// Language of the messages: `de`, `nl` or `en`.
    pub language: String,
    /// chrono format of the sent timestamp, e.g. `%d.%m.%Y %H:%M`; with
    /// `%z` the offset in the value is used instead of `time_zone`.
    pub timestamp_format: String,
    /// IANA time zone of local timestamps, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Canonical column = the site's column name.
    pub columns: BTreeMap<Spanned<String>, String>,
    /// The site's role values mapped to canonical roles; values not listed
    /// are quarantined. Canonical role names map to themselves.
    #[serde(default)]
    pub roles: BTreeMap<String, Role>,
    /// Largest field in bytes; a row with a larger field is quarantined
    /// (default 1 MiB).
    #[serde(default = "default_max_field_bytes")]
    pub max_field_bytes: usize,
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
}

/// Character encodings of exports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// UTF-8 if the start of the file is valid UTF-8, else Windows-1252.
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
        }
    }
}

/// Options of the release.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseOptions {
    /// Smallest number of distinct patients an exported aggregate may show;
    /// recorded in the manifest for `veil sql`.
    #[serde(default = "default_min_cell")]
    pub min_cell: u32,
}

fn default_min_cell() -> u32 {
    5
}

impl Default for ReleaseOptions {
    fn default() -> Self {
        ReleaseOptions {
            min_cell: default_min_cell(),
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
        if source.path.is_absolute() {
            source.path.clone()
        } else {
            self.path
                .parent()
                .unwrap_or(Path::new("."))
                .join(&source.path)
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
    /// The site's column name for a canonical column, if mapped.
    pub fn column(&self, column: CanonicalColumn) -> Option<&str> {
        self.columns
            .iter()
            .find(|(k, _)| k.get_ref() == column.as_str())
            .map(|(_, v)| v.as_str())
    }

    /// The canonical role of a site's role value: the `roles` table first,
    /// then the canonical names themselves (case-insensitive).
    pub fn role(&self, value: &str) -> Option<Role> {
        if let Some(role) = self.roles.get(value) {
            return Some(*role);
        }
        [Role::Patient, Role::Proxy, Role::Clinician, Role::Staff]
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(value.trim()))
    }
}
