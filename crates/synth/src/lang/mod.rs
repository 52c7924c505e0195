//! Language modules: one slot writer ([`slot::write`]) over a table of
//! words and phrases per language ([`de`], [`nl`], [`en`]), and the
//! templates per language.

pub mod de;
pub mod en;
pub mod nl;
pub mod phrase;
pub mod slot;
pub mod tpl_de;
pub mod tpl_en;
pub mod tpl_nl;

#[cfg(test)]
mod tests {
    use crate::person::Person;
    use crate::render::{Author, Ctx, SlotFn, render};
    use crate::rng::Rng;
    use crate::text::{Category, Text};

    /// Every pool of body templates of a language, and its subjects.
    fn pools(
        lang: &str,
    ) -> (
        Vec<&'static [&'static str]>,
        Vec<&'static [&'static str]>,
        SlotFn,
    ) {
        match lang {
            "de" => (
                vec![
                    super::tpl_de::NOTE,
                    super::tpl_de::REPORT,
                    super::tpl_de::INTER,
                    super::tpl_de::INTRA,
                    super::tpl_de::ORG,
                    super::tpl_de::REPLY,
                    super::tpl_de::PROXY,
                    super::tpl_de::EXTRA,
                ],
                vec![super::tpl_de::SUBJECT_NOTE, super::tpl_de::SUBJECT_PATIENT],
                super::de::slot,
            ),
            "nl" => (
                vec![
                    super::tpl_nl::ADMIN_QUESTION,
                    super::tpl_nl::ADMIN_ANSWER,
                    super::tpl_nl::MEDICAL_QUESTION,
                    super::tpl_nl::MEDICAL_ANSWER,
                    super::tpl_nl::MEDICAL_UPDATE,
                    super::tpl_nl::INFORMATION,
                    super::tpl_nl::ENQUIRY,
                    super::tpl_nl::SOCIAL,
                    super::tpl_nl::PROXY,
                    super::tpl_nl::PROXY_CHILD,
                    super::tpl_nl::EXTRA,
                ],
                vec![
                    super::tpl_nl::SUBJECT_PATIENT,
                    super::tpl_nl::SUBJECT_CLINICIAN,
                ],
                super::nl::slot,
            ),
            _ => (
                vec![
                    super::tpl_en::SYMPTOM,
                    super::tpl_en::REFILL,
                    super::tpl_en::QUESTION,
                    super::tpl_en::COORDINATION,
                    super::tpl_en::PROXY,
                    super::tpl_en::REPLY,
                    super::tpl_en::PROVIDER_NOTE,
                    super::tpl_en::STAFF_NOTE,
                    super::tpl_en::EXTRA,
                ],
                vec![
                    super::tpl_en::SUBJECT_PATIENT,
                    super::tpl_en::SUBJECT_CLINICIAN,
                ],
                super::en::slot,
            ),
        }
    }

    /// The people of the tests: patient, clinician, colleague, relative and
    /// staff member.
    fn people() -> [Person; 5] {
        let person = |first: &str, last: &str, female| Person {
            first: first.into(),
            last: last.into(),
            female,
        };
        [
            person("Anna", "van den Berg", true),
            person("Katrin", "Wolf", true),
            person("Jonas", "Koch", false),
            person("Petra", "Bauer", true),
            person("Ute", "May", true),
        ]
    }

    /// A message's context among `people` ([`people`]'s order), `author`
    /// writing.
    fn ctx(people: &[Person; 5], author: Author) -> Ctx<'_> {
        let [p, c, o, r, s] = people;
        Ctx {
            patient: p,
            birth: (3, 4, 1931),
            age: 94,
            clinician: c,
            colleague: o,
            relative: r,
            relation: 1,
            staff: s,
            author,
            sent: chrono::NaiveDate::from_ymd_opt(2025, 3, 30)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            clinic: "PIA Cottbus",
            proxy_thread: author == Author::Proxy,
        }
    }

    #[test]
    fn every_language_has_60_templates_and_every_slot_is_known() {
        let people = people();
        for lang in ["de", "nl", "en"] {
            let (bodies, subjects, slot) = pools(lang);
            let count: usize = bodies.iter().map(|p| p.len()).sum();
            assert!(count >= 60, "{lang}: {count} templates");
            for author in [
                Author::Patient,
                Author::Proxy,
                Author::Clinician,
                Author::Staff,
            ] {
                let ctx = ctx(&people, author);
                let mut rng = Rng::new(9, 9);
                let wrappers = ["{hi_p}", "{hi_c}", "{bye_c}", "{bye_p}"];
                for template in bodies
                    .iter()
                    .chain(&subjects)
                    .flat_map(|p| p.iter())
                    .chain(&wrappers)
                {
                    for _ in 0..5 {
                        let mut t = Text::default();
                        render(template, &ctx, &mut rng, &mut t, slot);
                        assert!(
                            !t.s.contains('{'),
                            "{lang}: unknown slot in {template:?} -> {:?}",
                            t.s
                        );
                        for span in &t.spans {
                            assert!(span.start < span.end && span.end <= t.chars);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_town_named_again_and_a_care_home_are_spans() {
        let people = people();
        let ctx = ctx(&people, Author::Patient);
        let mut rng = Rng::new(3, 3);
        let text_of = |t: &Text, i: usize| -> String {
            let span = &t.spans[i];
            t.s.chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect()
        };
        let mut t = Text::default();
        render(
            "Nach {city}. In {again_city} ist es schön.",
            &ctx,
            &mut rng,
            &mut t,
            super::de::slot,
        );
        assert_eq!(t.spans.len(), 2, "{}", t.s);
        assert!(t.spans.iter().all(|s| s.category == Category::City));
        assert_eq!(text_of(&t, 0), text_of(&t, 1));
        let mut t = Text::default();
        render("Sie lebt {home}.", &ctx, &mut rng, &mut t, super::de::slot);
        assert_eq!(t.spans.len(), 1);
        assert_eq!(t.spans[0].category, Category::Institution);
        let home = text_of(&t, 0);
        assert!(
            t.s.contains(&format!(" {home}.")) && !home.contains('|'),
            "{}",
            t.s
        );
    }
}
