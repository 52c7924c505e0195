//! German slots as data: how names, dates, contacts and the unprotected
//! look-alikes (drugs, doses, times, weekdays, relative dates) are written,
//! as the [`LANG`] table that [`super::slot::write`] writes slots with.

use super::phrase::{Cond, Fill, Form, Pattern, Piece, Relation, Who};
use super::slot::{Address, Lang, WeekdayBefore};
use crate::data;
use crate::person::Person;
use crate::render::{Ctx, category_of, name};
use crate::rng::Rng;
use crate::text::{Category, Text};
use Fill::{Day, Day2, Digits, First, Initial, Lit, MainLast, Month, Month2, MonthName, Pre, Year};
use Piece::{Chance, Clinic, Exact, If, Name, OneOf, Sex, Span, Text as T};

/// German month names.
pub const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
/// German weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
/// Relations of a relative to the patient: (word, relative is female,
/// what the patient is to the relative if the patient is female, if male).
pub const RELATIONS: [Relation; 6] = [
    ("Tochter", true, "Mutter", "Vater"),
    ("Sohn", false, "Mutter", "Vater"),
    ("Frau", true, "Frau", "Mann"),
    ("Mann", false, "Frau", "Mann"),
    ("Schwester", true, "Schwester", "Bruder"),
    ("Betreuerin", true, "Betreute", "Betreuter"),
];

const MEDS: &[&str] = &[
    "Sertralin",
    "Escitalopram",
    "Citalopram",
    "Venlafaxin",
    "Mirtazapin",
    "Quetiapin",
    "Lithium",
    "Lamotrigin",
    "Aripiprazol",
    "Olanzapin",
    "Risperidon",
    "Bupropion",
    "Agomelatin",
    "Duloxetin",
    "Trazodon",
    "Pregabalin",
    "Tavor",
    "Zopiclon",
    "Melperon",
    "Methylphenidat",
    "Valproat",
    "Elontril",
    "Seroquel",
    "Cipralex",
];
const DOSES: &[&str] = &[
    "50 mg",
    "100 mg",
    "25mg",
    "2,5 mg",
    "150 mg retard",
    "0,5 mg",
    "10 mg",
    "200 mg",
    "7,5 mg",
    "300mg",
    "20 mg",
    "1 mg",
];
const SCHEDULES: &[&str] = &[
    "1-0-1",
    "0-0-1",
    "1-0-0",
    "1/2-0-1",
    "2x täglich",
    "einmal täglich",
    "morgens eine halbe",
    "abends 1 Tablette",
    "3x tgl.",
    "1-1-1",
    "bei Bedarf",
];
const TIMES: &[&str] = &[
    "14:30 Uhr",
    "9 Uhr",
    "8.15 Uhr",
    "16 Uhr",
    "halb acht",
    "10:45 Uhr",
    "7 Uhr",
    "13.00 Uhr",
    "11 Uhr",
    "drei",
    "Viertel nach neun",
];
const RELATIVE_DATES: &[&str] = &[
    "nächsten Dienstag",
    "morgen",
    "übermorgen",
    "in zwei Wochen",
    "Anfang nächster Woche",
    "am Wochenende",
    "Ende des Monats",
    "nächste Woche",
    "Mitte nächsten Monats",
    "heute Nachmittag",
];
const PAST_DATES: &[&str] = &[
    "letzte Woche",
    "gestern Abend",
    "vorgestern",
    "heute früh",
    "vor drei Tagen",
    "vor einem Monat",
    "neulich",
    "letzten Freitag",
];
const EPONYMS: &[&str] = &[
    "Morbus Crohn",
    "Hashimoto",
    "Parkinson",
    "Alzheimer",
    "Kraft 5/5",
    "Babinski negativ",
    "Asperger",
    "Tourette",
    "Restless-Legs",
    "Morbus Bechterew",
    "Korsakow",
    "Raynaud",
];
const SYMPTOMS: &[&str] = &[
    "Schlafstörungen",
    "Unruhe",
    "Grübeln",
    "Antriebslosigkeit",
    "Kopfschmerzen",
    "Schwindel",
    "Albträume",
    "Herzrasen",
    "Appetitlosigkeit",
    "innere Anspannung",
    "Panikattacken",
    "Mundtrockenheit",
    "Gewichtszunahme",
    "Zittern",
];

const HI_PATIENT: &[Piece] = &[
    Chance(
        0.1,
        &[
            Sex(Who::Patient, "Liebe ", "Lieber "),
            Name(Who::Patient, Form::First),
        ],
        &[
            OneOf(&[
                &[Sex(Who::Patient, "Liebe Frau ", "Lieber Herr ")],
                &[Sex(Who::Patient, "Liebe Frau ", "Lieber Herr ")],
                &[Sex(
                    Who::Patient,
                    "Sehr geehrte Frau ",
                    "Sehr geehrter Herr ",
                )],
                &[Sex(Who::Patient, "Guten Tag Frau ", "Guten Tag Herr ")],
                &[Sex(Who::Patient, "Hallo Frau ", "Hallo Herr ")],
            ]),
            Name(Who::Patient, Form::Last),
        ],
    ),
    T(",\n"),
];

const DEAR_DR: &[Piece] = &[
    Sex(Who::Clinician, "Liebe Frau Dr. ", "Lieber Herr Dr. "),
    Name(Who::Clinician, Form::Last),
    T(",\n"),
];
const HI_CLINICIAN: &[Piece] = &[OneOf(&[
    DEAR_DR,
    DEAR_DR,
    &[T("Hallo Dr. "), Name(Who::Clinician, Form::Last), T(",\n")],
    &[
        Sex(
            Who::Clinician,
            "Sehr geehrte Frau Dr. ",
            "Sehr geehrter Herr Dr. ",
        ),
        Name(Who::Clinician, Form::Full),
        T(",\n"),
    ],
    &[T("Guten Tag,\n")],
    &[
        Sex(Who::Clinician, "Hallo Frau ", "Hallo Herr "),
        Name(Who::Clinician, Form::Last),
        T("!\n"),
    ],
    &[Sex(
        Who::Clinician,
        "Hallo Frau Doktor,\n",
        "Hallo Herr Doktor,\n",
    )],
    &[],
])];

const REGARDS: &[Piece] = &[
    T("Viele Grüße\n"),
    Sex(Who::Signer, "Ihre ", "Ihr "),
    If(Cond::Staff, &[], &[T("Dr. ")]),
    Name(Who::Signer, Form::Last),
];
const BYE_CLINIC: &[Piece] = &[OneOf(&[
    REGARDS,
    REGARDS,
    &[
        T("Mit freundlichen Grüßen\n"),
        If(Cond::Staff, &[], &[T("Dr. med. ")]),
        Name(Who::Signer, Form::Full),
    ],
    &[
        T("Herzliche Grüße\n"),
        Name(Who::Signer, Form::Full),
        T("\n"),
        Clinic,
    ],
    &[T("Beste Grüße, "), Exact(Who::Signer, Form::Initialed)],
    &[
        T("Freundliche Grüße aus der "),
        Clinic,
        T("\n"),
        Exact(Who::Signer, Form::Monogram),
    ],
])];

const MANY_REGARDS: &[Piece] = &[T("Viele Grüße\n"), Name(Who::Writer, Form::Full)];
const BYE_PATIENT: &[Piece] = &[
    OneOf(&[
        MANY_REGARDS,
        MANY_REGARDS,
        &[T("LG "), Name(Who::Writer, Form::First)],
        &[
            T("Liebe Grüße, "),
            Sex(Who::Writer, "Ihre ", "Ihr "),
            Name(Who::Writer, Form::First),
        ],
        &[T("MfG "), Name(Who::Writer, Form::Last)],
        &[T("Gruß "), Exact(Who::Writer, Form::Initialed)],
        &[Exact(Who::Writer, Form::Monogram)],
        &[T("Danke und Grüße\n"), Name(Who::Writer, Form::First)],
        &[T("Danke!")],
    ]),
    If(
        Cond::Proxy,
        &[
            If(Cond::LineStart, &[T("(")], &[T(" (")]),
            Piece::Relation,
            Sex(Who::Patient, " von Frau ", " von Herrn "),
            Name(Who::Patient, Form::Last),
            T(")"),
        ],
        &[],
    ),
];

const MR_OR_DR: &[Piece] = &[
    If(
        Cond::Doctor,
        &[Chance(
            0.5,
            &[Sex(Who::Subject, "Frau Dr. ", "Herr Dr. ")],
            &[T("Dr. ")],
        )],
        &[Sex(Who::Subject, "Frau ", "Herr ")],
    ),
    Name(Who::Subject, Form::Last),
];
const PERSON: &[Piece] = &[OneOf(&[
    MR_OR_DR,
    MR_OR_DR,
    &[
        If(Cond::Doctor, &[T("Dr. ")], &[]),
        Name(Who::Subject, Form::Full),
    ],
    &[
        Sex(Who::Subject, "Frau ", "Herr "),
        If(Cond::Doctor, &[T("Dr. ")], &[]),
        Exact(Who::Subject, Form::Initialed),
    ],
    &[If(
        Cond::Doctor,
        &[T("Dr. "), Name(Who::Subject, Form::Last)],
        &[Name(Who::Subject, Form::First)],
    )],
    &[
        If(
            Cond::Doctor,
            &[Sex(Who::Subject, "Frau Doktor ", "Herr Doktor ")],
            &[Sex(Who::Subject, "Frau ", "Herr ")],
        ),
        Name(Who::Subject, Form::Main),
    ],
])];

const STAFF: &[Piece] = &[OneOf(&[
    &[
        Sex(Who::Staff, "Schwester ", "Pfleger "),
        Name(Who::Staff, Form::First),
    ],
    &[
        Sex(Who::Staff, "Frau ", "Herr "),
        Name(Who::Staff, Form::Last),
        T(" vom Empfang"),
    ],
    &[
        Sex(
            Who::Staff,
            "unsere Sozialarbeiterin Frau ",
            "unser Sozialarbeiter Herr ",
        ),
        Name(Who::Staff, Form::Last),
    ],
])];

const IDNO: &[Piece] = &[Chance(
    0.6,
    &[
        T("Versichertennummer "),
        Span(Category::IdNumber, &[Fill::Kvnr]),
    ],
    &[
        T("Fallnummer "),
        Span(Category::IdNumber, &[Fill::Num(1, 9), Fill::Digits(7)]),
    ],
)];

const DAY_MONTH_YEAR: &[Fill] = &[Day2, Lit("."), Month2, Lit("."), Year];
const DAY_MONTHNAME: &[Fill] = &[Day, Lit(". "), MonthName];
const DAY_MONTHNAME_YEAR: &[Fill] = &[Day, Lit(". "), MonthName, Lit(" "), Year];
const DATES: &[&[Fill]] = &[
    DAY_MONTH_YEAR,
    DAY_MONTH_YEAR,
    &[Day, Lit("."), Month, Lit(".")],
    DAY_MONTHNAME,
    DAY_MONTHNAME,
    DAY_MONTHNAME_YEAR,
    DAY_MONTHNAME_YEAR,
    &[Day2, Lit("."), Month2, Lit(".")],
    &[Year, Lit("-"), Month2, Lit("-"), Day2],
    &[Day, Lit("."), Month, Lit("."), Fill::YearShort],
];

const PHONES: &[&[Fill]] = &[
    &[Lit("0331 "), Digits(7)],
    &[Lit("+49 171 "), Digits(7)],
    &[Lit("0152/"), Digits(8)],
    &[Lit("03391 "), Digits(3), Lit("-"), Digits(2)],
    &[Lit("0160 "), Digits(3), Lit(" "), Digits(4)],
];

const HOSTS: &[&str] = &[
    "gmx.de",
    "web.de",
    "t-online.de",
    "gmail.com",
    "freenet.de",
    "posteo.de",
];
const MAILS: &[&[Fill]] = &[
    &[First, Lit("."), MainLast, Lit("@"), Pre],
    &[Initial, MainLast, Fill::Num(50, 99), Lit("@"), Pre],
    &[MainLast, Lit("."), First, Lit("@"), Pre],
];

const URLS: &[&[Fill]] = &[
    &[Lit("www.ruppiner-kliniken.de/pia")],
    &[
        Lit("https://termine.pia-brandenburg.de/buchung?id="),
        Digits(6),
    ],
    &[Lit("www.deutsche-depressionshilfe.de")],
    &[Lit("https://www.telefonseelsorge.de")],
];

/// Care homes (invented names of the usual shapes), after the
/// preposition that stands before them.
const HOMES: &[&str] = &[
    "im |Seniorenzentrum Lindenhof",
    "im |Haus Abendrot",
    "in der |Seniorenresidenz Am Stadtpark",
    "im |Pflegeheim St. Elisabeth",
    "im |Seniorenstift Rosengarten",
    "im |Pflegezentrum Am Weinberg",
    "im |Altenheim Haus Sonnenblick",
];

/// The German slot table.
pub const LANG: Lang = Lang {
    months: &MONTHS,
    weekdays: &WEEKDAYS,
    relations: &RELATIONS,
    lists: data::de,
    hi_patient: HI_PATIENT,
    hi_clinician: HI_CLINICIAN,
    bye_clinic: BYE_CLINIC,
    bye_patient: BYE_PATIENT,
    person: PERSON,
    doctor: PERSON,
    staff: STAFF,
    idno: IDNO,
    possessive,
    clinician_possessive: Some(""),
    relative_possessive: true,
    my: ("meine ", "mein "),
    dates: Pattern::plain(DATES),
    weekday_before: WeekdayBefore {
        chance: 0.2,
        sep: ", ",
        article: Some("den "),
    },
    dob: DAY_MONTH_YEAR,
    phone: Pattern::plain(PHONES),
    email: Pattern {
        pre: HOSTS,
        formats: MAILS,
    },
    url: Pattern::plain(URLS),
    address: Address::Europe {
        numbers: (1, 120),
        letter: Some(0.15),
        comma: 0.7,
        word: " in ",
    },
    iban: Some("DE"),
    oldest: 101,
    homes: HOMES,
    words: &[
        ("rel_date", RELATIVE_DATES),
        ("rel_past", PAST_DATES),
        ("time", TIMES),
        ("med", MEDS),
        ("dose", DOSES),
        ("sched", SCHEDULES),
        ("eponym", EPONYMS),
        ("symptom", SYMPTOMS),
    ],
};

/// The German genitive: `Kochs`, `Frau Kochs`, `Dr. Weiß'`.
fn possessive(rng: &mut Rng, ctx: &Ctx, p: &Person, out: &mut Text) {
    let cat = category_of(ctx, p);
    let base = if rng.chance(0.5) || cat == Category::ClinicianName {
        if cat == Category::ClinicianName {
            out.push("Dr. ");
        } else {
            out.push(if p.female { "Frau " } else { "Herrn " });
        }
        p.last.clone()
    } else {
        p.first.clone()
    };
    if base.ends_with('s') || base.ends_with('ß') || base.ends_with('z') || base.ends_with('x') {
        name(rng, out, &base, cat);
        out.push("'");
    } else {
        let written = crate::person::variant(rng, &base);
        out.span(&format!("{written}s"), cat);
    }
}

/// Writes one German slot.
pub fn slot(slot: &str, ctx: &Ctx, rng: &mut Rng, out: &mut Text) -> bool {
    super::slot::write(&LANG, slot, ctx, rng, out)
}
