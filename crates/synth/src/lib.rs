//! veil-synth: synthetic patient-portal message exports with gold
//! annotations of every piece of protected information, calibrated to the
//! published figures of three studies, and a scorer for scrubbers.
//!
//! [`generate_dir`] writes an export as a site would hand it over (CSV in the
//! site's own column names, date format, delimiter and encoding; a login file
//! for the German profile) and `gold.jsonl`, whose spans are recorded while
//! the text is written, never searched for afterwards. Same seed, same bytes.
//! Output streams: nothing is held per message beyond the message itself.
//!
//! [`eval`] scores a scrubber's output against the gold file (token recall,
//! strict entity recall, token precision and verbatim leaks per category).
//!
//! ```
//! use veil_synth::{Options, Profile, Size, generate};
//!
//! let options = Options { seed: 7, size: Size::Messages(20) };
//! let mut export = Vec::new();
//! let mut gold = Vec::new();
//! let summary = generate(Profile::GermanPsychiatry, &options, &mut export, &mut gold, None).unwrap();
//! assert_eq!(summary.messages, 20);
//! let first = String::from_utf8(gold).unwrap();
//! let record: veil_synth::gold::GoldRecord =
//!     serde_json::from_str(first.lines().next().unwrap()).unwrap();
//! for span in &record.spans {
//!     let field = if span.field == "body" { &record.body } else { &record.subject };
//!     let covered: String = field.chars().skip(span.start).take(span.end - span.start).collect();
//!     assert_eq!(covered, span.text);
//! }
//! ```
#![deny(missing_docs)]

mod data;
mod dutch;
mod emit;
mod error;
pub mod eval;
mod german;
pub mod gold;
mod gold_write;
mod lang;
mod person;
mod profile;
mod render;
mod rng;
mod sink;
mod summary;
mod text;
mod time;
mod us;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use error::{Result, SynthError};
pub use profile::Profile;
pub use sink::Encoding;
pub use summary::{Kind, Summary};
pub use text::Category;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Size {
    /// A multiple of the study's size (1.0 = the published study).
    Scale(f64),
    /// Exactly this many messages.
    Messages(u64),
}

/// Options of a generation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Seed of the generator: same seed, same bytes.
    pub seed: u64,
    /// How much.
    pub size: Size,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            size: Size::Scale(1.0),
        }
    }
}

/// The name of the gold file.
pub const GOLD_FILE: &str = "gold.jsonl";

/// Writes a profile's export, gold file, login file (if the profile has
/// one) and staff roster into `dir`, which is created if needed; returns
/// the counts.
pub fn generate_dir(profile: Profile, options: &Options, dir: &Path) -> Result<Summary> {
    std::fs::create_dir_all(dir).map_err(SynthError::io(dir))?;
    let export = sink::create(&dir.join(profile.export_file()))?;
    let gold = sink::create(&dir.join(GOLD_FILE))?;
    let logins = match profile.logins_file() {
        Some(name) => Some(sink::create(&dir.join(name))?),
        None => None,
    };
    let summary = run(profile, options, dir.to_path_buf(), export, gold, logins)?;
    let roster = dir.join(profile.staff_roster_file());
    let mut text = String::from("Name\n");
    for name in &summary.staff_roster {
        text.push_str(name);
        text.push('\n');
    }
    std::fs::write(&roster, text).map_err(SynthError::io(&roster))?;
    Ok(summary)
}

/// Writes a profile's export, gold file and (if given and the profile has
/// one) login file to the given writers; returns the counts.
pub fn generate<'w>(
    profile: Profile,
    options: &Options,
    export: &'w mut dyn Write,
    gold: &'w mut dyn Write,
    logins: Option<&'w mut dyn Write>,
) -> Result<Summary> {
    let export: Box<dyn Write + 'w> = Box::new(export);
    let gold: Box<dyn Write + 'w> = Box::new(gold);
    let logins: Option<Box<dyn Write + 'w>> = logins.map(|l| Box::new(l) as Box<dyn Write + 'w>);
    run(
        profile,
        options,
        PathBuf::from("<memory>"),
        export,
        gold,
        logins,
    )
}

fn run<'w>(
    profile: Profile,
    options: &Options,
    dir: PathBuf,
    export: Box<dyn Write + 'w>,
    gold: Box<dyn Write + 'w>,
    logins: Option<Box<dyn Write + 'w>>,
) -> Result<Summary> {
    let (scale, limit) = match options.size {
        Size::Scale(f) if f.is_finite() && f > 0.0 => (f, None),
        Size::Messages(n) if n > 0 => (n as f64 / profile.base_messages() as f64, Some(n)),
        other => {
            return Err(SynthError::Options(format!(
                "size must be positive, got {other:?}"
            )));
        }
    };
    let mut export = sink::CsvOut::new(
        dir.join(profile.export_file()),
        export,
        profile.delimiter(),
        profile.encoding(),
    );
    let mut login_out = match (profile.logins_file(), logins) {
        (Some(name), Some(w)) => Some(sink::CsvOut::new(
            dir.join(name),
            w,
            profile.delimiter(),
            Encoding::Utf8,
        )),
        _ => None,
    };
    match profile {
        Profile::GermanPsychiatry => {
            export.write(&german::COLUMNS, "header")?;
            if let Some(l) = login_out.as_mut() {
                l.write(&german::LOGIN_COLUMNS, "header")?;
            }
        }
        Profile::DutchOutpatient => export.write(&dutch::COLUMNS, "header")?,
        Profile::UsChronicCare => export.write(&us::COLUMNS, "header")?,
    }
    let mut emit = emit::Emitter {
        export,
        gold: sink::GoldOut::new(dir.join(GOLD_FILE), gold),
        logins: login_out,
        summary: Summary::default(),
        subject: text::Text::default(),
        body: text::Text::default(),
        limit,
        recent: [""; 6],
        thread_subject: text::Text::default(),
    };
    match profile {
        Profile::GermanPsychiatry => {
            // With a message limit, generate patients until it is reached.
            let patients = match limit {
                Some(_) => u64::MAX,
                None => ((german::BASE.len() as f64 * scale).round() as u64).max(1),
            };
            german::run(options.seed, patients, &mut emit)?;
        }
        Profile::DutchOutpatient => dutch::run(options.seed, scale, limit, &mut emit)?,
        Profile::UsChronicCare => us::run(options.seed, scale, &mut emit)?,
    }
    emit.finish()
}
