//! Tests of the name rules.
use super::*;
use crate::patterns::testing::texts;

fn names(text: &str, lang: Lang) -> Vec<String> {
    texts(text, lang, find)
}

#[test]
fn titles() {
    assert_eq!(names("Liebe Frau Koch, danke.", Lang::De), ["Koch"]);
    assert_eq!(
        names("Frau Dr. med. Xylander ruft an", Lang::De),
        ["Xylander"]
    );
    assert_eq!(names("Beste mevrouw de Vries,", Lang::Nl), ["de Vries"]);
    assert_eq!(names("Dear Mr. Brown,", Lang::En), ["Brown"]);
    assert_eq!(
        names("Geachte heer Van der Berg", Lang::Nl),
        ["Van der Berg"]
    );
    assert_eq!(names("dhr. J. Bakker belde", Lang::Nl), ["J. Bakker"]);
}

#[test]
fn greetings_signoffs_relatives() {
    assert_eq!(names("Hallo Anna,\nwie geht's?", Lang::De), ["Anna"]);
    assert_eq!(
        names("Mit freundlichen Grüßen\nPetra Koch", Lang::De),
        ["Petra Koch"]
    );
    assert_eq!(
        names("Met vriendelijke groet,\nJan Visser", Lang::Nl),
        ["Jan Visser"]
    );
    assert_eq!(names("Kind regards,\nJohn Hope", Lang::En), ["John Hope"]);
    assert_eq!(names("meine Tochter Lisa kommt mit", Lang::De), ["Lisa"]);
    assert_eq!(names("mijn zoon Daan belt", Lang::Nl), ["Daan"]);
    assert_eq!(names("my wife Sarah will call", Lang::En), ["Sarah"]);
    assert_eq!(
        names("Viele Grüße aus Berlin", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Hallo zusammen, liebe Grüße", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Sehr geehrte Damen und Herren, Frau Damen kommt.", Lang::De),
        ["Damen"]
    );
    assert_eq!(
        names("Geachte dames en heren,", Lang::Nl),
        Vec::<String>::new()
    );
}

#[test]
fn unknown_surnames_after_a_title_in_short_messages() {
    assert_eq!(names("with Dr. Anna Lyx today.", Lang::En), ["Anna Lyx"]);
    assert_eq!(names("Termin bei Dr. Anna Lyx", Lang::De), ["Anna Lyx"]);
    assert_eq!(names("with dr. anna today", Lang::En), ["anna"]);
}

#[test]
fn nicknames_inside_names() {
    assert_eq!(
        names(
            "Met vriendelijke groet,\ndrs. W.A. (Willem) van 't Hof",
            Lang::Nl
        ),
        ["W.A. (Willem) van 't Hof"]
    );
    assert_eq!(
        names(
            "Ik sprak dhr. J.P. (Jan-Pieter) de Boer gisteren.",
            Lang::Nl
        ),
        ["J.P. (Jan-Pieter) de Boer"]
    );
    assert_eq!(
        names("Robert \"Bobby\" McAllister called.", Lang::En),
        ["Robert \"Bobby\" McAllister"]
    );
    assert_eq!(
        names("Dr. Smith (Cardiology) said it is fine.", Lang::En),
        ["Smith"]
    );
}

#[test]
fn german_first_names_after_an_article() {
    assert_eq!(
        names(
            "Hallo, hier ist die Jacqueline aus der Tagesklinik.",
            Lang::De
        ),
        ["Jacqueline"]
    );
    assert_eq!(
        names(
            "hallo, ich bin die jacqueline. der kevin kommt mit.",
            Lang::De
        ),
        ["jacqueline", "kevin"]
    );
    assert_eq!(
        names("Die Rose blüht, der Wolf heult.", Lang::De),
        Vec::<String>::new()
    );
}

#[test]
fn word_surnames_only_in_context() {
    assert_eq!(
        names("Der Koch hat Wolf und Bauer gesehen.", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(names("Anna Koch hat angerufen.", Lang::De), ["Anna Koch"]);
    assert_eq!(
        names("de bakker en de visser", Lang::Nl),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Gisteren belde Bakker over de uitslag.", Lang::Nl),
        ["Bakker"]
    );
    assert_eq!(
        names("I hope you may feel better. Brown rice is fine.", Lang::En),
        Vec::<String>::new()
    );
    assert_eq!(names("Müller hat angerufen", Lang::De), ["Müller"]);
}

#[test]
fn eponyms_and_nouns_stay() {
    assert_eq!(
        names("Morbus Crohn, Alzheimer und Hashimoto", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(
        names("ziekte van Parkinson", Lang::Nl),
        Vec::<String>::new()
    );
    assert_eq!(
        names(
            "Die Schmerzen im Bauch sind besser, Termin am Montag.",
            Lang::De
        ),
        Vec::<String>::new()
    );
}

#[test]
fn lower_case_and_shouting() {
    assert_eq!(
        names("hallo frau koch, ich komme morgen nicht", Lang::De),
        ["koch"]
    );
    assert_eq!(
        names("groetjes, anna de vries", Lang::Nl),
        ["anna de vries"]
    );
    assert_eq!(
        names("LIEBE FRAU KOCH, BITTE RUFEN SIE AN. GRUSS PETRA", Lang::De),
        ["KOCH", "PETRA"]
    );
}

#[test]
fn relatives_written_in_lower_case() {
    assert_eq!(
        names("Meine Frau henrike schulze lässt grüßen.", Lang::De),
        ["henrike schulze"]
    );
    assert_eq!(
        names("Meine Tochter quirin von der heyde meint das.", Lang::De),
        ["quirin von der heyde"]
    );
    assert_eq!(names("Ihre Frau lea kann mitkommen.", Lang::De), ["lea"]);
    assert_eq!(
        names("Mijn vrouw eva huisman gaat mee.", Lang::Nl),
        ["eva huisman"]
    );
    assert_eq!(
        names("Meine Schwester ayşe freitag meint das.", Lang::De),
        ["ayşe freitag"]
    );
    assert_eq!(
        names("meine schwester ayşe freitag meint das.", Lang::De),
        ["ayşe freitag"]
    );
    assert_eq!(
        names("meine schwester ayşe kommt freitag.", Lang::De),
        ["ayşe"]
    );
    assert_eq!(
        names("Mag mijn vrouw sophie oudshoorn meelezen?", Lang::Nl),
        ["sophie oudshoorn"]
    );
    assert_eq!(
        names("Mag mijn vrouw sophie meelezen?", Lang::Nl),
        ["sophie"]
    );
    assert_eq!(
        names("Mag mijn dochter hester meelezen?", Lang::Nl),
        ["hester"]
    );
    assert_eq!(
        names(
            "Ob meine Tochter bald kommt? Mein Mann kam gestern.",
            Lang::De
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Mijn zoon belt morgen, mijn vrouw kwam gisteren.", Lang::Nl),
        Vec::<String>::new()
    );
    assert_eq!(
        names("We heard from your caregiver summer. Thanks", Lang::En),
        ["summer"]
    );
    // Verbs and function words after a relative stay.
    assert_eq!(
        names(
            "Mein Mann hat Fieber, meine Tochter kommt morgen.",
            Lang::De
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Mijn zoon gaat mee en mijn vrouw belt.", Lang::Nl),
        Vec::<String>::new()
    );
    assert_eq!(
        names("My son will call, my wife says hi.", Lang::En),
        Vec::<String>::new()
    );
}

#[test]
fn names_that_are_words_after_a_title_or_first_name() {
    assert_eq!(
        names(
            "Bitte melden Sie sich bei Frau Sonntag vom Empfang.",
            Lang::De
        ),
        ["Sonntag"]
    );
    assert_eq!(names("Danke an Herrn Gut.", Lang::De), ["Gut"]);
    assert_eq!(
        names("Meine Tochter Cindy Liebe meint das.", Lang::De),
        ["Cindy Liebe"]
    );
    assert_eq!(
        names("Herr und Frau Koch kommen am Sonntag 12 Uhr.", Lang::De),
        ["Koch"]
    );
    assert_eq!(
        names("Termin am Freitag, Frau Dr. Liebe.", Lang::De),
        ["Liebe"]
    );
}

#[test]
fn signatures_and_multi_part_names() {
    assert_eq!(
        names(
            "Wir machen uns Sorgen.\nAS (Mann von Frau Specht)",
            Lang::De
        ),
        ["AS", "Specht"]
    );
    assert_eq!(
        names("Gr. Henkie (zoon van Evert)", Lang::Nl),
        ["Henkie", "Evert"]
    );
    assert_eq!(
        names("Met vriendelijke groet,\nJ. in 't Veld", Lang::Nl),
        ["J. in 't Veld"]
    );
    assert_eq!(
        names("Mijn vrouw Emma Tjon A Fong gaat mee.", Lang::Nl),
        ["Emma Tjon A Fong"]
    );
    assert_eq!(
        names("Is it ok? Mark I think so.", Lang::En),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Beste meneer Van 't Hoff,", Lang::Nl),
        ["Van 't Hoff"]
    );
    assert_eq!(
        names("bij dhr. In 't Veld een verwijzing", Lang::Nl),
        ["In 't Veld"]
    );
    assert_eq!(names("Das Essen klappt kaum noch.\nES", Lang::De), ["ES"]);
    assert_eq!(
        names("Danke, bis bald.\nOK", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(
        names("thanks, jess (bill's daughter)", Lang::En),
        ["jess", "bill"]
    );
    assert_eq!(
        names("Thank you,\nKaren (Guadalupe's granddaughter)", Lang::En),
        ["Karen", "Guadalupe"]
    );
    assert_eq!(
        names("The nurse's son and my neighbor's wife called.", Lang::En),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Gr. Henkie (zoon van Iis)", Lang::Nl),
        ["Henkie", "Iis"]
    );
    assert_eq!(
        names("MY HUSBAND IS SICK. THANK YOU, MARY WATERS", Lang::En),
        ["MARY WATERS"]
    );
    assert_eq!(
        names("Gestern: Kaffee mit Dtlef, Sonne, ein Buch.", Lang::De),
        ["Dtlef"]
    );
    assert_eq!(
        names("Gestern: Kaffee mit Merrle Simon, Sonne.", Lang::De),
        ["Merrle", "Simon"]
    );
    assert_eq!(
        names(
            "Sie ist in der Kabine mit Sahne, dann Kabine Anna.",
            Lang::De
        ),
        ["Anna"]
    );
    assert_eq!(
        names("Sie ist in der Kabine Koch und sagt es.", Lang::De),
        Vec::<String>::new()
    );
    assert_eq!(
        names("Your results are fine.\n- B.-R. Swift", Lang::En),
        ["B.-R. Swift"]
    );
    assert_eq!(
        names(
            "I'd like to see you. Grace Price from scheduling will call.",
            Lang::En
        ),
        ["Grace Price"]
    );
    assert_eq!(
        names(
            "We heard from your caregiver Melissa O'Neill today.",
            Lang::En
        ),
        ["Melissa O'Neill"]
    );
    assert_eq!(
        names("Grace and hope are words. May I call?", Lang::En),
        Vec::<String>::new()
    );
}

#[test]
fn every_word_of_company_before_a_misspelt_name_has_the_lexicon_flag() {
    // The rule looks only in messages whose words carry the flag.
    for w in misspelt::WITH_WORDS.list() {
        assert!(
            crate::lexicon::lookup(w).flags & crate::lexicon::WITH != 0,
            "{w}"
        );
    }
    assert_eq!(
        names("Gestern: Kaffee mit Dtlef, Sonne, ein Buch.", Lang::De),
        ["Dtlef"]
    );
}

#[test]
fn syndrome_words_as_lower_casing_finds_them() {
    for w in [
        "Syndrom",
        "SYNDROME",
        "syndromen",
        "Syndro",
        "Sÿndrom",
        "\u{212A}och",
        "ſyndrom",
        "",
        "Syndrom-X",
    ] {
        assert_eq!(
            is_syndrome(w),
            w.to_lowercase().starts_with("syndrom"),
            "{w:?}"
        );
    }
}

#[test]
fn ordinary_words_before_a_comma_end_no_name() {
    let s = crate::Scrubber::default();
    for (text, expected) in [
        (
            "Anna Koch Bescheid, sagt Frau Lang.",
            "[NAME] Bescheid, sagt Frau [NAME].",
        ),
        (
            "agnieszka weiß Bescheid, sagt Frau Lang.",
            "[NAME] Bescheid, sagt Frau [NAME].",
        ),
        (
            "kaffee mit wojciech morgenstern, sonne",
            "kaffee mit [NAME], sonne",
        ),
    ] {
        assert_eq!(s.scrub(text, Lang::De).text, expected, "{text}");
    }
}
