//! Phrases as data: what a greeting, a sign-off, a mention of a person, a
//! date or a phone number is made of, written by one interpreter for every
//! language. Pieces draw from the generator in the order they are listed, so
//! a phrase table draws exactly what the code it stands for would draw.

use std::borrow::Cow;

use crate::person::{Person, main_surname, surname_alone};
use crate::render::{Author, Ctx, bsn, category_of, digits, kvnr, name};
use crate::rng::Rng;
use crate::text::{Category, Text};

/// A relation of the relative to the patient: (word, relative is female,
/// what the patient is to the relative if the patient is female, if male).
pub type Relation = (&'static str, bool, &'static str, &'static str);

/// Whose name or sex a piece uses.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    /// The patient (always a patient name).
    Patient,
    /// The treating clinician (always a clinician name).
    Clinician,
    /// The relative (always another name).
    Relative,
    /// The staff member (always another name).
    Staff,
    /// Who signs for the clinic: the staff member when staff writes, else the
    /// clinician.
    Signer,
    /// Who writes for the patient: the relative when a proxy writes, else
    /// the patient.
    Writer,
    /// The person a mention is about (`P`, `C`, `C2`).
    Subject,
}

/// Which form of a person's name a piece writes.
#[derive(Debug, Clone, Copy)]
pub enum Form {
    /// The given name.
    First,
    /// The surname with its particles.
    Last,
    /// `First Last`.
    Full,
    /// The surname as written without a given name (`Van den Berg`).
    Alone,
    /// The surname without leading particles (`Berg`).
    Main,
    /// The surname in lower case.
    LastLower,
    /// `A. Last`.
    Initialed,
    /// Initials without dots (`AB`).
    Monogram,
}

impl Form {
    fn of(self, p: &Person) -> Cow<'_, str> {
        match self {
            Form::First => Cow::Borrowed(&p.first),
            Form::Last => Cow::Borrowed(&p.last),
            Form::Full => Cow::Owned(p.full()),
            Form::Alone => Cow::Owned(surname_alone(&p.last)),
            Form::Main => Cow::Borrowed(main_surname(&p.last)),
            Form::LastLower => Cow::Owned(p.last.to_lowercase()),
            Form::Initialed => Cow::Owned(format!("{} {}", p.initial(), p.last)),
            Form::Monogram => Cow::Owned(p.monogram()),
        }
    }
}

/// A condition that draws nothing.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// The subject's name is a clinician's name.
    Doctor,
    /// Staff writes the message.
    Staff,
    /// A proxy writes the message.
    Proxy,
    /// A proxy writes in this thread.
    ProxyThread,
    /// The text so far ends with a line break.
    LineStart,
}

/// One piece of a phrase.
#[derive(Debug)]
pub enum Piece {
    /// Plain text.
    Text(&'static str),
    /// Plain text by the sex of a person: (person, if female, if male).
    Sex(Who, &'static str, &'static str),
    /// A name with the usual slips, as a span.
    Name(Who, Form),
    /// A name as it is, as a span.
    Exact(Who, Form),
    /// One word of a list, plain.
    Word(&'static [&'static str]),
    /// The clinic's name, as a span.
    Clinic,
    /// The relation word of the relative (`Tochter`).
    Relation,
    /// What the patient is to the relative (`Mutter`).
    PatientAs,
    /// One of the phrases, drawn evenly (list one twice to give it twice the
    /// weight).
    OneOf(&'static [&'static [Piece]]),
    /// The first phrase with this probability, else the second.
    Chance(f64, &'static [Piece], &'static [Piece]),
    /// The first phrase if the condition holds, else the second.
    If(Cond, &'static [Piece], &'static [Piece]),
    /// Filled text as a span of the category.
    Span(Category, &'static [Fill]),
}

/// A piece of filled text (numbers, dates, addresses of mail).
#[derive(Debug, Clone, Copy)]
pub enum Fill {
    /// Plain text.
    Lit(&'static str),
    /// So many random digits.
    Digits(usize),
    /// A number in the range.
    Num(i64, i64),
    /// A German health-insurance number.
    Kvnr,
    /// A Dutch citizen service number.
    Bsn,
    /// The word the pattern drew first (area code, mail host).
    Pre,
    /// The person's given name folded to ASCII, lower case.
    First,
    /// The first letter of [`Fill::First`].
    Initial,
    /// The person's surname folded to ASCII, lower case.
    Last,
    /// The person's main surname folded to ASCII, lower case.
    MainLast,
    /// Day of month.
    Day,
    /// Day of month, two digits.
    Day2,
    /// Month number.
    Month,
    /// Month number, two digits.
    Month2,
    /// The year.
    Year,
    /// The year modulo 100, without padding.
    YearShort,
    /// The month's name.
    MonthName,
    /// The first three letters of the month's name.
    MonthShort,
    /// The English ordinal suffix of the day (`st`, `nd`, `rd`, `th`).
    Ordinal,
}

/// Filled text: a word drawn first (none if the list is empty), then one of
/// the formats, drawn evenly.
#[derive(Debug)]
pub struct Pattern {
    /// Words to draw first, for [`Fill::Pre`].
    pub pre: &'static [&'static str],
    /// The formats.
    pub formats: &'static [&'static [Fill]],
}

/// What filled text may refer to.
#[derive(Debug, Default)]
pub struct Vars<'a> {
    /// The word drawn first.
    pub pre: &'a str,
    /// The person of a mail address.
    pub person: Option<&'a Person>,
    /// A date: day, month, year.
    pub date: (u32, u32, i32),
    /// The language's month names.
    pub months: &'a [&'static str],
}

impl Pattern {
    /// Formats with no word drawn first.
    pub const fn plain(formats: &'static [&'static [Fill]]) -> Pattern {
        Pattern { pre: &[], formats }
    }

    /// Draws and fills one format.
    pub fn draw(&self, rng: &mut Rng, vars: &mut Vars) -> String {
        if !self.pre.is_empty() {
            vars.pre = rng.word(self.pre);
        }
        let format = self.formats[rng.below(self.formats.len())];
        fill(format, rng, vars)
    }
}

/// Fills one format.
pub fn fill(format: &[Fill], rng: &mut Rng, vars: &Vars) -> String {
    let mut s = String::new();
    let folded = |f: &dyn Fn(&Person) -> &str| {
        vars.person
            .map(|p| ascii_fold(&f(p).to_lowercase()))
            .unwrap_or_default()
    };
    let (day, month, year) = vars.date;
    let month_name = vars
        .months
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    for piece in format {
        match piece {
            Fill::Lit(t) => s.push_str(t),
            Fill::Digits(n) => s.push_str(&digits(rng, *n)),
            Fill::Num(lo, hi) => s.push_str(&rng.range(*lo, *hi).to_string()),
            Fill::Kvnr => s.push_str(&kvnr(rng)),
            Fill::Bsn => s.push_str(&bsn(rng)),
            Fill::Pre => s.push_str(vars.pre),
            Fill::First => s.push_str(&folded(&|p| &p.first)),
            Fill::Initial => s.push_str(folded(&|p| &p.first).get(..1).unwrap_or("")),
            Fill::Last => s.push_str(&folded(&|p| &p.last)),
            Fill::MainLast => s.push_str(&folded(&|p| main_surname(&p.last))),
            Fill::Day => s.push_str(&day.to_string()),
            Fill::Day2 => s.push_str(&format!("{day:02}")),
            Fill::Month => s.push_str(&month.to_string()),
            Fill::Month2 => s.push_str(&format!("{month:02}")),
            Fill::Year => s.push_str(&year.to_string()),
            Fill::YearShort => s.push_str(&(year % 100).to_string()),
            Fill::MonthName => s.push_str(month_name),
            Fill::MonthShort => s.push_str(month_name.get(..3).unwrap_or(month_name)),
            Fill::Ordinal => s.push_str(match day {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            }),
        }
    }
    s
}

/// Umlauts and ß spelled out, other non-ASCII dropped, spaces to nothing.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' | 'ë' => out.push('e'),
            'ï' => out.push('i'),
            c if c.is_ascii_alphanumeric() || c == '-' => out.push(c),
            _ => {}
        }
    }
    out
}

/// What a phrase is written about.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'c, 'a> {
    /// The message's context.
    pub ctx: &'c Ctx<'a>,
    /// The person a mention is about.
    pub subject: &'c Person,
    /// The language's relation words.
    pub relations: &'static [Relation],
}

impl<'c> Scene<'c, '_> {
    fn person(&self, who: Who) -> (&'c Person, Category) {
        let ctx = self.ctx;
        let by_context = |p: &'c Person| (p, category_of(ctx, p));
        match who {
            Who::Patient => (ctx.patient, Category::PatientName),
            Who::Clinician => (ctx.clinician, Category::ClinicianName),
            Who::Relative => (ctx.relative, Category::OtherName),
            Who::Staff => (ctx.staff, Category::OtherName),
            Who::Signer if ctx.author == Author::Staff => by_context(ctx.staff),
            Who::Signer => by_context(ctx.clinician),
            Who::Writer if ctx.author == Author::Proxy => by_context(ctx.relative),
            Who::Writer => by_context(ctx.patient),
            Who::Subject => by_context(self.subject),
        }
    }

    /// The relation of the relative to the patient.
    pub fn relation(&self) -> Relation {
        self.relations[self.ctx.relation % self.relations.len()]
    }

    fn holds(&self, cond: Cond, out: &Text) -> bool {
        match cond {
            Cond::Doctor => self.person(Who::Subject).1 == Category::ClinicianName,
            Cond::Staff => self.ctx.author == Author::Staff,
            Cond::Proxy => self.ctx.author == Author::Proxy,
            Cond::ProxyThread => self.ctx.proxy_thread,
            Cond::LineStart => out.s.ends_with('\n'),
        }
    }

    /// Writes a phrase.
    pub fn write(&self, phrase: &[Piece], rng: &mut Rng, out: &mut Text) {
        for piece in phrase {
            match piece {
                Piece::Text(t) => out.push(t),
                Piece::Sex(who, female, male) => out.push(if self.person(*who).0.female {
                    female
                } else {
                    male
                }),
                Piece::Name(who, form) => {
                    let (p, cat) = self.person(*who);
                    name(rng, out, &form.of(p), cat);
                }
                Piece::Exact(who, form) => {
                    let (p, cat) = self.person(*who);
                    out.span(&form.of(p), cat);
                }
                Piece::Word(list) => out.push(rng.word(list)),
                Piece::Clinic => out.span(self.ctx.clinic, Category::Institution),
                Piece::Relation => out.push(self.relation().0),
                Piece::PatientAs => {
                    let r = self.relation();
                    out.push(if self.ctx.patient.female { r.2 } else { r.3 });
                }
                Piece::OneOf(phrases) => {
                    let phrase = phrases[rng.below(phrases.len())];
                    self.write(phrase, rng, out);
                }
                Piece::Chance(p, yes, no) => {
                    let phrase = if rng.chance(*p) { yes } else { no };
                    self.write(phrase, rng, out);
                }
                Piece::If(cond, yes, no) => {
                    let phrase = if self.holds(*cond, out) { yes } else { no };
                    self.write(phrase, rng, out);
                }
                Piece::Span(category, format) => {
                    out.span(&fill(format, rng, &Vars::default()), *category);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_write_dates_and_fold_names() {
        let p = Person {
            first: "Jörg".into(),
            last: "van der Weiß".into(),
            female: false,
        };
        let months = ["Jan", "Feb", "March"];
        let vars = Vars {
            pre: "web.de",
            person: Some(&p),
            date: (3, 3, 2007),
            months: &months,
        };
        let mut rng = Rng::new(1, 1);
        let mail = [
            Fill::Initial,
            Fill::Lit("."),
            Fill::MainLast,
            Fill::Lit("@"),
            Fill::Pre,
        ];
        assert_eq!(fill(&mail, &mut rng, &vars), "j.weiss@web.de");
        assert_eq!(fill(&[Fill::Last], &mut rng, &vars), "vanderweiss");
        let date = [
            Fill::Day2,
            Fill::Lit("."),
            Fill::Month,
            Fill::Lit("."),
            Fill::YearShort,
            Fill::Lit(" "),
            Fill::MonthShort,
            Fill::Lit(" "),
            Fill::Day,
            Fill::Ordinal,
        ];
        assert_eq!(fill(&date, &mut rng, &vars), "03.3.7 Mar 3rd");
        let number = fill(&[Fill::Num(10, 12), Fill::Digits(4)], &mut rng, &vars);
        assert_eq!(number.len(), 6);
        assert!(number.starts_with('1') && number.chars().all(|c| c.is_ascii_digit()));
    }
}
