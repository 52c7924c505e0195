//! Dutch slots as data: names with particles (`van den Berg`, written
//! `Van den Berg` without a given name), dates, contacts and unprotected
//! look-alikes, as the [`LANG`] table that [`super::slot::write`] writes
//! slots with.

use super::phrase::{Cond, Fill, Form, Pattern, Piece, Relation, Who};
use super::slot::{Address, Lang, WeekdayBefore};
use crate::data;
use crate::person::{Person, surname_alone};
use crate::render::{Ctx, category_of};
use crate::rng::Rng;
use crate::text::{Category, Text};
use Fill::{Day, Day2, Digits, First, Initial, Last, Lit, Month, Month2, MonthName, Pre, Year};
use Piece::{Chance, Clinic, Exact, If, Name, OneOf, Sex, Span, Text as T};

/// Dutch month names.
pub const MONTHS: [&str; 12] = [
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
];
/// Dutch weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if female, if male).
pub const RELATIONS: [Relation; 7] = [
    ("dochter", true, "moeder", "vader"),
    ("zoon", false, "moeder", "vader"),
    ("vrouw", true, "vrouw", "man"),
    ("man", false, "vrouw", "man"),
    ("zus", true, "zus", "broer"),
    ("moeder", true, "dochter", "zoon"),
    ("vader", false, "dochter", "zoon"),
];

const MEDS: &[&str] = &[
    "metformine",
    "insuline",
    "prednison",
    "methotrexaat",
    "Humira",
    "adalimumab",
    "mesalazine",
    "omeprazol",
    "salbutamol",
    "Spiriva",
    "acenocoumarol",
    "apixaban",
    "furosemide",
    "levothyroxine",
    "tacrolimus",
    "hydroxychloroquine",
    "paracetamol",
    "ibuprofen",
    "bisoprolol",
    "simvastatine",
    "Novorapid",
    "Lantus",
    "ferrofumaraat",
    "Movicolon",
];
const DOSES: &[&str] = &[
    "500 mg",
    "2 dd 1",
    "1x per dag",
    "3 dd 500 mg",
    "40 mg",
    "8 eenheden",
    "20 IE",
    "25 mcg",
    "1000mg",
    "2,5 mg",
    "5 mg",
    "10 mg per week",
];
const TIMES: &[&str] = &[
    "9.30 uur",
    "14:00 uur",
    "half tien",
    "kwart over drie",
    "11 uur",
    "8.45 uur",
    "13.15 uur",
    "twaalf uur",
    "16.00 uur",
    "17.30 uur",
];
const RELATIVE_DATES: &[&str] = &[
    "volgende week",
    "morgen",
    "overmorgen",
    "over twee weken",
    "eind van de maand",
    "komende dinsdag",
    "over drie maanden",
    "na de zomer",
    "begin volgende maand",
    "vandaag",
];
const PAST_DATES: &[&str] = &[
    "vorige week",
    "afgelopen weekend",
    "vanochtend",
    "gisteravond",
    "eergisteren",
    "vorige maand",
    "een paar dagen geleden",
];
const EPONYMS: &[&str] = &[
    "ziekte van Crohn",
    "Hashimoto",
    "Sjögren",
    "Bechterew",
    "Parkinson",
    "Cushing",
    "ziekte van Addison",
    "Graves",
    "Raynaud",
    "kracht 5/5",
];
const LABS: &[&str] = &[
    "HbA1c 53 mmol/mol",
    "eGFR 42",
    "CRP 12",
    "Hb 7,1",
    "INR 2,8",
    "TSH 4,2",
    "kalium 5,1",
    "bloeddruk 135/85",
];

const HI_PATIENT: &[Piece] = &[
    OneOf(&[
        &[
            Sex(Who::Patient, "Beste mevrouw ", "Beste meneer "),
            Name(Who::Patient, Form::Alone),
        ],
        &[
            Sex(Who::Patient, "Beste mevrouw ", "Beste meneer "),
            Name(Who::Patient, Form::Alone),
        ],
        &[
            Sex(Who::Patient, "Geachte mevrouw ", "Geachte heer "),
            Name(Who::Patient, Form::Alone),
        ],
        &[T("Beste "), Name(Who::Patient, Form::First)],
        &[T("Goedemorgen "), Name(Who::Patient, Form::Full)],
        &[
            Sex(Who::Patient, "Hallo mevrouw ", "Hallo meneer "),
            Name(Who::Patient, Form::Alone),
        ],
    ]),
    T(",\n"),
];

const DEAR_DOCTOR: &[Piece] = &[
    T("Beste dokter "),
    Name(Who::Clinician, Form::Alone),
    T(",\n"),
];
const HI_CLINICIAN: &[Piece] = &[OneOf(&[
    DEAR_DOCTOR,
    DEAR_DOCTOR,
    &[
        T("Geachte dr. "),
        Name(Who::Clinician, Form::Alone),
        T(",\n"),
    ],
    &[
        Sex(Who::Clinician, "Beste mevrouw ", "Beste meneer "),
        Name(Who::Clinician, Form::Alone),
        T(",\n"),
    ],
    &[T("Goedemiddag,\n")],
    &[T("Hallo,\n")],
    &[],
])];

const KIND_REGARDS: &[Piece] = &[
    T("Met vriendelijke groet,\n"),
    If(Cond::Staff, &[], &[T("dr. ")]),
    Exact(Who::Signer, Form::Initialed),
];
const BYE_CLINIC: &[Piece] = &[OneOf(&[
    KIND_REGARDS,
    KIND_REGARDS,
    &[
        T("Hartelijke groet,\n"),
        Name(Who::Signer, Form::Full),
        If(Cond::Staff, &[T("\nsecretariaat ")], &[T("\n")]),
        Clinic,
    ],
    &[T("Groet, "), Name(Who::Signer, Form::First)],
    &[
        T("Met vriendelijke groet,\n"),
        Name(Who::Signer, Form::Full),
    ],
])];

const WRITER_REGARDS: &[Piece] = &[
    T("Met vriendelijke groet,\n"),
    Name(Who::Writer, Form::Full),
];
const BYE_PATIENT: &[Piece] = &[
    OneOf(&[
        WRITER_REGARDS,
        WRITER_REGARDS,
        &[T("Groetjes, "), Name(Who::Writer, Form::First)],
        &[T("Mvg "), Exact(Who::Writer, Form::Initialed)],
        &[T("Gr. "), Name(Who::Writer, Form::First)],
        &[T("Alvast bedankt!")],
        &[],
    ]),
    If(
        Cond::Proxy,
        &[
            If(Cond::LineStart, &[T("(")], &[T(" (")]),
            Piece::Relation,
            T(" van "),
            Name(Who::Patient, Form::First),
            T(")"),
        ],
        &[],
    ),
];

const MRS_OR_DOCTOR: &[Piece] = &[
    If(
        Cond::Doctor,
        &[Piece::Word(&["dokter ", "dr. ", "Dr. "])],
        &[Sex(Who::Subject, "mevrouw ", "meneer ")],
    ),
    Name(Who::Subject, Form::Alone),
];
const PERSON: &[Piece] = &[OneOf(&[
    MRS_OR_DOCTOR,
    MRS_OR_DOCTOR,
    &[Name(Who::Subject, Form::Full)],
    &[
        If(Cond::Doctor, &[T("dr. ")], &[]),
        Exact(Who::Subject, Form::Initialed),
    ],
    &[Name(Who::Subject, Form::First)],
    &[
        Sex(Who::Subject, "mw. ", "dhr. "),
        Name(Who::Subject, Form::Alone),
    ],
])];

const STAFF: &[Piece] = &[OneOf(&[
    &[T("de secretaresse, "), Name(Who::Staff, Form::First)],
    &[
        Sex(Who::Staff, "mevrouw ", "meneer "),
        Name(Who::Staff, Form::Alone),
        T(" van de balie"),
    ],
    &[T("verpleegkundige "), Name(Who::Staff, Form::Full)],
])];

const IDNO: &[Piece] = &[Chance(
    0.5,
    &[T("BSN "), Span(Category::IdNumber, &[Fill::Bsn])],
    &[
        T("patiëntnummer "),
        Span(Category::IdNumber, &[Fill::Num(1_000_000, 9_999_999)]),
    ],
)];

const DAY_MONTHNAME: &[Fill] = &[Day, Lit(" "), MonthName];
const DAY_MONTH_YEAR: &[Fill] = &[Day2, Lit("-"), Month2, Lit("-"), Year];
const DATES: &[&[Fill]] = &[
    DAY_MONTHNAME,
    DAY_MONTHNAME,
    DAY_MONTH_YEAR,
    &[Day, Lit("-"), Month],
    &[Day, Lit(" "), Fill::MonthShort, Lit(".")],
    DAY_MONTHNAME,
    &[Year, Lit("-"), Month2, Lit("-"), Day2],
    &[Day, Lit("/"), Month],
    &[Day, Lit(" "), MonthName, Lit(" "), Year],
];

const PHONES: &[&[Fill]] = &[
    &[Lit("06-"), Digits(8)],
    &[Lit("030 "), Digits(3), Lit(" "), Digits(4)],
    &[Lit("+31 6 "), Digits(4), Lit(" "), Digits(4)],
    &[Lit("088-"), Digits(7)],
    &[Lit("0"), Fill::Num(10, 79), Lit(" "), Digits(7)],
];

const HOSTS: &[&str] = &[
    "ziggo.nl",
    "kpnmail.nl",
    "hotmail.com",
    "gmail.com",
    "planet.nl",
    "xs4all.nl",
];
const MAILS: &[&[Fill]] = &[
    &[First, Lit("."), Last, Lit("@"), Pre],
    &[Initial, Last, Lit("@"), Pre],
    &[First, Fill::Num(60, 99), Lit("@"), Pre],
];

const URLS: &[&[Fill]] = &[
    &[Lit("www.thuisarts.nl")],
    &[
        Lit("https://mijn.ziekenhuis-midden.nl/afspraken/"),
        Digits(6),
    ],
    &[Lit("www.diabetesfonds.nl")],
    &[Lit("https://www.longfonds.nl/copd")],
];

/// Care homes (invented names of the usual shapes), after the
/// preposition that stands before them.
const HOMES: &[&str] = &[
    "in |woonzorgcentrum De Linde",
    "in |Huize Het Gooi",
    "in |verpleeghuis De Hoge Weide",
    "in |zorgcentrum Avondlicht",
    "in |Zorgcentrum De Bolder",
    "in |woonzorgcentrum Het Zonnehuis",
    "in |verzorgingshuis Rustoord",
];

/// The Dutch slot table.
pub const LANG: Lang = Lang {
    months: &MONTHS,
    weekdays: &WEEKDAYS,
    relations: &RELATIONS,
    lists: data::nl,
    hi_patient: HI_PATIENT,
    hi_clinician: HI_CLINICIAN,
    bye_clinic: BYE_CLINIC,
    bye_patient: BYE_PATIENT,
    person: PERSON,
    doctor: PERSON,
    staff: STAFF,
    idno: IDNO,
    possessive,
    clinician_possessive: None,
    relative_possessive: false,
    my: ("mijn ", "mijn "),
    dates: Pattern::plain(DATES),
    weekday_before: WeekdayBefore {
        chance: 0.25,
        sep: " ",
        article: None,
    },
    dob: DAY_MONTH_YEAR,
    phone: Pattern::plain(PHONES),
    email: Pattern {
        pre: HOSTS,
        formats: MAILS,
    },
    url: Pattern::plain(URLS),
    address: Address::Europe {
        numbers: (1, 180),
        letter: None,
        comma: 0.6,
        word: " te ",
    },
    iban: Some("NL"),
    oldest: 102,
    homes: HOMES,
    words: &[
        ("rel_date", RELATIVE_DATES),
        ("rel_past", PAST_DATES),
        ("time", TIMES),
        ("med", MEDS),
        ("dose", DOSES),
        ("eponym", EPONYMS),
        ("lab", LABS),
    ],
};

/// The Dutch possessive: `Annes`, `Eva's`, `Joris'`.
fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.6) {
        p.first.clone()
    } else {
        surname_alone(&p.last)
    };
    let written = crate::person::variant(rng, &base);
    let last = written.chars().last().unwrap_or('x');
    if "aiouy".contains(last) {
        out.span(&written, cat);
        out.push("'s");
    } else if last == 's' {
        out.span(&written, cat);
        out.push("'");
    } else {
        out.span(&format!("{written}s"), cat);
    }
}

/// Writes one Dutch slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    super::slot::write(&LANG, slot, ctx, rng, out)
}
