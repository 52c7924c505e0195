//! Local timestamps to UTC plus offset.
//!
//! - A format with `%z`/`%:z`/`%#z` takes the offset from the value; the
//!   time zone is not used.
//! - The format `rfc3339` (the default) reads RFC 3339 / ISO 8601
//!   date-times as FHIR writes them: with an offset or `Z` the value's
//!   offset is used; without one the time is local in the source's zone
//!   (a space for the `T`, as database dumps write it, reads the same);
//!   a plain date (`2025-03-12`) is local midnight.
//! - Local times are read in the source's IANA zone. A local time in the
//!   autumn fold (it happens twice) is read as its earlier occurrence, i.e.
//!   with the summer (larger) offset. A local time in the spring gap does
//!   not exist: the row is quarantined (`nonexistent_local_time`) rather
//!   than shifted, because shifting would invent a time the export never
//!   said.
//!
//! A format made only of zero-padded numbers (`%d %m %Y %H %M %S`),
//! literals and spaces, such as `%d.%m.%Y %H:%M`, is read by a fixed-width
//! fast path first; whatever it does not read exactly (another width, extra
//! spaces, an impossible date) goes to chrono, so the result is chrono's.

use chrono::format::{Item, Numeric, Parsed, StrftimeItems};
use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike,
};
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
    /// Whole units since 1970-01-01 UTC, each this many microseconds.
    Unix(i64),
}

/// The formats of Unix time: seconds or milliseconds since 1970-01-01 UTC,
/// as JSON exports write timestamps.
const UNIX_FORMATS: [(&str, i64); 4] = [
    ("unix", 1_000_000),
    ("epoch", 1_000_000),
    ("unix_ms", 1_000),
    ("epoch_ms", 1_000),
];

/// The unit of `format` in microseconds if it is a Unix time format.
fn unix_unit(format: &str) -> Option<i64> {
    UNIX_FORMATS
        .iter()
        .find(|(name, _)| format.eq_ignore_ascii_case(name))
        .map(|(_, unit)| *unit)
}

/// A date or time field the fast path reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// One piece of a fixed-width format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Exactly this many ASCII digits.
    Number(Field, usize),
    /// Exactly these bytes.
    Literal(Box<[u8]>),
    /// Exactly one ASCII space (chrono takes any whitespace; other
    /// spacing goes to chrono).
    Space,
}

/// Parses timestamps of one source.
#[derive(Debug, Clone)]
pub(crate) struct TimestampParser {
    /// The format, parsed once (an invalid format matches nothing).
    items: Vec<Item<'static>>,
    /// The format as fixed-width pieces, when it is one (see the module docs).
    fixed: Option<Vec<Piece>>,
    zone: Tz,
    mode: Mode,
    /// Offsets of local hours recently read (see [`HourCache`]).
    hours: HourCache,
}

/// Slots of the [`HourCache`].
const HOUR_SLOTS: usize = 16384;

/// The UTC offset of local hours whose every second has that one offset
/// (no transition inside the hour): a direct-mapped cache keyed by (date,
/// hour), so the zone's transitions are searched once per local hour read
/// rather than once per row. Hours with a transition are never cached.
#[derive(Debug, Clone)]
struct HourCache {
    slots: Vec<Option<(NaiveDate, u32, chrono::FixedOffset)>>,
}

impl HourCache {
    fn new() -> HourCache {
        HourCache {
            slots: vec![None; HOUR_SLOTS],
        }
    }

    fn slot(date: NaiveDate, hour: u32) -> usize {
        let key = i64::from(date.num_days_from_ce()) * 24 + i64::from(hour);
        key.rem_euclid(HOUR_SLOTS as i64) as usize
    }
}

impl TimestampParser {
    pub fn new(format: &str, zone: Tz) -> TimestampParser {
        let has_offset = format.contains("%z") || format.contains("%:z") || format.contains("%#z");
        let has_time = ["%H", "%I", "%T", "%R", "%k", "%l", "%+", "%s"]
            .iter()
            .any(|f| format.contains(f));
        let mode = if let Some(unit) = unix_unit(format) {
            Mode::Unix(unit)
        } else if format.eq_ignore_ascii_case("rfc3339") || format.eq_ignore_ascii_case("iso8601") {
            Mode::Rfc3339
        } else if has_offset {
            Mode::WithOffset
        } else if has_time {
            Mode::DateTime
        } else {
            Mode::Date
        };
        let items = StrftimeItems::new(format)
            .parse_to_owned()
            .unwrap_or_else(|_| vec![Item::Error]);
        TimestampParser {
            fixed: fixed_pieces(&items, mode),
            items,
            zone,
            mode,
            hours: HourCache::new(),
        }
    }

    /// Whether `format` is `rfc3339`/`iso8601` or a valid chrono format.
    pub fn valid_format(format: &str) -> bool {
        unix_unit(format).is_some()
            || format.eq_ignore_ascii_case("rfc3339")
            || format.eq_ignore_ascii_case("iso8601")
            || StrftimeItems::new(format).parse().is_ok()
    }

    /// Parses `text` (see the module docs for folds and gaps).
    pub fn parse(&mut self, text: &str) -> Result<Instant, TimestampError> {
        let text = text.trim();
        if let Some(naive) = self.fixed.as_deref().and_then(|p| read_fixed(p, text)) {
            return self.local(naive);
        }
        self.parse_general(text)
    }

    /// Parses trimmed `text` with chrono alone.
    fn parse_general(&mut self, text: &str) -> Result<Instant, TimestampError> {
        match self.mode {
            Mode::Unix(unit) => self.unix(text, unit),
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
                // Database dumps write a space for the `T`.
                for format in LOCAL_ISO_FORMATS {
                    if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                        return self.local(naive);
                    }
                }
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| TimestampError::Format)?;
                self.local(midnight(date))
            }
        }
    }

    /// A Unix time in `unit` microseconds, with the source zone's offset at
    /// that instant. Only years 1980 to 2199 are taken (no portal message
    /// is older): a millisecond value read as seconds lands tens of
    /// thousands of years out, seconds read as milliseconds in January 1970.
    fn unix(&self, text: &str, unit: i64) -> Result<Instant, TimestampError> {
        let utc_micros = text
            .parse::<i64>()
            .ok()
            .and_then(|units| units.checked_mul(unit))
            .ok_or(TimestampError::Format)?;
        let utc = DateTime::from_timestamp_micros(utc_micros).ok_or(TimestampError::Format)?;
        if !(1980..2200).contains(&utc.year()) {
            return Err(TimestampError::Format);
        }
        let offset = self.zone.offset_from_utc_datetime(&utc.naive_utc()).fix();
        Ok(Instant {
            utc_micros,
            offset_minutes: offset.local_minus_utc() / 60,
        })
    }

    /// `text` parsed with the source's format.
    fn fields(&self, text: &str) -> Result<Parsed, TimestampError> {
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, text, self.items.iter())
            .map_err(|_| TimestampError::Format)?;
        Ok(parsed)
    }

    /// `naive` read in the source's zone, by the hour cache when it can.
    fn local(&mut self, naive: NaiveDateTime) -> Result<Instant, TimestampError> {
        let (date, hour) = (naive.date(), naive.hour());
        let slot = HourCache::slot(date, hour);
        if let Some((d, h, offset)) = self.hours.slots[slot]
            && d == date
            && h == hour
        {
            return Ok(at_offset(naive, offset));
        }
        // An hour with one offset from its first second to its last has
        // no transition inside (transitions are whole seconds apart, and no
        // zone has two within an hour).
        let start = date.and_hms_opt(hour, 0, 0);
        let end = date.and_hms_opt(hour, 59, 59);
        if let (Some(start), Some(end)) = (start, end)
            && let (LocalResult::Single(a), LocalResult::Single(b)) = (
                self.zone.offset_from_local_datetime(&start),
                self.zone.offset_from_local_datetime(&end),
            )
            && a.fix() == b.fix()
        {
            self.hours.slots[slot] = Some((date, hour, a.fix()));
        }
        self.local_general(naive)
    }

    /// `naive` read in the source's zone by chrono-tz.
    fn local_general(&self, naive: NaiveDateTime) -> Result<Instant, TimestampError> {
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

/// Local ISO 8601 date-times the `rfc3339` format reads besides RFC 3339
/// itself: with `T` or a space between date and time, with or without
/// seconds and their fraction.
const LOCAL_ISO_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];

/// `items` as fixed-width pieces, if the format is made of zero-padded
/// year, month, day, hour, minute and second numbers (each once, the date
/// whole, and the hour and minute in a date-time), literals and spaces.
fn fixed_pieces(items: &[Item<'static>], mode: Mode) -> Option<Vec<Piece>> {
    let required: &[Field] = match mode {
        Mode::DateTime => &[
            Field::Year,
            Field::Month,
            Field::Day,
            Field::Hour,
            Field::Minute,
        ],
        Mode::Date => &[Field::Year, Field::Month, Field::Day],
        Mode::Rfc3339 | Mode::WithOffset | Mode::Unix(_) => return None,
    };
    let mut pieces = Vec::with_capacity(items.len());
    let mut seen = Vec::new();
    for item in items {
        let piece = match item {
            Item::Numeric(numeric, _) => {
                let (field, width) = match numeric {
                    Numeric::Year => (Field::Year, 4),
                    Numeric::Month => (Field::Month, 2),
                    Numeric::Day => (Field::Day, 2),
                    Numeric::Hour => (Field::Hour, 2),
                    Numeric::Minute => (Field::Minute, 2),
                    Numeric::Second => (Field::Second, 2),
                    _ => return None,
                };
                if seen.contains(&field) {
                    return None;
                }
                seen.push(field);
                Piece::Number(field, width)
            }
            Item::Literal(text) if !text.is_empty() => Piece::Literal(text.as_bytes().into()),
            Item::OwnedLiteral(text) if !text.is_empty() => Piece::Literal(text.as_bytes().into()),
            Item::Space(_) | Item::OwnedSpace(_) => Piece::Space,
            _ => return None,
        };
        pieces.push(piece);
    }
    required.iter().all(|f| seen.contains(f)).then_some(pieces)
}

/// Reads `text` by the fixed-width `pieces`: the local date-time, or
/// `None` when `text` is not exactly in that shape or not a valid date and
/// time (chrono then decides).
fn read_fixed(pieces: &[Piece], text: &str) -> Option<NaiveDateTime> {
    let mut rest = text.as_bytes();
    // Year, month, day, hour, minute, second.
    let mut values = [0u32, 1, 1, 0, 0, 0];
    for piece in pieces {
        match piece {
            Piece::Number(field, width) => {
                let digits = rest.get(..*width)?;
                let mut value = 0u32;
                for digit in digits {
                    if !digit.is_ascii_digit() {
                        return None;
                    }
                    value = value * 10 + u32::from(digit - b'0');
                }
                values[*field as usize] = value;
                rest = &rest[*width..];
            }
            Piece::Literal(literal) => rest = rest.strip_prefix(&literal[..])?,
            Piece::Space => rest = rest.strip_prefix(b" ")?,
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let [year, month, day, hour, minute, second] = values;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?
        .and_hms_opt(hour, minute, second)
}

/// A local date-time at a known offset, as [`TimestampParser::local_general`]
/// gives it.
fn at_offset(naive: NaiveDateTime, offset: chrono::FixedOffset) -> Instant {
    // The instant is the local reading less the offset (whole seconds).
    let offset_micros = i64::from(offset.local_minus_utc()) * 1_000_000;
    Instant {
        utc_micros: naive.and_utc().timestamp_micros() - offset_micros,
        offset_minutes: offset.local_minus_utc() / 60,
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
        let mut p = berlin("%d.%m.%Y %H:%M");
        let winter = p.parse("12.03.2025 14:30").unwrap();
        assert_eq!(winter.offset_minutes, 60);
        assert_eq!(winter.utc_micros, 1_741_786_200_000_000);
        assert_eq!(p.parse("12.07.2025 14:30").unwrap().offset_minutes, 120);
    }

    #[test]
    fn spring_gap_is_refused_and_autumn_fold_takes_the_earlier() {
        let mut p = berlin("%d.%m.%Y %H:%M");
        assert_eq!(p.parse("30.03.2025 02:30"), Err(TimestampError::Gap));
        assert_eq!(p.parse("30.03.2025 03:00").unwrap().offset_minutes, 120);
        let fold = p.parse("26.10.2025 02:30").unwrap();
        assert_eq!(
            fold.offset_minutes, 120,
            "first occurrence is still summer time"
        );
        let after = p.parse("26.10.2025 03:30").unwrap();
        assert_eq!(after.utc_micros - fold.utc_micros, 2 * 3_600_000_000);
        let mut amsterdam =
            TimestampParser::new("%Y-%m-%d %H:%M", "Europe/Amsterdam".parse().unwrap());
        assert_eq!(
            amsterdam.parse("2025-10-26 02:59").unwrap().offset_minutes,
            120
        );
    }

    #[test]
    fn impossible_dates_and_other_formats() {
        let mut p = berlin("%d.%m.%Y %H:%M");
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
    fn the_fixed_width_path_agrees_with_chrono() {
        let formats = [
            "%d.%m.%Y %H:%M",
            "%d-%m-%Y %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%d/%m/%Y",
            "%Y%m%d%H%M",
            "%d.%m.%Y um %H:%M Uhr",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for format in formats {
            let mut p = berlin(format);
            assert!(p.fixed.is_some(), "{format} has a fast path");
            let (mut checked, mut read_fast) = ((0, 0), 0);
            for _ in 0..20_000 {
                // Mostly plausible values, some impossible, some in the
                // spring gap or autumn fold, some misshapen.
                let value = format
                    .replace(
                        "%Y",
                        &format!("{:04}", [2024, 2025, 1999, 0, 9999][next(5) as usize]),
                    )
                    .replace(
                        "%m",
                        &format!("{:02}", [3, 10, 2, 12, 0, 13][next(6) as usize]),
                    )
                    .replace(
                        "%d",
                        &format!("{:02}", [30, 26, 31, 29, 1, 0, 32][next(7) as usize]),
                    )
                    .replace(
                        "%H",
                        &format!("{:02}", [2, 3, 0, 23, 24, 14][next(6) as usize]),
                    )
                    .replace("%M", &format!("{:02}", next(62)))
                    .replace("%S", &format!("{:02}", next(62)));
                let value = match next(12) {
                    0 => value.replacen(' ', "  ", 1),
                    1 => value.replacen('0', " ", 1),
                    2 => value.replacen('0', "", 1),
                    3 => format!("{value}x"),
                    4 => format!("+{value}"),
                    5 => value.replacen('1', "١", 1),
                    _ => value,
                };
                let pieces = p.fixed.as_deref().unwrap_or_default();
                if read_fixed(pieces, value.trim()).is_some() {
                    read_fast += 1;
                }
                let fast = p.parse(&value);
                assert_eq!(fast, p.parse_general(value.trim()), "{format}: {value:?}");
                if fast.is_ok() {
                    checked.0 += 1
                } else {
                    checked.1 += 1
                }
            }
            assert!(
                checked.0 > 1000 && checked.1 > 1000,
                "{format}: {checked:?}"
            );
            assert!(
                read_fast > 1000,
                "{format}: {read_fast} read by the fast path"
            );
        }
        // Formats the fast path leaves to chrono.
        for format in [
            "%d.%m.%y %H:%M",
            "%e.%b.%Y",
            "rfc3339",
            "%Y-%m-%dT%H:%M:%S%:z",
            "%H:%M",
        ] {
            assert!(berlin(format).fixed.is_none(), "{format}");
        }
    }

    #[test]
    fn the_hour_cache_agrees_with_chrono_tz() {
        let zones = [
            "Europe/Berlin",
            "Europe/Amsterdam",
            "Australia/Lord_Howe",
            "America/St_Johns",
            "Asia/Kolkata",
            "Europe/London",
        ];
        let starts = [
            NaiveDate::from_ymd_opt(2024, 1, 1),
            NaiveDate::from_ymd_opt(1890, 1, 1),
            NaiveDate::from_ymd_opt(1916, 1, 1),
        ];
        for zone in zones {
            let mut p = TimestampParser::new("%d.%m.%Y %H:%M", zone.parse().unwrap());
            for start in starts.iter().flatten() {
                let start = start.and_hms_opt(0, 0, 0).unwrap();
                // Every 7 minutes and 13 seconds over about two years, twice
                // (the second round reads from the cache).
                for round in 0..2 {
                    for step in 0..150_000i64 {
                        let naive = start + chrono::TimeDelta::seconds(step * 433);
                        assert_eq!(
                            p.local(naive),
                            p.local_general(naive),
                            "{zone} {naive} round {round}"
                        );
                    }
                }
            }
            assert!(p.hours.slots.iter().any(Option::is_some), "{zone}");
        }
    }

    #[test]
    fn unix_seconds_and_milliseconds() {
        let with = berlin("rfc3339")
            .parse("2025-03-12T14:30:00+01:00")
            .unwrap();
        let mut seconds = berlin("unix");
        assert_eq!(seconds.parse("1741786200").unwrap(), with);
        assert_eq!(berlin("epoch_ms").parse(" 1741786200000 ").unwrap(), with);
        // Summer: the zone's offset at that instant.
        let summer = seconds.parse("1752324600").unwrap();
        assert_eq!(summer.offset_minutes, 120);
        // Seconds read as milliseconds (January 1970) are not a time either.
        assert_eq!(
            berlin("unix_ms").parse("1741786200"),
            Err(TimestampError::Format)
        );
        // Milliseconds read as seconds, text, a fraction: not a time.
        for bad in ["1741786200000", "gestern", "1741786200.5", ""] {
            assert_eq!(seconds.parse(bad), Err(TimestampError::Format), "{bad}");
        }
        assert!(TimestampParser::valid_format("unix_ms"));
    }

    #[test]
    fn formats_are_checked() {
        assert!(TimestampParser::valid_format("%d.%m.%Y %H:%M"));
        assert!(TimestampParser::valid_format("rfc3339"));
        assert!(!TimestampParser::valid_format("%d.%m.%Y %Q"));
    }

    #[test]
    fn rfc3339_with_offset_zulu_local_and_date() {
        let mut p = berlin("rfc3339");
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
        for dump in [
            "2025-03-12 14:30:00",
            "2025-03-12 14:30:00.000",
            "2025-03-12 14:30",
        ] {
            assert_eq!(p.parse(dump).unwrap(), local, "{dump}");
        }
        let spaced = p.parse("2025-03-12 13:30:00Z").unwrap();
        assert_eq!(spaced.utc_micros, with.utc_micros);
        assert_eq!(p.parse("2025-03"), Err(TimestampError::Format));
        assert_eq!(p.parse("2025-03-12 14h30"), Err(TimestampError::Format));
        assert_eq!(p.parse("2025-03-30T02:30:00"), Err(TimestampError::Gap));
    }
}
