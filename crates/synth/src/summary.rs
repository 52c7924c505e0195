//! What a generation run wrote, counted while writing.

use std::collections::BTreeMap;

use crate::text::{Category, Text};

/// The kind of a message as the release derives it from roles and thread
/// position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// First message of a thread, by a clinician or staff member.
    ClinicianInitialNote,
    /// A message by the patient or a proxy.
    PatientMessage,
    /// A later message by a clinician or staff member.
    ClinicianReply,
}

impl Kind {
    /// The kind the release derives: a patient-side author (patient or
    /// proxy) writes a patient message; a clinician's first message in a
    /// thread (`position` 0) is an initial note, any later one a reply.
    pub fn of(patient_side: bool, position: usize) -> Kind {
        if patient_side {
            Kind::PatientMessage
        } else if position == 0 {
            Kind::ClinicianInitialNote
        } else {
            Kind::ClinicianReply
        }
    }
}

/// Counts of one generation run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Messages written.
    pub messages: u64,
    /// Clinician initial notes.
    pub initial_notes: u64,
    /// Patient (and proxy) messages.
    pub patient_messages: u64,
    /// Clinician replies.
    pub clinician_replies: u64,
    /// Messages written by proxies (a subset of patient messages).
    pub proxy_messages: u64,
    /// Patients with at least one message.
    pub patients: u64,
    /// Threads.
    pub threads: u64,
    /// Login events written.
    pub logins: u64,
    /// Messages per clinic.
    pub per_clinic: BTreeMap<String, u64>,
    /// Gold spans per category, in the order of [`Category::ALL`].
    pub spans: [u64; 14],
    /// Bytes of subject and body text (UTF-8).
    pub text_bytes: u64,
    /// Names of the sites' clinicians and staff, as the hospital's own staff
    /// list holds them (the staff roster file of [`crate::generate_dir`]).
    pub staff_roster: std::collections::BTreeSet<String>,
}

impl Summary {
    pub(crate) fn count(&mut self, kind: Kind, clinic: &str, subject: &Text, body: &Text) {
        self.messages += 1;
        match kind {
            Kind::ClinicianInitialNote => self.initial_notes += 1,
            Kind::PatientMessage => self.patient_messages += 1,
            Kind::ClinicianReply => self.clinician_replies += 1,
        }
        if let Some(n) = self.per_clinic.get_mut(clinic) {
            *n += 1;
        } else {
            self.per_clinic.insert(clinic.to_string(), 1);
        }
        for span in subject.spans.iter().chain(&body.spans) {
            self.spans[span.category as usize] += 1;
        }
        self.text_bytes += (subject.s.len() + body.s.len()) as u64;
    }

    /// Spans of a category.
    pub fn spans_of(&self, category: Category) -> u64 {
        self.spans[category as usize]
    }

    /// Gold spans of all categories.
    pub fn total_spans(&self) -> u64 {
        self.spans.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn kinds_follow_author_side_and_thread_position() {
        assert_eq!(Kind::of(true, 0), Kind::PatientMessage);
        assert_eq!(Kind::of(true, 3), Kind::PatientMessage);
        assert_eq!(Kind::of(false, 0), Kind::ClinicianInitialNote);
        assert_eq!(Kind::of(false, 1), Kind::ClinicianReply);
    }
}
