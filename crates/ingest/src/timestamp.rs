//! Local timestamps to UTC plus offset.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A parsed timestamp: microseconds since the epoch (UTC) and the local
/// offset from UTC in minutes at that instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Instant {
    pub utc_micros: i64,
    pub offset_minutes: i32,
}

/// Why a timestamp could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TimestampError {
    /// The text does not match the format.
    Format,
    /// The local time falls into a daylight-saving gap.
    Gap,
}

/// Parses timestamps of one source.
#[derive(Debug, Clone)]
pub(crate) struct TimestampParser {
    format: String,
    zone: Tz,
    has_offset: bool,
    has_time: bool,
}

impl TimestampParser {
    pub fn new(format: &str, zone: Tz) -> TimestampParser {
        TimestampParser {
            format: format.to_string(),
            zone,
            has_offset: format.contains("%z") || format.contains("%:z") || format.contains("%#z"),
            has_time: ["%H", "%I", "%T", "%R", "%k", "%l", "%+", "%s"]
                .iter()
                .any(|f| format.contains(f)),
        }
    }

    /// Parses `text`. A local time in the autumn fold (it happens twice) is
    /// read as its first occurrence; one in the spring gap is an error.
    pub fn parse(&self, text: &str) -> Result<Instant, TimestampError> {
        let text = text.trim();
        if self.has_offset {
            let dt =
                DateTime::parse_from_str(text, &self.format).map_err(|_| TimestampError::Format)?;
            return Ok(Instant {
                utc_micros: dt.timestamp_micros(),
                offset_minutes: dt.offset().local_minus_utc() / 60,
            });
        }
        let naive = if self.has_time {
            NaiveDateTime::parse_from_str(text, &self.format).map_err(|_| TimestampError::Format)?
        } else {
            NaiveDate::parse_from_str(text, &self.format)
                .map_err(|_| TimestampError::Format)?
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
        };
        let local = match self.zone.from_local_datetime(&naive) {
            LocalResult::Single(dt) => dt,
            LocalResult::Ambiguous(first, _) => first,
            LocalResult::None => return Err(TimestampError::Gap),
        };
        Ok(Instant {
            utc_micros: local.timestamp_micros(),
            offset_minutes: local.offset().fix().local_minus_utc() / 60,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin(format: &str) -> TimestampParser {
        TimestampParser::new(format, "Europe/Berlin".parse().unwrap())
    }

    #[test]
    fn winter_and_summer_offsets() {
        let p = berlin("%d.%m.%Y %H:%M");
        let winter = p.parse("12.03.2025 14:30").unwrap();
        assert_eq!(winter.offset_minutes, 60);
        assert_eq!(winter.utc_micros, 1_741_786_200_000_000);
        assert_eq!(p.parse("12.07.2025 14:30").unwrap().offset_minutes, 120);
    }

    #[test]
    fn spring_gap_is_refused_and_autumn_fold_takes_the_first() {
        let p = berlin("%d.%m.%Y %H:%M");
        assert_eq!(p.parse("30.03.2025 02:30"), Err(TimestampError::Gap));
        let fold = p.parse("26.10.2025 02:30").unwrap();
        assert_eq!(
            fold.offset_minutes, 120,
            "first occurrence is still summer time"
        );
        let after = p.parse("26.10.2025 03:30").unwrap();
        assert_eq!(after.utc_micros - fold.utc_micros, 2 * 3_600_000_000);
    }

    #[test]
    fn impossible_dates_and_other_formats() {
        let p = berlin("%d.%m.%Y %H:%M");
        assert_eq!(p.parse("31.02.2025 10:00"), Err(TimestampError::Format));
        assert_eq!(p.parse("gestern"), Err(TimestampError::Format));
        let iso = berlin("%Y-%m-%dT%H:%M:%S%:z")
            .parse("2025-03-12T14:30:00+01:00")
            .unwrap();
        assert_eq!(iso.utc_micros, 1_741_786_200_000_000);
        let date_only = berlin("%d.%m.%Y").parse("12.03.2025").unwrap();
        assert_eq!(date_only.offset_minutes, 60);
    }
}
