//! Checks every record shares whatever its format: required values,
//! timestamps, roles and duplicate ids; passes it into the batch being built.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use veil_pipeline::{
    CanonicalColumn as C, ColumnKind, REQUIRED_COLUMNS, REQUIRED_LOGIN_COLUMNS, Source, SourceKind,
    TextFormat,
};

use crate::Reason;
use crate::dedup::SeenIds;
use crate::html;
use crate::logins::LoginBuilder;
use crate::record::{RecordBuilder, TEXT_COLUMNS};
use crate::row::{Fault, RawRow};
use crate::timestamp::{TimestampError, TimestampParser};

/// Every column [`Validator::check`] reads the text of for a messages
/// source (of the other [`REQUIRED_COLUMNS`], the body, it needs only
/// whether they are blank; a pass's kept columns are read too).
pub(crate) const CHECKED_COLUMNS: [C; 6] = [
    C::MessageId,
    C::PatientId,
    C::SenderRole,
    C::RecipientRole,
    C::SentAt,
    C::Language,
];

/// The batch being built: canonical messages or login events.
pub(crate) enum Builder {
    Messages(RecordBuilder),
    Logins(LoginBuilder),
}

impl Builder {
    pub fn rows(&self) -> usize {
        match self {
            Builder::Messages(b) => b.rows(),
            Builder::Logins(b) => b.rows(),
        }
    }

    pub fn finish(&mut self) -> arrow::array::RecordBatch {
        match self {
            Builder::Messages(b) => b.finish(),
            Builder::Logins(b) => b.finish(),
        }
    }
}

/// The checks of one source.
pub(crate) struct Validator {
    source: Source,
    /// The export's name of each canonical column (by `CanonicalColumn as usize`).
    names: Vec<Option<String>>,
    timestamps: TimestampParser,
    duplicates: Duplicates,
    /// Duplicates found: (line, line of the id's first occurrence).
    found: Vec<(u64, u64)>,
    known_roles: Vec<String>,
    /// Role values seen and their canonical names (`None`: unknown); an
    /// export has few distinct values, so they are looked up once.
    role_cache: Vec<(String, Option<&'static str>)>,
}

/// Role values remembered by a [`Validator`].
const ROLE_CACHE: usize = 16;

/// How a duplicate message id is recognised.
enum Duplicates {
    /// By the ids seen so far (shared by the sources of a site).
    Seen(Arc<Mutex<SeenIds>>),
    /// By the lines an earlier reading of the same file found to be
    /// duplicates (line -> line of the first occurrence): no id is held.
    Known(HashMap<u64, u64>),
}

impl Validator {
    pub fn new(
        source: &Source,
        names: Vec<Option<String>>,
        timestamps: TimestampParser,
    ) -> Validator {
        let mut known_roles: Vec<String> = source.roles.keys().cloned().collect();
        known_roles.extend(["patient", "proxy", "clinician", "staff"].map(String::from));
        Validator {
            source: source.clone(),
            names,
            timestamps,
            duplicates: Duplicates::Seen(Arc::default()),
            found: Vec::new(),
            known_roles,
            role_cache: Vec::new(),
        }
    }

    /// Shares the duplicate-id set with the other sources of the site.
    pub fn share_ids(&mut self, seen: Arc<Mutex<SeenIds>>) {
        self.duplicates = Duplicates::Seen(seen);
    }

    /// Recognises duplicates by the lines an earlier reading found
    /// ([`Validator::duplicates_found`]) instead of by the ids.
    pub fn known_duplicates(&mut self, lines: &[(u64, u64)]) {
        self.duplicates = Duplicates::Known(lines.iter().copied().collect());
    }

    /// The duplicates found so far: (line, line of the first occurrence).
    pub fn duplicates_found(&self) -> &[(u64, u64)] {
        &self.found
    }

    fn name(&self, column: C) -> Option<String> {
        self.names[column as usize].clone()
    }

    fn fault(&self, column: C, reason: Reason) -> Fault {
        (self.name(column), reason)
    }

    /// The canonical name of a role value, as [`Source::role`] gives it.
    fn role(&mut self, value: &str) -> Option<&'static str> {
        if let Some((_, role)) = self.role_cache.iter().find(|(v, _)| v == value) {
            return *role;
        }
        let role = self.source.role(value).map(|r| r.as_str());
        if self.role_cache.len() < ROLE_CACHE {
            self.role_cache.push((value.to_string(), role));
        }
        role
    }

    /// Checks `row` and appends it to `builder`, or says why not.
    pub fn check(&mut self, row: &RawRow, builder: &mut Builder) -> Result<(), Fault> {
        if let Some(fault) = &row.fault {
            return Err(fault.clone());
        }
        let (required, time_column) = match self.source.kind {
            SourceKind::Messages => (REQUIRED_COLUMNS, C::SentAt),
            SourceKind::Logins => (REQUIRED_LOGIN_COLUMNS, C::LoggedInAt),
        };
        for column in required {
            if row.get(*column).is_none() {
                return Err(self.fault(*column, Reason::Missing));
            }
        }
        let time = row.get(time_column).unwrap_or_default();
        let instant = self.timestamps.parse(time).map_err(|e| {
            self.fault(
                time_column,
                match e {
                    TimestampError::Format => Reason::BadTimestamp {
                        format: self.source.timestamp_format.clone(),
                    },
                    TimestampError::Gap => Reason::NonexistentLocalTime {
                        zone: self.source.time_zone.clone(),
                    },
                },
            )
        })?;
        let builder = match builder {
            Builder::Logins(logins) => {
                logins.push(
                    &self.source.site,
                    row.get(C::PatientId).unwrap_or_default(),
                    instant.utc_micros,
                    instant.offset_minutes,
                );
                return Ok(());
            }
            Builder::Messages(messages) => messages,
        };

        // Roles: canonical names replace the site's values.
        let mut roles: [Option<&'static str>; 2] = [None, None];
        for (slot, column) in [C::SenderRole, C::RecipientRole].into_iter().enumerate() {
            if let Some(value) = row.get(column) {
                match self.role(value) {
                    Some(role) => roles[slot] = Some(role),
                    None => {
                        return Err(self.fault(
                            column,
                            Reason::UnknownRole {
                                known: self.known_roles.clone(),
                            },
                        ));
                    }
                }
            }
        }
        let first = match &self.duplicates {
            Duplicates::Seen(seen) => seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .first_or_insert(row.get(C::MessageId).unwrap_or_default(), row.line),
            Duplicates::Known(lines) => lines.get(&row.line).copied(),
        };
        if let Some(first_line) = first {
            self.found.push((row.line, first_line));
            return Err(self.fault(C::MessageId, Reason::DuplicateMessageId { first_line }));
        }

        let language = row
            .get(C::Language)
            .and_then(|l| {
                let l = l.trim();
                ["de", "nl", "en"]
                    .into_iter()
                    .find(|known| l.eq_ignore_ascii_case(known))
            })
            .or_else(|| self.source.fixed_language());
        // Text written as HTML, read as the text a reader sees.
        let read_text = |column: C| {
            row.get(column).map(|text| match self.source.text_format {
                TextFormat::Auto => html::plain_text(text),
                TextFormat::Html => Cow::Owned(html::html_to_text(text)),
                TextFormat::Text => Cow::Borrowed(text),
            })
        };
        // Whether texts may be converted at all: not as plain text, nor
        // when the record holds no `<` or `&` (`plain_text` would give
        // each text as it is).
        let converted = match self.source.text_format {
            TextFormat::Auto => !row.markup_free,
            TextFormat::Html => true,
            TextFormat::Text => false,
        };
        // Free text and the names (a roster name written `M&uuml;ller` in
        // an HTML export must match the `Müller` of the text read as HTML).
        let converts =
            |c: C| converted && matches!(c.kind(), ColumnKind::FreeText | ColumnKind::Name);
        let read: [Option<Cow<'_, str>>; TEXT_COLUMNS.len()] = std::array::from_fn(|k| {
            let column = TEXT_COLUMNS[k];
            if converts(column) {
                read_text(column)
            } else {
                None
            }
        });
        let mut values: [Option<&str>; TEXT_COLUMNS.len()] = [None; TEXT_COLUMNS.len()];
        for (k, (value, column)) in values.iter_mut().zip(TEXT_COLUMNS).enumerate() {
            *value = match column {
                C::SenderRole => roles[0],
                C::RecipientRole => roles[1],
                C::Language => language,
                other if converts(other) => read[k].as_deref(),
                other => row.get(other),
            };
        }
        builder.push(
            &self.source.site,
            &values,
            instant.utc_micros,
            instant.offset_minutes,
        );
        Ok(())
    }
}
