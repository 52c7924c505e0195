//! English (US) slots as data: names that are words (Hope, May, Brown),
//! credentials after names, US dates and phone numbers, and unprotected
//! look-alikes, as the [`LANG`] table that [`super::slot::write`] writes
//! slots with.

use super::phrase::{Cond, Fill, Form, Pattern, Piece, Relation, Who};
use super::slot::{Address, Lang, WeekdayBefore};
use crate::data;
use crate::person::Person;
use crate::render::{Ctx, category_of, name};
use crate::rng::Rng;
use crate::text::{Category, Text};
use Fill::{Day, Day2, Digits, First, Initial, Last, Lit, Month, Month2, MonthName, Pre, Year};
use Piece::{Clinic, Exact, If, Name, OneOf, Sex, Span, Text as T};

/// English month names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if female, if male).
pub const RELATIONS: [Relation; 7] = [
    ("daughter", true, "mother", "father"),
    ("son", false, "mother", "father"),
    ("wife", true, "wife", "husband"),
    ("husband", false, "wife", "husband"),
    ("granddaughter", true, "grandmother", "grandfather"),
    ("sister", true, "sister", "brother"),
    ("caregiver", true, "client", "client"),
];

const MEDS: &[&str] = &[
    "furosemide",
    "Lasix",
    "metoprolol",
    "carvedilol",
    "lisinopril",
    "Entresto",
    "spironolactone",
    "Eliquis",
    "apixaban",
    "warfarin",
    "atorvastatin",
    "albuterol",
    "Symbicort",
    "Trelegy",
    "Spiriva",
    "prednisone",
    "azithromycin",
    "amiodarone",
    "digoxin",
    "Jardiance",
    "torsemide",
    "Xarelto",
];
const DOSES: &[&str] = &[
    "40 mg",
    "25mg twice a day",
    "2 puffs",
    "81 mg",
    "1 tab BID",
    "0.5 mg",
    "2 L/min",
    "12.5 mg",
    "20mg",
    "100 mg daily",
    "5 mg every other day",
];
const TIMES: &[&str] = &[
    "2:30 PM",
    "9am",
    "10:15 a.m.",
    "noon",
    "7 in the morning",
    "3 o'clock",
    "8:45",
    "4 pm",
    "11:30",
];
const RELATIVE_DATES: &[&str] = &[
    "next Tuesday",
    "tomorrow",
    "in two weeks",
    "this weekend",
    "the day after tomorrow",
    "by the end of the month",
    "next month",
    "after the holidays",
    "later this week",
];
const PAST_DATES: &[&str] = &[
    "last week",
    "yesterday",
    "a few days ago",
    "last night",
    "this morning",
    "over the weekend",
    "right after Thanksgiving",
    "on Monday",
];
const EPONYMS: &[&str] = &[
    "Cheyne-Stokes breathing",
    "the Holter monitor",
    "a Swan-Ganz catheter",
    "Parkinson's",
    "Graves' disease",
    "Raynaud's",
    "strength 5/5",
    "Alzheimer's",
    "Bell's palsy",
    "a Foley",
];
const VITALS: &[&str] = &[
    "BNP 850",
    "O2 sat 89%",
    "INR 3.4",
    "BP 142/90",
    "weight up 3 lbs",
    "K 5.2",
    "EF 35%",
    "pulse 112",
    "sats in the low 90s",
];

const HI_THERE: &[Piece] = &[
    T("Hi "),
    If(
        Cond::ProxyThread,
        &[Name(Who::Relative, Form::First)],
        &[Name(Who::Patient, Form::First)],
    ),
];
const HI_PATIENT: &[Piece] = &[
    OneOf(&[
        HI_THERE,
        HI_THERE,
        &[
            Sex(Who::Patient, "Dear Ms. ", "Dear Mr. "),
            Name(Who::Patient, Form::Last),
        ],
        &[T("Hello "), Name(Who::Patient, Form::Full)],
        &[T("Good morning")],
    ]),
    T(",\n"),
];

const DR: &[Piece] = &[T("Dr. "), Name(Who::Clinician, Form::Last), T(",\n")];
const HI_CLINICIAN: &[Piece] = &[OneOf(&[
    DR,
    DR,
    &[T("Hi Dr. "), Name(Who::Clinician, Form::Last), T(",\n")],
    &[T("Hello "), Name(Who::Clinician, Form::First), T(",\n")],
    &[T("Hi,\n")],
    &[],
])];

const BEST: &[Piece] = &[
    T("Best,\n"),
    Name(Who::Signer, Form::Full),
    If(Cond::Staff, &[T(", RN")], &[T(", MD")]),
];
const BYE_CLINIC: &[Piece] = &[OneOf(&[
    BEST,
    BEST,
    &[
        T("Thanks,\n"),
        Name(Who::Signer, Form::First),
        T("\n"),
        Clinic,
    ],
    &[
        T("Sincerely,\n"),
        If(Cond::Staff, &[], &[T("Dr. ")]),
        Name(Who::Signer, Form::Last),
    ],
    &[T("- "), Exact(Who::Signer, Form::Initialed)],
])];

const THANK_YOU: &[Piece] = &[T("Thank you,\n"), Name(Who::Writer, Form::Full)];
const BYE_PATIENT: &[Piece] = &[
    OneOf(&[
        THANK_YOU,
        THANK_YOU,
        &[T("Thanks! "), Name(Who::Writer, Form::First)],
        &[Exact(Who::Writer, Form::Monogram)],
        &[T("Sincerely, "), Exact(Who::Writer, Form::Initialed)],
        &[T("Thank you")],
        &[],
    ]),
    If(
        Cond::Proxy,
        &[
            If(Cond::LineStart, &[T("(")], &[T(" (")]),
            Name(Who::Patient, Form::First),
            T("'s "),
            Piece::Relation,
            T(")"),
        ],
        &[],
    ),
];

const DR_LAST: &[Piece] = &[T("Dr. "), Name(Who::Subject, Form::Last)];
const DOCTOR: &[Piece] = &[OneOf(&[
    DR_LAST,
    DR_LAST,
    &[T("Dr. "), Name(Who::Subject, Form::Full)],
    &[T("dr "), Name(Who::Subject, Form::LastLower)],
    &[Name(Who::Subject, Form::First)],
])];

const PERSON: &[Piece] = &[OneOf(&[
    &[
        Sex(Who::Subject, "Mrs. ", "Mr. "),
        Name(Who::Subject, Form::Last),
    ],
    &[Name(Who::Subject, Form::Full)],
    &[Exact(Who::Subject, Form::Initialed)],
    &[Name(Who::Subject, Form::First)],
])];

const STAFF: &[Piece] = &[OneOf(&[
    &[T("Nurse "), Name(Who::Staff, Form::First)],
    &[Name(Who::Staff, Form::Full), T(" from scheduling")],
    &[Name(Who::Staff, Form::First), T(" at the front desk")],
])];

const IDNO: &[Piece] = &[OneOf(&[
    &[T("MRN "), Span(Category::IdNumber, &[Digits(8)])],
    &[
        T("member ID "),
        Span(Category::IdNumber, &[Lit("XJH"), Digits(9)]),
    ],
    &[
        T("Medicare number "),
        Span(
            Category::IdNumber,
            &[
                Fill::Num(1, 9),
                Lit("EG"),
                Digits(1),
                Lit("-TE"),
                Digits(1),
                Lit("-MK"),
                Digits(2),
            ],
        ),
    ],
])];

const MONTH_DAY: &[Fill] = &[Month, Lit("/"), Day];
const DATES: &[&[Fill]] = &[
    MONTH_DAY,
    MONTH_DAY,
    &[Month, Lit("/"), Day, Lit("/"), Fill::YearShort],
    &[Month2, Lit("/"), Day2, Lit("/"), Year],
    &[MonthName, Lit(" "), Day, Fill::Ordinal],
    &[MonthName, Lit(" "), Day],
    &[Fill::MonthShort, Lit(" "), Day],
    &[MonthName, Lit(" "), Day, Lit(", "), Year],
    &[Year, Lit("-"), Month2, Lit("-"), Day2],
];

const PHONES: &[&[Fill]] = &[
    &[Lit("("), Pre, Lit(") 555-01"), Digits(2)],
    &[Pre, Lit("-555-01"), Digits(2)],
    &[Pre, Lit(".555.01"), Digits(2)],
    &[Lit("+1 "), Pre, Lit(" 555 01"), Digits(2)],
];

const HOSTS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "comcast.net",
    "aol.com",
    "verizon.net",
];
const MAILS: &[&[Fill]] = &[
    &[First, Lit("."), Last, Lit("@"), Pre],
    &[Initial, Last, Fill::Num(1, 99), Lit("@"), Pre],
    &[Last, First, Lit("@"), Pre],
];

const URLS: &[&[Fill]] = &[
    &[Lit("www.heart.org/en/health-topics/heart-failure")],
    &[Lit("https://mychart.riversidehealth.org/visit/"), Digits(7)],
    &[Lit("copdfoundation.org")],
    &[Lit("https://www.lung.org")],
];

/// Care homes (invented names of the usual shapes), after the
/// preposition that stands before them.
const HOMES: &[&str] = &[
    "at |Sunrise Senior Living",
    "at |Oakwood Manor",
    "at |Brookdale Assisted Living",
    "at |Maple Grove Nursing Home",
    "at |Willow Creek Memory Care",
    "at |St. Anne's Retirement Home",
    "at |Cedar Ridge Senior Apartments",
];

/// The English (US) slot table.
pub const LANG: Lang = Lang {
    months: &MONTHS,
    weekdays: &WEEKDAYS,
    relations: &RELATIONS,
    lists: data::en,
    hi_patient: HI_PATIENT,
    hi_clinician: HI_CLINICIAN,
    bye_clinic: BYE_CLINIC,
    bye_patient: BYE_PATIENT,
    person: PERSON,
    doctor: DOCTOR,
    staff: STAFF,
    idno: IDNO,
    possessive,
    clinician_possessive: Some("Dr. "),
    relative_possessive: false,
    my: ("my ", "my "),
    dates: Pattern::plain(DATES),
    weekday_before: WeekdayBefore {
        chance: 0.25,
        sep: ", ",
        article: None,
    },
    dob: &[Month, Lit("/"), Day, Lit("/"), Year],
    phone: Pattern {
        pre: &["617", "508", "781", "978", "413", "401"],
        formats: PHONES,
    },
    email: Pattern {
        pre: HOSTS,
        formats: MAILS,
    },
    url: Pattern::plain(URLS),
    address: Address::Us { numbers: (3, 1450) },
    iban: None,
    oldest: 103,
    homes: HOMES,
    words: &[
        ("rel_date", RELATIVE_DATES),
        ("rel_past", PAST_DATES),
        ("time", TIMES),
        ("med", MEDS),
        ("dose", DOSES),
        ("eponym", EPONYMS),
        ("lab", VITALS),
    ],
};

/// The English possessive: `Anna's`, `Jones'` now and then.
fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.6) {
        p.first.clone()
    } else {
        p.last.clone()
    };
    name(rng, out, &base, cat);
    out.push(if base.ends_with('s') && rng.chance(0.5) {
        "'"
    } else {
        "'s"
    });
}

/// Writes one English slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    super::slot::write(&LANG, slot, ctx, rng, out)
}
