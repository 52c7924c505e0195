//! Dates in text moved by the patient's shift and written back in the form
//! they had: `12.03.2025` stays `DD.MM.YYYY`, `3. Feber` stays an Austrian
//! month name without a year, `March 12th` keeps its ordinal. A date without
//! a year is placed in the year that brings it closest to the message's sent
//! date, shifted, and written back without a year.

use chrono::{Datelike, Duration, NaiveDate};

use crate::Lang;
use crate::patterns::date::ROMAN_MONTHS;
use crate::token::{Case, Doc, Kind};

/// Month names by style, January first.
const STYLES: [(Lang, [&str; 12]); 7] = [
    (
        Lang::De,
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
    ),
    (
        Lang::De,
        [
            "jänner",
            "feber",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
    ),
    (
        Lang::De,
        [
            "jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez",
        ],
    ),
    (
        Lang::Nl,
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ),
    (
        Lang::Nl,
        [
            "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ],
    ),
    (
        Lang::En,
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    ),
    (
        Lang::En,
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
    ),
];

/// The style table that holds `lower` as month `month`, preferring `lang`.
fn style_of(lower: &str, month: u8, lang: Lang) -> Option<usize> {
    let idx = usize::from(month).checked_sub(1)?;
    let hit = |s: &(Lang, [&str; 12])| s.1[idx] == lower;
    STYLES
        .iter()
        .position(|s| s.0 == lang && hit(s))
        .or_else(|| STYLES.iter().position(hit))
        .or_else(|| {
            STYLES
                .iter()
                .position(|s| s.0 == lang && s.1[idx].len() <= 3)
        })
}

/// The date of a finding with a month: its day (the 15th when it has none)
/// and its year, or the year that brings it closest to the sent date.
fn whole_date(
    doc: &Doc<'_>,
    month: u32,
    day_tok: Option<usize>,
    year_tok: Option<usize>,
    sent: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let day = day_tok.map(|d| doc.num(d)).unwrap_or(Some(15))?;
    let year = match year_tok {
        Some(y) if doc.digits(y) == 4 => i32::try_from(doc.num(y)?).ok()?,
        Some(y) => {
            let two = i32::try_from(doc.num(y)?).ok()?;
            let this = sent.map_or(2025, |s| s.year());
            if two <= this % 100 + 1 {
                2000 + two
            } else {
                1900 + two
            }
        }
        None => {
            let sent = sent?;
            let near = |y: i32| {
                NaiveDate::from_ymd_opt(y, month, day.clamp(1, 28))
                    .map(|d| (d - sent).num_days().abs())
            };
            [sent.year() - 1, sent.year(), sent.year() + 1]
                .into_iter()
                .filter_map(|y| near(y).map(|n| (n, y)))
                .min()?
                .1
        }
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The date of a day of the month written alone: that day in the month of
/// the sent date, the month before or the month after, whichever is closest.
fn day_alone(day: u32, sent: NaiveDate) -> Option<NaiveDate> {
    [-1i32, 0, 1]
        .into_iter()
        .filter_map(|k| {
            let m0 = i32::try_from(sent.month0()).ok()? + k;
            let month = u32::try_from(m0.rem_euclid(12)).ok()? + 1;
            NaiveDate::from_ymd_opt(sent.year() + m0.div_euclid(12), month, day)
        })
        .min_by_key(|d| (*d - sent).num_days().abs())
}

fn shape(word: &str, case: Case) -> String {
    match case {
        Case::Upper => word.to_uppercase(),
        Case::Lower => word.to_string(),
        _ => {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// `text` (one date finding) moved by `days`, or None when it cannot be read
/// as a date (then the caller writes a tag).
pub(crate) fn shift_date(
    text: &str,
    lang: Lang,
    sent: Option<NaiveDate>,
    days: i64,
) -> Option<String> {
    let doc = Doc::new(text);
    let nums: Vec<usize> = (0..doc.len())
        .filter(|&i| doc.toks[i].kind == Kind::Num)
        .collect();
    let month_word =
        (0..doc.len()).find(|&i| doc.toks[i].info.month != 0 && doc.toks[i].kind == Kind::Word);
    // `3.XII.2024`: a month in Roman numerals.
    let roman = (0..doc.len()).find_map(|i| {
        let m = ROMAN_MONTHS.iter().position(|r| *r == doc.s(i))?;
        (doc.toks[i].kind == Kind::Word && doc.toks[i].case == Case::Upper)
            .then_some((i, m as u32 + 1))
    });
    let month_word = month_word.or(roman.map(|r| r.0));
    let (mut day_tok, mut month_tok, mut year_tok) = (None, None, None);
    if let Some(_m) = month_word {
        for &i in &nums {
            if doc.digits(i) == 4 {
                year_tok = Some(i);
            } else if day_tok.is_none() {
                day_tok = Some(i);
            }
        }
    } else {
        match nums.as_slice() {
            [y, m, d] if doc.digits(*y) == 4 => {
                (year_tok, month_tok, day_tok) = (Some(*y), Some(*m), Some(*d))
            }
            // A month and a year (`01/2024`, `03.2025`).
            [m, y] if doc.digits(*y) == 4 && doc.digits(*m) <= 2 => {
                (month_tok, year_tok) = (Some(*m), Some(*y));
            }
            [a, b, rest @ ..] if rest.len() <= 1 => {
                let sep_slash = (0..doc.len()).any(|i| doc.is_punct(i, '/'));
                let (va, vb) = (doc.num(*a)?, doc.num(*b)?);
                let us = if sep_slash && lang == Lang::En {
                    va <= 12
                } else {
                    vb > 12 && va <= 12
                };
                if us {
                    (month_tok, day_tok) = (Some(*a), Some(*b));
                } else {
                    (day_tok, month_tok) = (Some(*a), Some(*b));
                }
                year_tok = rest.first().copied();
            }
            // A day alone (`am 21.`, `the 21st`, `tot de 3e`).
            [d] if doc.digits(*d) <= 2 => day_tok = Some(*d),
            _ => return None,
        }
    }
    let date = if month_word.is_none() && month_tok.is_none() {
        day_alone(doc.num(day_tok?)?, sent?)?
    } else {
        let month = match (roman, month_word, month_tok) {
            (Some((_, m)), _, _) => m,
            (None, Some(w), _) => u32::from(doc.toks[w].info.month),
            (None, None, Some(m)) => doc.num(m)?,
            _ => return None,
        };
        whole_date(&doc, month, day_tok, year_tok, sent)?
    };
    let moved = date.checked_add_signed(Duration::days(days))?;
    // Write back token by token.
    let mut out = String::with_capacity(text.len() + 4);
    let mut at = 0;
    for i in 0..doc.len() {
        let t = doc.toks[i];
        let piece = if Some(i) == day_tok && day_tok.is_some() && day_tok != month_tok {
            Some(number(doc.s(i), moved.day()))
        } else if Some(i) == month_tok {
            Some(number(doc.s(i), moved.month()))
        } else if Some(i) == year_tok {
            if doc.digits(i) == 2 {
                Some(format!("{:02}", moved.year().rem_euclid(100)))
            } else {
                Some(moved.year().to_string())
            }
        } else if roman.is_some_and(|r| r.0 == i) {
            Some(ROMAN_MONTHS[moved.month0() as usize].to_string())
        } else if Some(i) == month_word {
            let lower = doc.s(i).to_lowercase();
            let style = style_of(&lower, doc.toks[i].info.month, lang)?;
            Some(shape(STYLES[style].1[moved.month0() as usize], t.case))
        } else if t.kind == Kind::Word
            && i > 0
            && Some(i - 1) == day_tok
            && t.gap == crate::token::Gap::None
            && lang_ordinal(doc.s(i))
        {
            Some(shape(ordinal(moved.day()), t.case))
        } else {
            None
        };
        if let Some(p) = piece {
            out.push_str(&text[at..t.start]);
            out.push_str(&p);
            at = t.end;
        }
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// `d` written like `original`: zero-padded if it was.
fn number(original: &str, d: u32) -> String {
    if original.len() == 2 && original.starts_with('0') {
        format!("{d:02}")
    } else {
        d.to_string()
    }
}

fn lang_ordinal(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

fn ordinal(d: u32) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn numeric_forms_keep_their_shape() {
        assert_eq!(
            shift_date("12.03.2025", Lang::De, None, 10).as_deref(),
            Some("22.03.2025")
        );
        assert_eq!(
            shift_date("2025-03-12", Lang::De, None, -12).as_deref(),
            Some("2025-02-28")
        );
        assert_eq!(
            shift_date("3/12/25", Lang::En, None, 1).as_deref(),
            Some("3/13/25")
        );
        assert_eq!(
            shift_date("3/12/25", Lang::Nl, None, 1).as_deref(),
            Some("4/12/25")
        );
    }

    #[test]
    fn a_month_and_year_move_from_the_middle_of_the_month() {
        assert_eq!(
            shift_date("01/2024", Lang::De, None, 40).as_deref(),
            Some("02/2024")
        );
        assert_eq!(
            shift_date("12.2024", Lang::De, None, 20).as_deref(),
            Some("1.2025")
        );
    }

    #[test]
    fn roman_months_stay_roman() {
        assert_eq!(
            shift_date("3.XII.2024", Lang::De, None, 30).as_deref(),
            Some("2.I.2025")
        );
        assert_eq!(
            shift_date("14.IV.", Lang::De, d(2025, 4, 20), 20).as_deref(),
            Some("4.V.")
        );
    }

    #[test]
    fn dates_without_year_use_the_sent_date() {
        // Sent in January 2025: 28.12. is last December; +7 days crosses the year.
        assert_eq!(
            shift_date("28.12.", Lang::De, d(2025, 1, 5), 7).as_deref(),
            Some("4.1.")
        );
        assert_eq!(
            shift_date("5/5", Lang::Nl, d(2025, 5, 1), 30).as_deref(),
            Some("4/6")
        );
        assert_eq!(shift_date("28.12.", Lang::De, None, 7), None);
    }

    #[test]
    fn a_day_alone_is_the_nearest_such_day() {
        // Sent on 28 March: the 2nd is 2 April; +3 days is the 5th.
        assert_eq!(
            shift_date("2.", Lang::De, d(2025, 3, 28), 3).as_deref(),
            Some("5.")
        );
        // Sent on 5 May: the 30th is 30 April; +2 days is 2 May.
        assert_eq!(
            shift_date("30th", Lang::En, d(2025, 5, 5), 2).as_deref(),
            Some("2nd")
        );
        assert_eq!(
            shift_date("21e", Lang::Nl, d(2025, 5, 1), 1).as_deref(),
            Some("22e")
        );
        assert_eq!(shift_date("21.", Lang::De, None, 1), None);
    }

    #[test]
    fn month_names_keep_language_and_style() {
        assert_eq!(
            shift_date("3. Feber", Lang::De, d(2025, 2, 1), 30).as_deref(),
            Some("5. März")
        );
        assert_eq!(
            shift_date("12. März 2025", Lang::De, None, 31).as_deref(),
            Some("12. April 2025")
        );
        assert_eq!(
            shift_date("3 februari", Lang::Nl, d(2025, 2, 1), 1).as_deref(),
            Some("4 februari")
        );
        assert_eq!(
            shift_date("March 12th, 2025", Lang::En, None, -11).as_deref(),
            Some("March 1st, 2025")
        );
        assert_eq!(
            shift_date("MÄRZ 2025", Lang::De, None, 20).as_deref(),
            Some("APRIL 2025")
        );
    }
}
