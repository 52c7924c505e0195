//! Generalisation of birth dates: to a birth year or an age band at a
//! reference date (the patient's first message), with ages of 90 and over
//! top-coded, as HIPAA Safe Harbor and most ethics boards ask.

use std::fmt;

/// Ages at or above this are reported only as `90+`, and the birth year of
/// such a patient is not released.
pub const TOP_CODED_AGE: u32 = 90;

/// A calendar date (proleptic Gregorian), enough for ages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    /// Year, e.g. 1978.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day of month, 1-31.
    pub day: u32,
}

impl Ymd {
    /// A checked date: month 1-12, day valid for that month.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Ymd { year, month, day })
    }

    /// The UTC calendar date of a Unix timestamp in microseconds.
    pub fn from_unix_micros(micros: i64) -> Ymd {
        let days = micros.div_euclid(86_400_000_000);
        civil_from_days(days)
    }

    /// Parses a birth date as exports write it: `YYYY-MM-DD` (ISO, also
    /// with a time after it), `DD.MM.YYYY`, `DD-MM-YYYY` or `DD/MM/YYYY`
    /// (day first, as in German and Dutch exports). US month-first dates
    /// are ambiguous and must be converted to ISO before ingest.
    pub fn parse(text: &str) -> Option<Ymd> {
        let text = text.trim();
        let date = text.split(['T', ' ']).next().unwrap_or(text);
        let parts: Vec<&str> = date.split(['-', '.', '/']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let n = |s: &str| s.parse::<u32>().ok();
        if parts[0].len() == 4 {
            Ymd::new(n(parts[0])? as i32, n(parts[1])?, n(parts[2])?)
        } else if parts[2].len() == 4 {
            Ymd::new(n(parts[2])? as i32, n(parts[1])?, n(parts[0])?)
        } else {
            None
        }
    }

    /// Completed years of life on `at` for someone born on `self`
    /// (`None` when `at` is before the birth).
    pub fn age_on(self, at: Ymd) -> Option<u32> {
        let mut years = at.year - self.year;
        if (at.month, at.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Ymd { year, month, day }
}

/// What a birth date becomes in a release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BirthPolicy {
    /// The birth year; patients 90 or older at the reference date get no
    /// year, only the band `90+`.
    #[default]
    Year,
    /// An age band of `width` years at the reference date (`30-39`), top-coded `90+`.
    AgeBand {
        /// Years per band (1-30).
        width: u32,
    },
}

/// A generalised birth date.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Generalized {
    /// The birth year, when the policy releases it and the patient is under 90.
    pub birth_year: Option<i32>,
    /// The age band at the reference date: `90+` for top-coded patients,
    /// else the band under [`BirthPolicy::AgeBand`] and `None` under `Year`.
    pub age_band: Option<String>,
}

impl fmt::Display for Generalized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.birth_year, &self.age_band) {
            (Some(y), _) => write!(f, "{y}"),
            (None, Some(b)) => write!(f, "{b}"),
            (None, None) => write!(f, "unknown"),
        }
    }
}

/// Generalises `birth` as of `at` (the first message) under `policy`.
/// A birth after `at` gives neither year nor band.
pub fn generalize_birth(birth: Ymd, at: Ymd, policy: BirthPolicy) -> Generalized {
    let Some(age) = birth.age_on(at) else {
        return Generalized {
            birth_year: None,
            age_band: None,
        };
    };
    if age >= TOP_CODED_AGE {
        return Generalized {
            birth_year: None,
            age_band: Some(format!("{TOP_CODED_AGE}+")),
        };
    }
    match policy {
        BirthPolicy::Year => Generalized {
            birth_year: Some(birth.year),
            age_band: None,
        },
        BirthPolicy::AgeBand { width } => Generalized {
            birth_year: None,
            age_band: Some(age_band(age, width)),
        },
    }
}

/// The band of `age` in bands of `width` years from 0 (`30-39` for width
/// 10), top-coded at 90 (`90+`); the last band below 90 ends at 89.
pub fn age_band(age: u32, width: u32) -> String {
    if age >= TOP_CODED_AGE {
        return format!("{TOP_CODED_AGE}+");
    }
    let width = width.max(1);
    let low = age / width * width;
    let high = (low + width - 1).min(TOP_CODED_AGE - 1);
    if low == high {
        format!("{low}")
    } else {
        format!("{low}-{high}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Ymd {
        Ymd::new(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_and_day_first_dates_and_refuses_others() {
        assert_eq!(Ymd::parse("1978-05-14"), Some(d(1978, 5, 14)));
        assert_eq!(Ymd::parse("14.05.1978"), Some(d(1978, 5, 14)));
        assert_eq!(Ymd::parse(" 14/05/1978 "), Some(d(1978, 5, 14)));
        assert_eq!(Ymd::parse("1978-05-14T00:00:00Z"), Some(d(1978, 5, 14)));
        assert_eq!(Ymd::parse("31.02.1978"), None);
        assert_eq!(Ymd::parse("1978"), None);
        assert_eq!(Ymd::parse("14.05.78"), None);
        assert_eq!(Ymd::parse("ab.cd.efgh"), None);
        assert_eq!(Ymd::parse("29.02.2000"), Some(d(2000, 2, 29)));
        assert_eq!(Ymd::parse("29.02.1900"), None);
    }

    #[test]
    fn ages_count_completed_years() {
        let birth = d(1978, 5, 14);
        assert_eq!(birth.age_on(d(2025, 5, 13)), Some(46));
        assert_eq!(birth.age_on(d(2025, 5, 14)), Some(47));
        assert_eq!(birth.age_on(d(1978, 5, 13)), None);
    }

    #[test]
    fn unix_days_become_civil_dates() {
        assert_eq!(Ymd::from_unix_micros(0), d(1970, 1, 1));
        // 2025-03-12 13:30 UTC
        assert_eq!(Ymd::from_unix_micros(1_741_786_200_000_000), d(2025, 3, 12));
        assert_eq!(Ymd::from_unix_micros(-1), d(1969, 12, 31));
        assert_eq!(
            Ymd::from_unix_micros(951_782_400_000_000),
            d(2000, 2, 29),
            "leap day"
        );
    }

    #[test]
    fn bands_and_top_coding() {
        assert_eq!(age_band(47, 10), "40-49");
        assert_eq!(age_band(0, 5), "0-4");
        assert_eq!(age_band(89, 10), "80-89");
        assert_eq!(age_band(87, 7), "84-89", "the last band stops at 89");
        assert_eq!(age_band(90, 10), "90+");
        assert_eq!(age_band(104, 5), "90+");
        assert_eq!(age_band(33, 1), "33");
    }

    #[test]
    fn birth_years_of_the_very_old_are_not_released() {
        let at = d(2025, 2, 4);
        let young = generalize_birth(d(1978, 5, 14), at, BirthPolicy::Year);
        assert_eq!(young.birth_year, Some(1978));
        assert_eq!(young.age_band, None);
        let old = generalize_birth(d(1934, 1, 1), at, BirthPolicy::Year);
        assert_eq!(old.birth_year, None);
        assert_eq!(old.age_band.as_deref(), Some("90+"));
        let almost = generalize_birth(d(1935, 2, 5), at, BirthPolicy::Year);
        assert_eq!(almost.birth_year, Some(1935), "89 on the reference date");
        let band = generalize_birth(d(1978, 5, 14), at, BirthPolicy::AgeBand { width: 10 });
        assert_eq!(band.birth_year, None);
        assert_eq!(band.age_band.as_deref(), Some("40-49"));
        assert_eq!(band.to_string(), "40-49");
        let future = generalize_birth(d(2030, 1, 1), at, BirthPolicy::Year);
        assert_eq!(future.to_string(), "unknown");
    }
}
