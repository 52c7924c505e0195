//! Per-patient date shifts derived from the key.

use crate::key::Key;

/// Microseconds in one day.
pub const MICROS_PER_DAY: i64 = 86_400_000_000;

/// Label that starts the HMAC input of a shift, apart from pseudonyms.
const LABEL: &[u8] = b"veil/date-shift/v1";

/// How far back a patient's dates move.
///
/// Every timestamp of one patient moves back by the same whole number of
/// days, between `min_days` and `max_days`, chosen by the key: intervals
/// between that patient's events and the time of day stay true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftPolicy {
    /// Smallest shift in days (at least 1).
    pub min_days: u32,
    /// Largest shift in days.
    pub max_days: u32,
    /// Shift by whole weeks only, so weekdays survive.
    pub whole_weeks: bool,
}

impl Default for ShiftPolicy {
    fn default() -> Self {
        ShiftPolicy {
            min_days: 1,
            max_days: 365,
            whole_weeks: false,
        }
    }
}

impl Key {
    /// The shift, in days (always negative), of every date of the patient
    /// `patient_id` at `site` (pass an empty site when patients link across
    /// sites).
    pub fn shift_days(&self, site: &str, patient_id: &str, policy: &ShiftPolicy) -> i32 {
        let digest = self.mac_of(&[LABEL, site.as_bytes(), patient_id.as_bytes()]);
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        let draw = u64::from_be_bytes(first);
        let min = policy.min_days.max(1);
        let max = policy.max_days.max(min);
        let days = if policy.whole_weeks {
            let min_weeks = min.div_ceil(7).max(1);
            let max_weeks = (max / 7).max(min_weeks);
            let span = u64::from(max_weeks - min_weeks + 1);
            7 * (u64::from(min_weeks) + draw % span)
        } else {
            let span = u64::from(max - min + 1);
            u64::from(min) + draw % span
        };
        -(days as i32)
    }
}

/// Moves a timestamp in microseconds by whole `days`; time of day is kept.
pub fn shift_micros(micros: i64, days: i32) -> i64 {
    micros + i64::from(days) * MICROS_PER_DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_bytes(vec![7; 32]).unwrap()
    }

    #[test]
    fn shift_is_stable_per_patient_and_within_range() {
        let k = key();
        let policy = ShiftPolicy {
            min_days: 30,
            max_days: 60,
            whole_weeks: false,
        };
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..500 {
            let id = format!("P{i}");
            let d = k.shift_days("s", &id, &policy);
            assert_eq!(d, k.shift_days("s", &id, &policy));
            assert!((-60..=-30).contains(&d), "{d}");
            seen.insert(d);
        }
        assert_eq!(seen.len(), 31, "every day in the range is used");
    }

    #[test]
    fn whole_weeks_keep_the_weekday() {
        let k = key();
        let policy = ShiftPolicy {
            whole_weeks: true,
            ..ShiftPolicy::default()
        };
        for i in 0..200 {
            let d = k.shift_days("s", &format!("P{i}"), &policy);
            assert_eq!(d % 7, 0);
            assert!((-364..=-7).contains(&d), "{d}");
        }
    }

    #[test]
    fn shift_keeps_time_of_day() {
        let t = 1_741_786_200_000_000; // 2025-03-12 13:30 UTC
        let s = shift_micros(t, -40);
        assert_eq!(t.rem_euclid(MICROS_PER_DAY), s.rem_euclid(MICROS_PER_DAY));
        assert_eq!(t - s, 40 * MICROS_PER_DAY);
    }

    #[test]
    fn different_patients_usually_get_different_shifts() {
        let k = key();
        let p = ShiftPolicy::default();
        let distinct: std::collections::BTreeSet<i32> = (0..50)
            .map(|i| k.shift_days("s", &format!("P{i}"), &p))
            .collect();
        assert!(distinct.len() > 40);
    }
}
