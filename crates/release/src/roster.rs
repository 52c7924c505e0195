//! Collecting the export's own names into the scrubber's roster.

use std::collections::HashMap;

use arrow::array::{Array, AsArray, RecordBatch, StringArray};
use veil_ingest::{IngestError, read_staff_roster};
use veil_pipeline::{CanonicalColumn as C, Pipeline, Role, Treatment};
use veil_scrub::{Category, RosterBuilder};

/// The columns [`RosterNames::collect`] reads.
pub(crate) const ROSTER_COLUMNS: [C; 6] = [
    C::PatientFirstName,
    C::PatientLastName,
    C::SenderName,
    C::SenderRole,
    C::RecipientName,
    C::RecipientRole,
];

/// Names seen in roster columns, with their categories (a name is
/// allocated once, however often it is seen).
#[derive(Debug, Default)]
pub(crate) struct RosterNames {
    names: HashMap<String, Vec<Category>>,
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
        let mut full = String::new();
        for row in 0..batch.num_rows() {
            fn value(a: &Option<StringArray>, row: usize) -> Option<&str> {
                a.as_ref().filter(|a| !a.is_null(row)).map(|a| a.value(row))
            }
            match (value(&first, row), value(&last, row)) {
                (Some(f), Some(l)) => {
                    full.clear();
                    full.push_str(f);
                    full.push(' ');
                    full.push_str(l);
                    self.add(&full, Category::PatientName);
                }
                (Some(n), None) | (None, Some(n)) => self.add(n, Category::PatientName),
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
                self.add(names.value(row), category);
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
                self.add(&staff.name, category);
            }
        }
        Ok(())
    }

    /// Every collected name with its category, sorted (a name seen in two
    /// categories comes twice).
    fn sorted(&self) -> Vec<(&str, Category)> {
        let mut all: Vec<(&str, Category)> = self
            .names
            .iter()
            .flat_map(|(name, categories)| categories.iter().map(|c| (name.as_str(), *c)))
            .collect();
        all.sort_unstable();
        all
    }

    /// Every collected name, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sorted().into_iter().map(|(name, _)| name)
    }

    fn add(&mut self, name: &str, category: Category) {
        if name.trim().is_empty() {
            return;
        }
        match self.names.get_mut(name) {
            Some(categories) => {
                if !categories.contains(&category) {
                    categories.push(category);
                }
            }
            None => {
                self.names.insert(name.to_string(), vec![category]);
            }
        }
    }

    /// How many distinct names (and categories) were collected.
    pub fn len(&self) -> usize {
        self.names.values().map(Vec::len).sum()
    }

    /// The roster builder with every name.
    pub fn builder(&self) -> RosterBuilder {
        let mut builder = RosterBuilder::new();
        for (name, category) in self.sorted() {
            builder.add_name(name, category);
        }
        builder
    }
}
