//! Collecting the export's own names into the scrubber's roster.

use std::collections::BTreeSet;

use arrow::array::{Array, AsArray, RecordBatch, StringArray};
use veil_ingest::{IngestError, read_staff_roster};
use veil_pipeline::{CanonicalColumn as C, Pipeline, Role, Treatment};
use veil_scrub::{Category, RosterBuilder};

/// Names seen in roster columns, with their categories.
#[derive(Debug, Default)]
pub(crate) struct RosterNames {
    names: BTreeSet<(String, Category)>,
}

impl RosterNames {
    /// Adds the names of every roster column of `batch`. Sender and
    /// recipient names get the category of their role.
    pub fn collect(&mut self, pipeline: &Pipeline, batch: &RecordBatch) {
        let roster = |c: C| pipeline.treatment(c) == Some(Treatment::Roster);
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .map(|a| a.as_string::<i32>().clone())
        };
        let first = column("patient_first_name").filter(|_| roster(C::PatientFirstName));
        let last = column("patient_last_name").filter(|_| roster(C::PatientLastName));
        for row in 0..batch.num_rows() {
            let value = |a: &Option<StringArray>| {
                a.as_ref()
                    .filter(|a| !a.is_null(row))
                    .map(|a| a.value(row).to_string())
            };
            let (f, l) = (value(&first), value(&last));
            match (&f, &l) {
                (Some(f), Some(l)) => self.add(format!("{f} {l}"), Category::PatientName),
                (Some(n), None) | (None, Some(n)) => self.add(n.clone(), Category::PatientName),
                (None, None) => {}
            }
        }
        for (name_column, role_column, treated) in [
            ("sender_name", "sender_role", C::SenderName),
            ("recipient_name", "recipient_role", C::RecipientName),
        ] {
            if !roster(treated) {
                continue;
            }
            let (Some(names), roles) = (column(name_column), column(role_column)) else {
                continue;
            };
            for row in 0..batch.num_rows() {
                if names.is_null(row) {
                    continue;
                }
                let role = roles
                    .as_ref()
                    .filter(|r| !r.is_null(row))
                    .map(|r| r.value(row));
                let category = match role {
                    Some("patient") => Category::PatientName,
                    Some("clinician") => Category::ClinicianName,
                    _ => Category::OtherName,
                };
                self.add(names.value(row).to_string(), category);
            }
        }
    }

    /// Adds every name of the pipeline's staff roster files.
    pub fn add_staff_rosters(&mut self, pipeline: &Pipeline) -> Result<(), IngestError> {
        for roster in &pipeline.staff_rosters {
            let category = match roster.role {
                Role::Clinician => Category::ClinicianName,
                _ => Category::OtherName,
            };
            let path = pipeline.resolve(&roster.path);
            for staff in read_staff_roster(
                &path,
                &roster.column,
                roster.delimiter as u8,
                roster.encoding,
            )? {
                self.add(staff.name, category);
            }
        }
        Ok(())
    }

    /// Every collected name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(name, _)| name.as_str())
    }

    fn add(&mut self, name: String, category: Category) {
        if !name.trim().is_empty() {
            self.names.insert((name, category));
        }
    }

    /// How many distinct names were collected.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The roster builder with every name.
    pub fn builder(&self) -> RosterBuilder {
        let mut builder = RosterBuilder::new();
        for (name, category) in &self.names {
            builder.add_name(name, *category);
        }
        builder
    }
}
