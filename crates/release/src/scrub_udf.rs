//! `veil_scrub(subject, body, language)`: both texts scrubbed, with the
//! number of redactions per category and every finding (field, offsets,
//! category, rule and a keyed digest of the matched text, never the text).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Int32Builder, ListBuilder, StringBuilder, StructArray, StructBuilder,
};
use arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use veil_format::REDACTION_CATEGORIES;
use veil_pseudonym::Key;
use veil_scrub::{Lang, Scrubber};

/// `veil_scrub(subject, body, language)`.
#[derive(Debug)]
pub struct ScrubUdf {
    scrubber: Arc<Scrubber>,
    key: Arc<Key>,
    signature: Signature,
}

/// Fields of one finding in the `findings` list of `veil_scrub`.
pub fn finding_fields() -> Fields {
    Fields::from(vec![
        Field::new("field", DataType::Utf8, false),
        Field::new("start", DataType::Int32, false),
        Field::new("end", DataType::Int32, false),
        Field::new("category", DataType::Utf8, false),
        Field::new("rule", DataType::Utf8, false),
        Field::new("text_mac", DataType::Utf8, false),
    ])
}

/// The struct `veil_scrub` returns: `subject`, `body`, `redactions`, one
/// `redactions_<category>` per category plus `redactions_other`,
/// `findings`, and the `language` the texts were scrubbed as (declared, or
/// detected; null when neither).
pub fn scrubbed_fields() -> Fields {
    let mut fields = vec![
        Field::new("subject", DataType::Utf8, true),
        Field::new("body", DataType::Utf8, true),
        Field::new("redactions", DataType::Int32, false),
    ];
    for c in REDACTION_CATEGORIES {
        fields.push(Field::new(
            format!("redactions_{c}"),
            DataType::Int32,
            false,
        ));
    }
    fields.push(Field::new("redactions_other", DataType::Int32, false));
    fields.push(Field::new(
        "findings",
        DataType::List(Arc::new(Field::new(
            "item",
            DataType::Struct(finding_fields()),
            true,
        ))),
        false,
    ));
    fields.push(Field::new("language", DataType::Utf8, true));
    Fields::from(fields)
}

/// The language of a message whose source declares none (`language =
/// "auto"`): detected from the body, else the subject, by veil-scrub's
/// stop-word detector; `None` when neither tells (then scrubbed as German).
/// The released `language` column takes this value.
fn detect_language(subject: Option<&str>, body: Option<&str>) -> Option<Lang> {
    body.and_then(Lang::detect)
        .or_else(|| subject.and_then(Lang::detect))
}

impl ScrubUdf {
    /// The UDF with `scrubber`; `key` makes the digests of findings.
    pub fn udf(scrubber: Arc<Scrubber>, key: Arc<Key>) -> ScalarUDF {
        ScalarUDF::from(ScrubUdf {
            scrubber,
            key,
            signature: Signature::exact(vec![DataType::Utf8; 3], Volatility::Immutable),
        })
    }
}

impl PartialEq for ScrubUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.scrubber, &other.scrubber) && Arc::ptr_eq(&self.key, &other.key)
    }
}

impl Eq for ScrubUdf {}

impl Hash for ScrubUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "veil_scrub".hash(state);
    }
}

/// Index of a scrubber category in [`REDACTION_CATEGORIES`]; the index past
/// the end is `other`.
fn category_index(category: &str) -> usize {
    let lower = category.to_ascii_lowercase();
    REDACTION_CATEGORIES
        .iter()
        .position(|c| *c == lower)
        .unwrap_or(REDACTION_CATEGORIES.len())
}

impl ScalarUDFImpl for ScrubUdf {
    fn name(&self) -> &str {
        "veil_scrub"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(scrubbed_fields()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (subjects, bodies, languages) = (
            arrays[0].as_string::<i32>(),
            arrays[1].as_string::<i32>(),
            arrays[2].as_string::<i32>(),
        );
        let rows = bodies.len();
        let mut subject_out = StringBuilder::with_capacity(rows, subjects.value_data().len());
        let mut body_out = StringBuilder::with_capacity(rows, bodies.value_data().len());
        let mut total = Int32Builder::with_capacity(rows);
        let mut language_out = StringBuilder::with_capacity(rows, rows * 2);
        let mut per_category: Vec<Int32Builder> = (0..=REDACTION_CATEGORIES.len())
            .map(|_| Int32Builder::with_capacity(rows))
            .collect();
        let item = StructBuilder::from_fields(finding_fields(), 0);
        let mut findings = ListBuilder::new(item).with_field(Arc::new(Field::new(
            "item",
            DataType::Struct(finding_fields()),
            true,
        )));
        let mut counts = vec![0i32; REDACTION_CATEGORIES.len() + 1];
        for row in 0..rows {
            let declared = (!languages.is_null(row))
                .then(|| Lang::parse(languages.value(row)))
                .flatten();
            let known = declared.or_else(|| {
                detect_language(
                    (!subjects.is_null(row)).then(|| subjects.value(row)),
                    (!bodies.is_null(row)).then(|| bodies.value(row)),
                )
            });
            language_out.append_option(known.map(Lang::code));
            let lang = known.unwrap_or(Lang::De);
            counts.iter_mut().for_each(|c| *c = 0);
            let mut found = 0i32;
            for (field, input, output) in [
                ("subject", subjects, &mut subject_out),
                ("body", bodies, &mut body_out),
            ] {
                if input.is_null(row) {
                    output.append_null();
                    continue;
                }
                let text = input.value(row);
                let scrubbed = self.scrubber.scrub(text, lang);
                for f in &scrubbed.findings {
                    found = found.saturating_add(1);
                    let category = f.category.as_str();
                    counts[category_index(category)] += 1;
                    let item = findings.values();
                    item.field_builder::<StringBuilder>(0)
                        .expect("field")
                        .append_value(field);
                    item.field_builder::<Int32Builder>(1)
                        .expect("start")
                        .append_value(i32::try_from(f.start).unwrap_or(i32::MAX));
                    item.field_builder::<Int32Builder>(2)
                        .expect("end")
                        .append_value(i32::try_from(f.end).unwrap_or(i32::MAX));
                    item.field_builder::<StringBuilder>(3)
                        .expect("category")
                        .append_value(category);
                    item.field_builder::<StringBuilder>(4)
                        .expect("rule")
                        .append_value(f.rule);
                    let matched = text.get(f.start..f.end).unwrap_or("");
                    item.field_builder::<StringBuilder>(5)
                        .expect("text_mac")
                        .append_value(self.key.text_mac(matched));
                    item.append(true);
                }
                output.append_value(&scrubbed.text);
            }
            findings.append(true);
            total.append_value(found);
            for (builder, n) in per_category.iter_mut().zip(&counts) {
                builder.append_value(*n);
            }
        }
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(subject_out.finish()),
            Arc::new(body_out.finish()),
            Arc::new(total.finish()),
        ];
        columns.extend(
            per_category
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.push(Arc::new(findings.finish()));
        columns.push(Arc::new(language_out.finish()));
        Ok(ColumnarValue::Array(Arc::new(StructArray::new(
            scrubbed_fields(),
            columns,
            None,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_map_to_their_columns_and_unknown_ones_to_other() {
        assert_eq!(category_index("PATIENT_NAME"), 0);
        assert_eq!(category_index("INSTITUTION"), 13);
        assert_eq!(category_index("SOMETHING_NEW"), REDACTION_CATEGORIES.len());
        for c in REDACTION_CATEGORIES {
            assert!(
                veil_scrub::Category::parse(&c.to_ascii_uppercase()).is_some(),
                "{c} is a scrubber category"
            );
        }
    }

    #[test]
    fn undeclared_languages_are_detected_from_body_then_subject() {
        assert_eq!(
            detect_language(
                None,
                Some("Ik heb een vraag over mijn afspraak van volgende week.")
            ),
            Some(Lang::Nl)
        );
        assert_eq!(
            detect_language(Some("Frage zu meinem Termin"), Some("12345")),
            Some(Lang::De)
        );
        assert_eq!(detect_language(None, Some("12345")), None);
    }
}
