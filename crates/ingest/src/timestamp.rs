//! Local timestamps to UTC plus offset.
//!
//! - A format with `%z`/`%:z`/`%#z` takes the offset from the value; the
//!   time zone is not used.
//! - The format `rfc3339` (the default) reads RFC 3339 / ISO 8601
//!   date-times as FHIR writes them: with an offset or `Z` the value's
//!   offset is used; without one the time is local in the source's zone;
//!   a plain date (`2025-03-12`) is local midnight.
//! - Local times are read in the source's IANA zone. A local time in the
//!   autumn fold (it happens twice) is read as its earlier occurrence, i.e.
//!   with the summer (larger) offset. A local time in the spring gap does
//!   not exist: the row is quarantined (`nonexistent_local_time`) rather
//!   than shifted, because shifting would invent a time the export never
//!   said.

use chrono::format::{Item, Parsed, StrftimeItems};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Rfc3339,
    WithOffset,
    DateTime,
    Date,
}

/// Parses timestamps of one source.
#[derive(Debug, Clone)]
pub(crate) struct TimestampParser {
    /// The format, parsed once (an invalid format matches nothing).
    items: Vec<Item<'static>>,
    zone: Tz,
    mode: Mode,
}

impl TimestampParser {
    pub fn new(format: &str, zone: Tz) -> TimestampParser {
        let has_offset = format.contains("%z") || format.contains("%:z") || format.contains("%#z");
        let has_time = ["%H", "%I", "%T", "%R", "%k", "%l", "%+", "%s"]
            .iter()
            .any(|f| format.contains(f));
        let mode =
            if format.eq_ignore_ascii_case("rfc3339") || format.eq_ignore_ascii_case("iso8601") {
                Mode::Rfc3339
            } else if has_offset {
                Mode::WithOffset
            } else if has_time {
                Mode::DateTime
            } else {
                Mode::Date
            };
        TimestampParser {
            items: StrftimeItems::new(format)
                .parse_to_owned()
                .unwrap_or_else(|_| vec![Item::Error]),
            zone,
            mode,
        }
    }

    /// Parses `text` (see the module docs for folds and gaps).
    pub fn parse(&self, text: &str) -> Result<Instant, TimestampError> {
        let text = text.trim();
        match self.mode {
            Mode::WithOffset => {
                let dt = self
                    .fields(text)?
                    .to_datetime()
                    .map_err(|_| TimestampError::Format)?;
                Ok(fixed(dt))
            }
            Mode::DateTime => self.local(
                self.fields(text)?
                    .to_naive_datetime_with_offset(0)
                    .map_err(|_| TimestampError::Format)?,
            ),
            Mode::Date => self.local(midnight(
                self.fields(text)?
                    .to_naive_date()
                    .map_err(|_| TimestampError::Format)?,
            )),
            Mode::Rfc3339 => {
                if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
                    return Ok(fixed(dt));
                }
                if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
                    return self.local(naive);
                }
                if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
                    return self.local(naive);
                }
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| TimestampError::Format)?;
                self.local(midnight(date))
            }
        }
    }

    /// `text` parsed with the source's format.
    fn fields(&self, text: &str) -> Result<Parsed, TimestampError> {
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, text, self.items.iter())
            .map_err(|_| TimestampError::Format)?;
        Ok(parsed)
    }

    fn local(&self, naive: NaiveDateTime) -> Result<Instant, TimestampError> {
        let local = match self.zone.from_local_datetime(&naive) {
            LocalResult::Single(dt) => dt,
            LocalResult::Ambiguous(earlier, _) => earlier,
            LocalResult::None => return Err(TimestampError::Gap),
        };
        Ok(Instant {
            utc_micros: local.timestamp_micros(),
            offset_minutes: local.offset().fix().local_minus_utc() / 60,
        })
    }
}

fn fixed(dt: DateTime<chrono::FixedOffset>) -> Instant {
    Instant {
        utc_micros: dt.timestamp_micros(),
        offset_minutes: dt.offset().local_minus_utc() / 60,
    }
}

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(0, 0, 0).unwrap_or_default()
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
    fn spring_gap_is_refused_and_autumn_fold_takes_the_earlier() {
        let p = berlin("%d.%m.%Y %H:%M");
        assert_eq!(p.parse("30.03.2025 02:30"), Err(TimestampError::Gap));
        assert_eq!(p.parse("30.03.2025 03:00").unwrap().offset_minutes, 120);
        let fold = p.parse("26.10.2025 02:30").unwrap();
        assert_eq!(
            fold.offset_minutes, 120,
            "first occurrence is still summer time"
        );
        let after = p.parse("26.10.2025 03:30").unwrap();
        assert_eq!(after.utc_micros - fold.utc_micros, 2 * 3_600_000_000);
        let amsterdam = TimestampParser::new("%Y-%m-%d %H:%M", "Europe/Amsterdam".parse().unwrap());
        assert_eq!(
            amsterdam.parse("2025-10-26 02:59").unwrap().offset_minutes,
            120
        );
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

    #[test]
    fn rfc3339_with_offset_zulu_local_and_date() {
        let p = berlin("rfc3339");
        let with = p.parse("2025-03-12T14:30:00+01:00").unwrap();
        assert_eq!(with.utc_micros, 1_741_786_200_000_000);
        let zulu = p.parse("2025-03-12T13:30:00.000Z").unwrap();
        assert_eq!((zulu.utc_micros, zulu.offset_minutes), (with.utc_micros, 0));
        let local = p.parse("2025-03-12T14:30:00").unwrap();
        assert_eq!(
            (local.utc_micros, local.offset_minutes),
            (with.utc_micros, 60)
        );
        assert_eq!(
            p.parse("2025-03-12").unwrap().utc_micros,
            1_741_734_000_000_000
        );
        assert_eq!(p.parse("2025-03"), Err(TimestampError::Format));
        assert_eq!(p.parse("2025-03-30T02:30:00"), Err(TimestampError::Gap));
    }
}
