//! The canonical record's columns and what may be done with each.

use crate::Treatment;

/// What kind of information a canonical column holds; decides which
/// treatments are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// A raw identifier: pseudonymize or drop.
    Identifier,
    /// A person's name: use as roster (to find names in text) or drop.
    Name,
    /// A birth date: generalize (birth year or age band, see `[dates] birth`) or drop.
    BirthDate,
    /// A timestamp: shift per patient, generalize (to month or year), keep, or drop.
    Timestamp,
    /// An organisational or coded value: keep or drop.
    Category,
    /// Free text: scrub or drop.
    FreeText,
}

impl ColumnKind {
    /// The treatments a column of this kind may have.
    pub fn allowed(self) -> &'static [Treatment] {
        match self {
            ColumnKind::Identifier => &[Treatment::Pseudonym, Treatment::Drop],
            ColumnKind::Name => &[Treatment::Roster, Treatment::Drop],
            ColumnKind::BirthDate => &[Treatment::Generalize, Treatment::Drop],
            ColumnKind::Timestamp => &[
                Treatment::Shift,
                Treatment::Generalize,
                Treatment::Keep,
                Treatment::Drop,
            ],
            ColumnKind::Category => &[Treatment::Keep, Treatment::Drop],
            ColumnKind::FreeText => &[Treatment::Scrub, Treatment::Drop],
        }
    }

    /// Why a treatment outside [`ColumnKind::allowed`] is refused.
    pub fn refusal(self, treatment: Treatment) -> String {
        let why = match (self, treatment) {
            (ColumnKind::Identifier, Treatment::Keep) => {
                "a raw identifier must not reach a release"
            }
            (ColumnKind::Name, Treatment::Keep) => "a raw name must not reach a release",
            (ColumnKind::FreeText, Treatment::Keep) => {
                "free text holds names and dates and must be scrubbed"
            }
            (ColumnKind::BirthDate, Treatment::Keep) => "a birth date identifies a patient",
            _ => "this treatment does not apply to this kind of column",
        };
        let allowed: Vec<&str> = self.allowed().iter().map(|t| t.as_str()).collect();
        format!(
            "`{}` refused: {why} (allowed: {})",
            treatment.as_str(),
            allowed.join(", ")
        )
    }
}

/// A column of the canonical record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CanonicalColumn {
    /// The message identifier.
    MessageId,
    /// The thread (conversation) identifier.
    ThreadId,
    /// The patient identifier.
    PatientId,
    /// Role of the sender (mapped through the source's `roles`).
    SenderRole,
    /// Role of the recipient.
    RecipientRole,
    /// The sender's identifier.
    SenderId,
    /// The sender's name.
    SenderName,
    /// The recipient's identifier.
    RecipientId,
    /// The recipient's name.
    RecipientName,
    /// The patient's first name.
    PatientFirstName,
    /// The patient's last name.
    PatientLastName,
    /// The patient's birth date.
    PatientBirthDate,
    /// When the message was sent.
    SentAt,
    /// The clinic.
    Clinic,
    /// The specialty.
    Specialty,
    /// The subject line.
    Subject,
    /// The message text.
    Body,
    /// The message language.
    Language,
    /// When a patient logged in to the portal (login sources only).
    LoggedInAt,
}

/// Columns every messages source must map.
pub const REQUIRED_COLUMNS: &[CanonicalColumn] = &[
    CanonicalColumn::MessageId,
    CanonicalColumn::PatientId,
    CanonicalColumn::SenderRole,
    CanonicalColumn::SentAt,
    CanonicalColumn::Body,
];

/// Columns every logins source must map (and the only ones it may map).
pub const REQUIRED_LOGIN_COLUMNS: &[CanonicalColumn] =
    &[CanonicalColumn::PatientId, CanonicalColumn::LoggedInAt];

/// The FHIR element a canonical column is read from in `fhir` sources.
pub(crate) fn fhir_element(column: CanonicalColumn) -> Option<&'static str> {
    use CanonicalColumn::*;
    Some(match column {
        MessageId => "Communication.id",
        ThreadId => "Communication.partOf|inResponseTo|encounter",
        PatientId => "Communication.subject",
        SenderRole => "Communication.sender.type",
        RecipientRole => "Communication.recipient.type",
        SenderId => "Communication.sender",
        SenderName => "Communication.sender.name",
        RecipientId => "Communication.recipient",
        RecipientName => "Communication.recipient.name",
        PatientFirstName => "Patient.name.given",
        PatientLastName => "Patient.name.family",
        PatientBirthDate => "Patient.birthDate",
        SentAt => "Communication.sent",
        Subject => "Communication.topic.text",
        Body => "Communication.payload.contentString",
        Language => "Communication.language",
        Clinic | Specialty | LoggedInAt => return None,
    })
}
impl CanonicalColumn {
    /// Every canonical column, in record order.
    pub const ALL: [CanonicalColumn; 19] = [
        CanonicalColumn::MessageId,
        CanonicalColumn::ThreadId,
        CanonicalColumn::PatientId,
        CanonicalColumn::SenderRole,
        CanonicalColumn::RecipientRole,
        CanonicalColumn::SenderId,
        CanonicalColumn::SenderName,
        CanonicalColumn::RecipientId,
        CanonicalColumn::RecipientName,
        CanonicalColumn::PatientFirstName,
        CanonicalColumn::PatientLastName,
        CanonicalColumn::PatientBirthDate,
        CanonicalColumn::SentAt,
        CanonicalColumn::Clinic,
        CanonicalColumn::Specialty,
        CanonicalColumn::Subject,
        CanonicalColumn::Body,
        CanonicalColumn::Language,
        CanonicalColumn::LoggedInAt,
    ];

    /// The snake_case name used in pipeline files and Arrow schemas.
    pub fn as_str(self) -> &'static str {
        match self {
            CanonicalColumn::MessageId => "message_id",
            CanonicalColumn::ThreadId => "thread_id",
            CanonicalColumn::PatientId => "patient_id",
            CanonicalColumn::SenderRole => "sender_role",
            CanonicalColumn::RecipientRole => "recipient_role",
            CanonicalColumn::SenderId => "sender_id",
            CanonicalColumn::SenderName => "sender_name",
            CanonicalColumn::RecipientId => "recipient_id",
            CanonicalColumn::RecipientName => "recipient_name",
            CanonicalColumn::PatientFirstName => "patient_first_name",
            CanonicalColumn::PatientLastName => "patient_last_name",
            CanonicalColumn::PatientBirthDate => "patient_birth_date",
            CanonicalColumn::SentAt => "sent_at",
            CanonicalColumn::Clinic => "clinic",
            CanonicalColumn::Specialty => "specialty",
            CanonicalColumn::Subject => "subject",
            CanonicalColumn::Body => "body",
            CanonicalColumn::Language => "language",
            CanonicalColumn::LoggedInAt => "logged_in_at",
        }
    }

    /// Parses a snake_case name.
    pub fn parse(name: &str) -> Option<CanonicalColumn> {
        CanonicalColumn::ALL
            .into_iter()
            .find(|c| c.as_str() == name)
    }

    /// What kind of information the column holds.
    pub fn kind(self) -> ColumnKind {
        use CanonicalColumn::*;
        match self {
            MessageId | ThreadId | PatientId | SenderId | RecipientId => ColumnKind::Identifier,
            SenderName | RecipientName | PatientFirstName | PatientLastName => ColumnKind::Name,
            PatientBirthDate => ColumnKind::BirthDate,
            SentAt | LoggedInAt => ColumnKind::Timestamp,
            SenderRole | RecipientRole | Clinic | Specialty | Language => ColumnKind::Category,
            Subject | Body => ColumnKind::FreeText,
        }
    }
}

/// The canonical name closest to `name`, if any is close.
pub(crate) fn closest_column(name: &str) -> Option<&'static str> {
    closest_name(name, CanonicalColumn::ALL.iter().map(|c| c.as_str()))
}

/// The candidate closest to `name`, for "did you mean" hints: equal when
/// case, spaces, `_` and `-` are ignored, else one containing the other,
/// else the smallest edit distance within a third of the name's length.
pub fn closest_name<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let squash = |s: &str| s.to_lowercase().replace([' ', '_', '-'], "");
    let wanted = squash(name);
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(c) = candidates.iter().find(|c| squash(c) == wanted) {
        return Some(c);
    }
    if let Some(c) = candidates.iter().find(|c| {
        let c = squash(c);
        wanted.len() >= 3 && (c.contains(&wanted) || wanted.contains(&c) && c.len() >= 3)
    }) {
        return Some(c);
    }
    candidates
        .iter()
        .map(|c| (edit_distance(&wanted, &squash(c)), *c))
        .filter(|(d, _)| *d <= (wanted.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in CanonicalColumn::ALL {
            assert_eq!(CanonicalColumn::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(closest_column("mesage_id"), Some("message_id"));
        assert_eq!(closest_column("completely_else"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            closest_name("Gesendet", ["ID", "Gesendet am"]),
            Some("Gesendet am")
        );
    }
}
