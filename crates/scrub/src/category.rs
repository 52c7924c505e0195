//! What kind of protected information a finding is.

use std::fmt;

/// A category of protected information. The order is the priority when two
/// findings cover the same text: earlier variants win.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// The patient's own name.
    PatientName,
    /// A clinician's name.
    ClinicianName,
    /// Any other person: relatives, proxies, other staff, unknown names.
    OtherName,
    /// A day or month element of a date, in any written form.
    Date,
    /// An age of 90 or more.
    AgeOver89,
    /// A telephone or fax number.
    Phone,
    /// An e-mail address.
    Email,
    /// A web address.
    Url,
    /// A street and house number.
    StreetAddress,
    /// A postal code.
    Postcode,
    /// A city or town.
    City,
    /// An identifying number: BSN, health-insurance number, record number.
    IdNumber,
    /// A bank account number (IBAN).
    Iban,
    /// A hospital, practice or other institution.
    Institution,
}

impl Category {
    /// Whether this is a person's name (patient, clinician or other).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Category::PatientName | Category::ClinicianName | Category::OtherName
        )
    }

    /// Every category, in priority order.
    pub const ALL: [Category; 14] = [
        Category::PatientName,
        Category::ClinicianName,
        Category::OtherName,
        Category::Date,
        Category::AgeOver89,
        Category::Phone,
        Category::Email,
        Category::Url,
        Category::StreetAddress,
        Category::Postcode,
        Category::City,
        Category::IdNumber,
        Category::Iban,
        Category::Institution,
    ];

    /// The upper-case name used in gold files, audits and findings
    /// (`PATIENT_NAME`, `DATE`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PatientName => "PATIENT_NAME",
            Category::ClinicianName => "CLINICIAN_NAME",
            Category::OtherName => "OTHER_NAME",
            Category::Date => "DATE",
            Category::AgeOver89 => "AGE_OVER_89",
            Category::Phone => "PHONE",
            Category::Email => "EMAIL",
            Category::Url => "URL",
            Category::StreetAddress => "STREET_ADDRESS",
            Category::Postcode => "POSTCODE",
            Category::City => "CITY",
            Category::IdNumber => "ID_NUMBER",
            Category::Iban => "IBAN",
            Category::Institution => "INSTITUTION",
        }
    }

    /// The tag that replaces a finding of this category by default.
    pub fn tag(self) -> &'static str {
        match self {
            Category::PatientName => "[PATIENT]",
            Category::ClinicianName => "[CLINICIAN]",
            Category::OtherName => "[NAME]",
            Category::Date => "[DATE]",
            Category::AgeOver89 => "[AGE]",
            Category::Phone => "[PHONE]",
            Category::Email => "[EMAIL]",
            Category::Url => "[URL]",
            Category::StreetAddress => "[ADDRESS]",
            Category::Postcode => "[POSTCODE]",
            Category::City => "[CITY]",
            Category::IdNumber => "[ID]",
            Category::Iban => "[IBAN]",
            Category::Institution => "[INSTITUTION]",
        }
    }

    /// Parses the upper-case name (`PATIENT_NAME`).
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_tags_are_distinct() {
        let mut tags = std::collections::BTreeSet::new();
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert!(tags.insert(c.tag()), "duplicate tag {}", c.tag());
        }
    }
}
