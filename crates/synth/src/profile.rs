//! The three study profiles, their files and their size at scale 1.

use std::fmt;
use std::str::FromStr;

use crate::error::SynthError;
use crate::sink::Encoding;

/// A study profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// German psychiatric outpatient clinics (Brandenburg), with logins.
    GermanPsychiatry,
    /// Dutch hospital, 25 outpatient clinics, 16 months.
    DutchOutpatient,
    /// US cardiopulmonary chronic care with proxy senders.
    UsChronicCare,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 3] = [
        Profile::GermanPsychiatry,
        Profile::DutchOutpatient,
        Profile::UsChronicCare,
    ];

    /// The profile's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Profile::GermanPsychiatry => "german-psychiatry",
            Profile::DutchOutpatient => "dutch-outpatient",
            Profile::UsChronicCare => "us-chronic-care",
        }
    }

    /// File name of the message export.
    pub fn export_file(self) -> &'static str {
        match self {
            Profile::GermanPsychiatry => "nachrichten.csv",
            Profile::DutchOutpatient => "berichten.csv",
            Profile::UsChronicCare => "messages.csv",
        }
    }

    /// File name of the login export, where the profile has one.
    pub fn logins_file(self) -> Option<&'static str> {
        match self {
            Profile::GermanPsychiatry => Some("anmeldungen.csv"),
            _ => None,
        }
    }

    /// File name of the staff roster: the names of the site's clinicians
    /// and staff, one per row under a `Name` header.
    pub fn staff_roster_file(self) -> &'static str {
        match self {
            Profile::GermanPsychiatry => "personal.csv",
            Profile::DutchOutpatient => "medewerkers.csv",
            Profile::UsChronicCare => "staff.csv",
        }
    }

    /// Field delimiter of the export.
    pub fn delimiter(self) -> u8 {
        match self {
            Profile::GermanPsychiatry | Profile::DutchOutpatient => b';',
            Profile::UsChronicCare => b',',
        }
    }

    /// Character encoding of the export.
    pub fn encoding(self) -> Encoding {
        match self {
            Profile::DutchOutpatient => Encoding::Windows1252,
            _ => Encoding::Utf8,
        }
    }

    /// Language of the messages.
    pub fn language(self) -> &'static str {
        match self {
            Profile::GermanPsychiatry => "de",
            Profile::DutchOutpatient => "nl",
            Profile::UsChronicCare => "en",
        }
    }

    /// Messages at scale 1 (approximate for the US profile).
    pub fn base_messages(self) -> u64 {
        match self {
            Profile::GermanPsychiatry => 274,
            Profile::DutchOutpatient => crate::dutch::base_total(),
            Profile::UsChronicCare => crate::us::BASE_MESSAGES,
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = SynthError;

    fn from_str(s: &str) -> Result<Profile, SynthError> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| SynthError::UnknownProfile(s.to_string()))
    }
}
