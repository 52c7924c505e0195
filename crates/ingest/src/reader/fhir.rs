//! FHIR R4 Communication resources as NDJSON, as a bulk-data export writes
//! them (`Communication.ndjson`, one resource per line), with the people
//! they refer to read from the files exported beside it: `Patient.ndjson`,
//! `Practitioner.ndjson`, `PractitionerRole.ndjson` and
//! `RelatedPerson.ndjson` (each optional; each may be gzip- or
//! zstd-compressed as `.ndjson.gz` or `.ndjson.zst`).
//!
//! The mapping is fixed (it is what [`veil_pipeline::Source::column`]
//! reports for `fhir` sources):
//!
//! | canonical | from |
//! | --- | --- |
//! | message_id | `id` |
//! | thread_id | `partOf[0]`; else the thread of the message `inResponseTo[0]` answers (or that message itself); else `encounter`; else the message itself |
//! | patient_id | `subject` (a Patient); else the sender or recipient that is a Patient |
//! | sender_role, recipient_role | the referenced resource type: Patient -> patient, Practitioner and PractitionerRole -> clinician, RelatedPerson -> proxy; other types (Organization, Device) are unknown roles unless the source's `roles` table maps the type name |
//! | sender_id, recipient_id | the relative reference `Type/id` (first recipient) |
//! | sender_name, recipient_name, patient_first_name, patient_last_name | HumanName (`official`, else `usual`, else the first): `given` joined by spaces, `family`; `text` when neither is given |
//! | patient_birth_date | Patient `birthDate` |
//! | sent_at | `sent` (RFC 3339, or a date) |
//! | subject | `topic.text` |
//! | body | every `payload[].contentString`, joined by a blank line |
//! | language | `language` (its first two letters) |
//!
//! Memory: the people are held in a map (one entry per person exported),
//! and threads need one 16-byte hash and a thread index per message.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::BufReader;
use std::path::Path;

use serde_json::Value;
use veil_pipeline::{CanonicalColumn as C, Source};

use super::jsonl::{LineText, Lines, Record, broken, line_limit};
use super::{ExportFile, decoder, open_export, open_raw};
use crate::decode::{Charset, Decoder};
use crate::row::{RawRow, RowSource};
use crate::{IngestError, Reason};

/// A person from a resource file beside the Communications.
#[derive(Debug, Clone, Default)]
struct Person {
    given: Option<String>,
    family: Option<String>,
    birth_date: Option<String>,
    /// For a PractitionerRole: the practitioner it is a role of.
    practitioner: Option<String>,
}

impl Person {
    fn full_name(&self) -> Option<String> {
        match (&self.given, &self.family) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        }
    }
}

/// The Communications of a FHIR bulk-data export.
pub(crate) struct FhirRows {
    lines: Lines,
    people: HashMap<String, Person>,
    hash: (std::hash::RandomState, std::hash::RandomState),
    thread_of: HashMap<(u64, u64), u32>,
    threads: Vec<String>,
    thread_index: HashMap<String, u32>,
    max_field_bytes: usize,
}

impl FhirRows {
    pub fn open(path: &Path, source: &Source) -> Result<(FhirRows, String), IngestError> {
        let opened = open_export(path, source)?;
        let decoder = decoder(opened.charset, source);
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut people = HashMap::new();
        for kind in [
            "Patient",
            "Practitioner",
            "PractitionerRole",
            "RelatedPerson",
        ] {
            // As written, or compressed as bulk exports often are.
            let file = ["ndjson", "ndjson.gz", "ndjson.zst"]
                .into_iter()
                .map(|extension| dir.join(format!("{kind}.{extension}")))
                .find(|file| file.exists());
            if let Some(file) = file {
                load_people(&file, kind, decoder, &mut people)?;
            }
        }
        let encoding = format!(
            "{}; {} people from the resources beside it",
            opened.encoding,
            people.len()
        );
        Ok((
            FhirRows {
                lines: Lines::new(path, opened.reader, decoder)
                    .with_line_limit(line_limit(source.max_field_bytes)),
                people,
                hash: Default::default(),
                thread_of: HashMap::new(),
                threads: Vec::new(),
                thread_index: HashMap::new(),
                max_field_bytes: source.max_field_bytes,
            },
            encoding,
        ))
    }

    /// The person a relative reference names (following a PractitionerRole
    /// to its practitioner).
    fn person(&self, reference: &str) -> Option<&Person> {
        let person = self.people.get(reference)?;
        match &person.practitioner {
            Some(practitioner) => self.people.get(practitioner).or(Some(person)),
            None => Some(person),
        }
    }

    fn key(&self, id: &str) -> (u64, u64) {
        (self.hash.0.hash_one(id), self.hash.1.hash_one(id))
    }

    /// The thread of a message, recorded for the messages that answer it.
    fn thread(&mut self, resource: &Value, id: &str) -> String {
        let reference = |field: &str| {
            resource
                .get(field)
                .and_then(|v| v.get(0).or(Some(v)))
                .and_then(|v| v.get("reference"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let thread = if let Some(part_of) = reference("partOf") {
            part_of
        } else if let Some(answered) = reference("inResponseTo") {
            let (_, parent) = split_reference(&answered);
            match self.thread_of.get(&self.key(parent)) {
                Some(i) => self.threads[*i as usize].clone(),
                None => format!("Communication/{parent}"),
            }
        } else if let Some(encounter) = reference("encounter") {
            encounter
        } else {
            format!("Communication/{id}")
        };
        let next = self.threads.len() as u32;
        let index = *self.thread_index.entry(thread.clone()).or_insert(next);
        if index == next {
            self.threads.push(thread.clone());
        }
        let key = self.key(id);
        self.thread_of.insert(key, index);
        thread
    }

    /// Sets role, id and name of a sender or recipient.
    fn party(&self, row: &mut RawRow, reference: &Value, columns: [C; 3]) -> Option<String> {
        let text = reference.get("reference").and_then(Value::as_str)?;
        let (mut kind, id) = split_reference(text);
        if let Some(declared) = reference.get("type").and_then(Value::as_str) {
            kind = declared;
        }
        let role = match kind {
            "Patient" => "patient",
            "Practitioner" | "PractitionerRole" => "clinician",
            "RelatedPerson" => "proxy",
            "" => "(no resource type)",
            other => other,
        };
        let relative = format!("{kind}/{id}");
        row.set(columns[0], role);
        row.set(columns[1], &relative);
        if let Some(name) = self.person(&relative).and_then(Person::full_name) {
            row.set(columns[2], &name);
        }
        (kind == "Patient").then(|| id.to_string())
    }

    fn map(&mut self, resource: &Value, row: &mut RawRow) {
        let kind = resource
            .get("resourceType")
            .and_then(Value::as_str)
            .unwrap_or("(none)");
        if kind != "Communication" {
            row.fault(
                Some("resourceType"),
                Reason::WrongResource {
                    found: kind.to_string(),
                    expected: "Communication",
                },
            );
            return;
        }
        let id = resource.get("id").and_then(Value::as_str).unwrap_or("");
        if !id.is_empty() {
            row.set(C::MessageId, id);
            let thread = self.thread(resource, id);
            row.set(C::ThreadId, &thread);
        }
        if let Some(sent) = resource.get("sent").and_then(Value::as_str) {
            row.set(C::SentAt, sent);
        }
        let sender_patient = resource
            .get("sender")
            .and_then(|s| self.party(row, s, [C::SenderRole, C::SenderId, C::SenderName]));
        let recipient_patient = resource
            .get("recipient")
            .and_then(|r| r.get(0))
            .and_then(|r| self.party(row, r, [C::RecipientRole, C::RecipientId, C::RecipientName]));
        let subject = resource
            .get("subject")
            .and_then(|s| s.get("reference"))
            .and_then(Value::as_str)
            .map(|s| split_reference(s).1.to_string());
        if let Some(patient) = subject.or(sender_patient).or(recipient_patient) {
            row.set(C::PatientId, &patient);
            if let Some(person) = self.person(&format!("Patient/{patient}")).cloned() {
                if let Some(given) = &person.given {
                    row.set(C::PatientFirstName, given);
                }
                if let Some(family) = &person.family {
                    row.set(C::PatientLastName, family);
                }
                if let Some(birth) = &person.birth_date {
                    row.set(C::PatientBirthDate, birth);
                }
            }
        }
        if let Some(topic) = resource
            .get("topic")
            .and_then(|t| t.get("text"))
            .and_then(Value::as_str)
        {
            row.set(C::Subject, topic);
        }
        if let Some(language) = resource.get("language").and_then(Value::as_str) {
            row.set(C::Language, &language.chars().take(2).collect::<String>());
        }
        let body: Vec<&str> = resource
            .get("payload")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|p| p.get("contentString").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default();
        let body = body.join("\n\n");
        if body.len() > self.max_field_bytes {
            row.fault(
                Some("Communication.payload.contentString"),
                Reason::FieldTooLarge {
                    bytes: body.len(),
                    limit: self.max_field_bytes,
                },
            );
            return;
        }
        row.set(C::Body, &body);
    }
}

impl RowSource for FhirRows {
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, IngestError> {
        let text = match self.lines.next_record(row)? {
            Record::End => return Ok(false),
            Record::Faulted => return Ok(true),
            Record::Text(text) => text,
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(resource) => self.map(&resource, row),
            Err(e) => row.fault(None, broken(&e)),
        }
        Ok(true)
    }

    fn decoder(&self) -> Decoder {
        self.lines.decoder
    }

    fn column_name(&self, column: C) -> Option<String> {
        veil_pipeline::Source::fhir_element(column).map(str::to_string)
    }
}

/// `Patient/123`, `https://host/fhir/Patient/123/_history/2` -> (`Patient`, `123`).
fn split_reference(reference: &str) -> (&str, &str) {
    let reference = reference
        .split("/_history/")
        .next()
        .unwrap_or(reference)
        .trim_end_matches('/');
    let mut parts = reference.rsplitn(3, '/');
    let id = parts.next().unwrap_or("");
    let kind = parts.next().unwrap_or("");
    (kind, id)
}

/// The HumanName used: `official`, else `usual`, else the first.
fn human_name(resource: &Value) -> (Option<String>, Option<String>) {
    let Some(names) = resource.get("name").and_then(Value::as_array) else {
        return (None, None);
    };
    let by_use = |u: &str| {
        names
            .iter()
            .find(|n| n.get("use").and_then(Value::as_str) == Some(u))
    };
    let Some(name) = by_use("official")
        .or_else(|| by_use("usual"))
        .or(names.first())
    else {
        return (None, None);
    };
    let given: Vec<&str> = name
        .get("given")
        .and_then(Value::as_array)
        .map(|g| g.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let given = (!given.is_empty()).then(|| given.join(" "));
    let family = name
        .get("family")
        .and_then(Value::as_str)
        .map(str::to_string);
    if given.is_none() && family.is_none() {
        let text = name.get("text").and_then(Value::as_str).map(str::to_string);
        return (text, None);
    }
    (given, family)
}

/// Reads one resource file into `people`; a broken line stops the run (the
/// names are needed to scrub the messages).
fn load_people(
    path: &Path,
    kind: &str,
    decoder: Decoder,
    people: &mut HashMap<String, Person>,
) -> Result<(), IngestError> {
    let (input, _) = open_raw(path)?;
    let decoder = Decoder {
        charset: Charset::Utf8,
        ..decoder
    };
    let mut lines = Lines::new(path, BufReader::new(ExportFile::Plain(input)), decoder);
    let fail = |line: u64, message: String| IngestError::Resource {
        path: path.to_path_buf(),
        line,
        message,
    };
    while let Some(text) = lines.next_line()? {
        let text = match text {
            LineText::Text(text, _) => text,
            LineText::Invalid(offset) => {
                return Err(fail(lines.line, format!("invalid UTF-8 at byte {offset}")));
            }
            LineText::TooLong(bytes) => {
                return Err(fail(lines.line, format!("a line of {bytes} bytes")));
            }
        };
        let resource: Value =
            serde_json::from_str(&text).map_err(|e| fail(lines.line, broken(&e).to_string()))?;
        let found = resource.get("resourceType").and_then(Value::as_str);
        if found != Some(kind) {
            return Err(fail(
                lines.line,
                format!("expected a {kind} resource, found {found:?}"),
            ));
        }
        let Some(id) = resource.get("id").and_then(Value::as_str) else {
            return Err(fail(lines.line, format!("a {kind} without an id")));
        };
        let (given, family) = human_name(&resource);
        let person = Person {
            given,
            family,
            birth_date: resource
                .get("birthDate")
                .and_then(Value::as_str)
                .map(str::to_string),
            practitioner: resource
                .get("practitioner")
                .and_then(|p| p.get("reference"))
                .and_then(Value::as_str)
                .map(|r| {
                    let (kind, id) = split_reference(r);
                    format!("{kind}/{id}")
                }),
        };
        people.insert(format!("{kind}/{id}"), person);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_into_type_and_id() {
        assert_eq!(split_reference("Patient/123"), ("Patient", "123"));
        assert_eq!(
            split_reference("https://h/fhir/Practitioner/p-1/_history/2"),
            ("Practitioner", "p-1")
        );
        assert_eq!(split_reference("urn:uuid:abc"), ("", "urn:uuid:abc"));
    }

    #[test]
    fn human_names_prefer_official() {
        let v: Value = serde_json::from_str(
            r#"{"name":[{"use":"nickname","given":["Mo"]},{"use":"official","family":"Kaya","given":["Merve","Ayla"]}]}"#,
        )
        .unwrap();
        assert_eq!(
            human_name(&v),
            (Some("Merve Ayla".into()), Some("Kaya".into()))
        );
        let text: Value = serde_json::from_str(r#"{"name":[{"text":"Dr. Jan Vos"}]}"#).unwrap();
        assert_eq!(human_name(&text), (Some("Dr. Jan Vos".into()), None));
    }
}
