//! Local times of the three sites: daylight-saving rules of the EU
//! (Europe/Berlin, Europe/Amsterdam) and the US (America/New_York), written
//! out so that timestamps never fall into a gap and the UTC offset written
//! to gold is the one a reader with the IANA database finds.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// The time-zone rules of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Central European Time (+01:00, summer +02:00): Berlin, Amsterdam.
    CentralEurope,
    /// US Eastern Time (-05:00, summer -04:00): New York, Boston.
    UsEastern,
}

/// The `n`-th Sunday (1-based) of a month.
fn nth_sunday(year: i32, month: u32, n: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let to_sunday = (7 - first.weekday().num_days_from_sunday()) % 7;
    first + Duration::days(i64::from(to_sunday + 7 * (n - 1)))
}

/// The last Sunday of a month (March and October have 31 days).
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("month with 31 days");
    last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
}

impl Zone {
    /// Standard offset in minutes.
    fn standard(self) -> i32 {
        match self {
            Zone::CentralEurope => 60,
            Zone::UsEastern => -300,
        }
    }

    /// The day and local hour at which summer time starts (the hour that
    /// does not exist), and the day and local hour whose times happen twice.
    fn transitions(self, year: i32) -> ((NaiveDate, u32), (NaiveDate, u32)) {
        match self {
            Zone::CentralEurope => ((last_sunday(year, 3), 2), (last_sunday(year, 10), 2)),
            Zone::UsEastern => ((nth_sunday(year, 3, 2), 2), (nth_sunday(year, 11, 1), 1)),
        }
    }

    /// Moves a local time out of the spring-forward gap (by one hour) so
    /// that it exists.
    pub fn existing(self, local: NaiveDateTime) -> NaiveDateTime {
        let ((gap_day, gap_hour), _) = self.transitions(local.year());
        if local.date() == gap_day && local.hour() == gap_hour {
            local + Duration::hours(1)
        } else {
            local
        }
    }

    /// Offset from UTC in minutes of an existing local time; a time that
    /// happens twice is read as its first occurrence (summer time).
    pub fn offset_minutes(self, local: NaiveDateTime) -> i32 {
        let ((start_day, start_hour), (end_day, end_hour)) = self.transitions(local.year());
        let date = local.date();
        let hour = local.hour();
        let after_start = date > start_day || (date == start_day && hour > start_hour);
        let before_end = date < end_day || (date == end_day && hour <= end_hour);
        if after_start && before_end {
            self.standard() + 60
        } else {
            self.standard()
        }
    }

    /// RFC 3339 local time with offset, e.g. `2025-03-04T10:15:00+01:00`.
    pub fn rfc3339(self, local: NaiveDateTime) -> String {
        let offset = self.offset_minutes(local);
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second(),
            sign,
            abs / 60,
            abs % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn transition_days_of_several_years() {
        assert_eq!(
            last_sunday(2024, 3),
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        );
        assert_eq!(
            last_sunday(2025, 10),
            NaiveDate::from_ymd_opt(2025, 10, 26).unwrap()
        );
        assert_eq!(
            nth_sunday(2024, 3, 2),
            NaiveDate::from_ymd_opt(2024, 3, 10).unwrap()
        );
        assert_eq!(
            nth_sunday(2025, 11, 1),
            NaiveDate::from_ymd_opt(2025, 11, 2).unwrap()
        );
        assert_eq!(
            nth_sunday(2026, 3, 2),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        );
    }

    #[test]
    fn central_europe_2025() {
        let z = Zone::CentralEurope;
        assert_eq!(
            z.rfc3339(at(2025, 3, 4, 10, 15)),
            "2025-03-04T10:15:00+01:00"
        );
        assert_eq!(z.offset_minutes(at(2025, 3, 30, 1, 59)), 60);
        assert_eq!(z.existing(at(2025, 3, 30, 2, 30)), at(2025, 3, 30, 3, 30));
        assert_eq!(z.offset_minutes(at(2025, 3, 30, 3, 30)), 120);
        assert_eq!(z.offset_minutes(at(2025, 10, 26, 2, 30)), 120);
        assert_eq!(z.offset_minutes(at(2025, 10, 26, 3, 0)), 60);
    }

    #[test]
    fn us_eastern_2025() {
        let z = Zone::UsEastern;
        assert_eq!(z.offset_minutes(at(2025, 1, 10, 9, 0)), -300);
        assert_eq!(z.existing(at(2025, 3, 9, 2, 10)), at(2025, 3, 9, 3, 10));
        assert_eq!(
            z.rfc3339(at(2025, 7, 1, 15, 5)),
            "2025-07-01T15:05:00-04:00"
        );
        assert_eq!(z.offset_minutes(at(2025, 11, 2, 1, 30)), -240);
        assert_eq!(z.offset_minutes(at(2025, 11, 2, 2, 0)), -300);
    }
}
