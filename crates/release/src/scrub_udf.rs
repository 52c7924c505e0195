//! `veil_scrub(subject, body, language)`: both texts scrubbed, with the
//! number of redactions per category and every finding (field, offsets,
//! category, rule and a keyed digest of the matched text, never the text).
//!
//! With surrogates (`[scrub] replacement = "surrogates"`) the function takes
//! four more arguments, `veil_scrub(subject, body, language, sent_at,
//! utc_offset_minutes, site, patient_id)`: findings are replaced by
//! consistent invented values chosen with the study key, and dates in the
//! text move by the patient's shift (the one `veil_shift` applies, resolved
//! against the message's local sent date). What is found and recorded is the
//! same either way; only the replacement text differs.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use arrow::array::{
    Array, ArrayBuilder, ArrayRef, AsArray, Int32Builder, ListArray, StringArray, StringBuilder,
    StructArray, TimestampMicrosecondArray,
};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{DataType, Field, Fields, Int32Type, TimestampMicrosecondType};
use arrow::temporal_conversions::timestamp_us_to_datetime;
use datafusion::common::{HashMap, Result, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use veil_format::REDACTION_CATEGORIES;
use veil_pseudonym::{Key, ShiftPolicy};
use veil_scrub::{Lang, Replacement, ScrubContext, Scrubber, Surrogates, TagReplacement};

use crate::findings::text_mac_bytes;
use crate::udf::timestamp_type;

/// The keyed hash that chooses surrogates.
type KeyHash = Box<dyn Fn(&str) -> u64 + Send + Sync>;

/// `veil_scrub(subject, body, language)`, or with surrogates
/// `veil_scrub(subject, body, language, sent_at, utc_offset_minutes, site,
/// patient_id)`.
#[derive(Debug)]
pub struct ScrubUdf {
    scrubber: Arc<Scrubber>,
    key: Arc<Key>,
    words: WordFindings,
    surrogates: Option<SurrogateMode>,
    signature: Signature,
}

/// Counts per text digest of the findings whose text is one word of
/// letters (three or more), as `veil_scrub` makes them: the only findings an
/// ordinary word of the kept text can match (the audit's removed words,
/// lower case or capitalised). Unlike a count of every digest, it grows
/// with the vocabulary of names, not with the export. Clones share counts.
#[derive(Debug, Clone, Default)]
pub struct WordFindings(Arc<Mutex<HashMap<[u8; 16], u64>>>);

impl WordFindings {
    /// The counts so far, leaving none.
    pub fn take(&self) -> HashMap<[u8; 16], u64> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Adds one batch's counts.
    fn add(&self, counted: HashMap<[u8; 16], u64>) {
        if counted.is_empty() {
            return;
        }
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (mac, n) in counted {
            *counts.entry(mac).or_default() += n;
        }
    }
}

/// Whether a finding's text could equal an ordinary word of the kept text
/// (three or more lower-case letters) or its capitalised form: one word of
/// three or more letters.
fn one_word_of_letters(text: &str) -> bool {
    text.chars().count() >= 3 && text.chars().all(char::is_alphabetic)
}

/// Surrogate replacement: invented values chosen with the study key, dates
/// moved by the patient's shift under `policy` (that of `veil_shift`).
#[derive(Debug)]
struct SurrogateMode {
    replacement: Surrogates<KeyHash>,
    policy: ShiftPolicy,
}

/// The columns a surrogate replacement reads per row.
struct RowContext<'a> {
    sent_at: &'a TimestampMicrosecondArray,
    offsets: &'a arrow::array::Int32Array,
    sites: &'a StringArray,
    patients: &'a StringArray,
}

/// The value of `row`, empty when null.
pub(crate) fn text_or_empty(array: &StringArray, row: usize) -> &str {
    if array.is_null(row) {
        ""
    } else {
        array.value(row)
    }
}

impl RowContext<'_> {
    /// The context of `row`: its language, the local (unshifted) day the
    /// message was sent, and `shift_days`.
    fn context(&self, row: usize, lang: Lang, shift_days: i32) -> ScrubContext {
        let local = (!self.sent_at.is_null(row))
            .then(|| {
                let offset = if self.offsets.is_null(row) {
                    0
                } else {
                    i64::from(self.offsets.value(row))
                };
                self.sent_at
                    .value(row)
                    .checked_add(offset.checked_mul(60_000_000)?)
            })
            .flatten();
        ScrubContext {
            lang,
            sent_date: local.and_then(timestamp_us_to_datetime).map(|t| t.date()),
            shift_days: i64::from(shift_days),
        }
    }

    /// Whether `a` and `b` are rows of the same patient at the same site.
    fn same_patient(&self, a: usize, b: usize) -> bool {
        text_or_empty(self.sites, a) == text_or_empty(self.sites, b)
            && text_or_empty(self.patients, a) == text_or_empty(self.patients, b)
    }
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

/// The item field of the `findings` list of `veil_scrub`: one finding.
fn finding_item() -> Field {
    Field::new("item", DataType::Struct(finding_fields()), true)
}

/// The `findings` list of `veil_scrub` as it is built: one builder per
/// field of a finding, and where each row's findings end.
struct FindingsBuilder {
    field: StringBuilder,
    start: Int32Builder,
    end: Int32Builder,
    category: StringBuilder,
    rule: StringBuilder,
    text_mac: StringBuilder,
    /// Per row, the number of findings before it, and the total.
    offsets: Vec<i32>,
}

impl FindingsBuilder {
    /// A builder for `rows` rows.
    fn with_capacity(rows: usize) -> FindingsBuilder {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        FindingsBuilder {
            field: StringBuilder::new(),
            start: Int32Builder::new(),
            end: Int32Builder::new(),
            category: StringBuilder::new(),
            rule: StringBuilder::new(),
            text_mac: StringBuilder::new(),
            offsets,
        }
    }

    /// One finding of the current row.
    fn push(&mut self, field: &str, finding: &veil_scrub::Finding, category: &str, mac: &str) {
        self.field.append_value(field);
        self.start
            .append_value(i32::try_from(finding.start).unwrap_or(i32::MAX));
        self.end
            .append_value(i32::try_from(finding.end).unwrap_or(i32::MAX));
        self.category.append_value(category);
        self.rule.append_value(finding.rule);
        self.text_mac.append_value(mac);
    }

    /// Ends the current row.
    fn end_row(&mut self) {
        self.offsets
            .push(i32::try_from(self.start.len()).unwrap_or(i32::MAX));
    }

    /// The list of every row's findings.
    fn finish(mut self) -> Result<ListArray> {
        let items = StructArray::try_new(
            finding_fields(),
            vec![
                Arc::new(self.field.finish()),
                Arc::new(self.start.finish()),
                Arc::new(self.end.finish()),
                Arc::new(self.category.finish()),
                Arc::new(self.rule.finish()),
                Arc::new(self.text_mac.finish()),
            ],
            None,
        )?;
        Ok(ListArray::try_new(
            Arc::new(finding_item()),
            OffsetBuffer::new(self.offsets.into()),
            Arc::new(items),
            None,
        )?)
    }
}

/// The struct `veil_scrub` returns: `subject`, `body`, `redactions`, one
/// `redactions_<category>` per category plus `redactions_other`,
/// `findings`, the `language` the texts were scrubbed as (declared, or
/// detected; null when neither), and `body_words`, the words (runs of
/// non-whitespace, as `\S+` counts them) of the scrubbed body.
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
        DataType::List(Arc::new(finding_item())),
        false,
    ));
    fields.push(Field::new("language", DataType::Utf8, true));
    fields.push(Field::new("body_words", DataType::Int32, true));
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
    /// The UDF with `scrubber`, replacing findings with their category
    /// tags; `key` makes the digests of findings, and `words` counts those
    /// of one word.
    pub fn udf(scrubber: Arc<Scrubber>, key: Arc<Key>, words: WordFindings) -> ScalarUDF {
        ScalarUDF::from(ScrubUdf {
            scrubber,
            key,
            words,
            surrogates: None,
            signature: Signature::exact(vec![DataType::Utf8; 3], Volatility::Immutable),
        })
    }

    /// The UDF with `scrubber`, replacing findings with surrogates chosen by
    /// [`Key::surrogate_hash`] and moving dates in the text by the patient's
    /// shift under `policy` (pass the policy of `veil_shift`). It takes
    /// seven arguments: `subject, body, language, sent_at,
    /// utc_offset_minutes, site, patient_id` (`site` empty when patients
    /// link across sites, as for `veil_shift`).
    pub fn with_surrogates(
        scrubber: Arc<Scrubber>,
        key: Arc<Key>,
        policy: ShiftPolicy,
        words: WordFindings,
    ) -> ScalarUDF {
        let hash_key = key.clone();
        let hash: KeyHash = Box::new(move |s: &str| hash_key.surrogate_hash(s));
        let replacement = Surrogates::new(hash).avoiding(scrubber.roster());
        ScalarUDF::from(ScrubUdf {
            scrubber,
            key,
            words,
            surrogates: Some(SurrogateMode {
                replacement,
                policy,
            }),
            signature: Signature::exact(
                vec![
                    DataType::Utf8,
                    DataType::Utf8,
                    DataType::Utf8,
                    timestamp_type(),
                    DataType::Int32,
                    DataType::Utf8,
                    DataType::Utf8,
                ],
                Volatility::Immutable,
            ),
        })
    }
}

impl PartialEq for ScrubUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.scrubber, &other.scrubber)
            && Arc::ptr_eq(&self.key, &other.key)
            && self.surrogates.as_ref().map(|m| m.policy)
                == other.surrogates.as_ref().map(|m| m.policy)
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
    REDACTION_CATEGORIES
        .iter()
        .position(|c| c.eq_ignore_ascii_case(category))
        .unwrap_or(REDACTION_CATEGORIES.len())
}

/// Words as the regular expression `\S+` counts them: runs of characters
/// that are not white space (Unicode's), read byte by byte where the text
/// is ASCII. The same count as `text.split_whitespace().count()`.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, width) = if bytes[i].is_ascii() {
            // char::is_whitespace for ASCII: tab to carriage return, space.
            (matches!(bytes[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += width;
    }
    words
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
        let mut body_words = Int32Builder::with_capacity(rows);
        let mut per_category: Vec<Int32Builder> = (0..=REDACTION_CATEGORIES.len())
            .map(|_| Int32Builder::with_capacity(rows))
            .collect();
        let mut findings = FindingsBuilder::with_capacity(rows);
        let mut counts = vec![0i32; REDACTION_CATEGORIES.len() + 1];
        let row_context = match (&self.surrogates, arrays.len()) {
            (None, _) => None,
            (Some(_), 7) => Some(RowContext {
                sent_at: arrays[3].as_primitive::<TimestampMicrosecondType>(),
                offsets: arrays[4].as_primitive::<Int32Type>(),
                sites: arrays[5].as_string::<i32>(),
                patients: arrays[6].as_string::<i32>(),
            }),
            (Some(_), n) => {
                return exec_err!("veil_scrub with surrogates takes 7 arguments, not {n}");
            }
        };
        let replacement: &dyn Replacement = match &self.surrogates {
            Some(mode) => &mode.replacement,
            None => &TagReplacement,
        };
        // Per distinct matched text: its digest, and its digest's bytes when
        // the text is one word of letters (counted for the audit).
        let mut text_macs: HashMap<&str, (String, Option<[u8; 16]>)> = HashMap::default();
        let mut word_macs: HashMap<[u8; 16], u64> = HashMap::default();
        // The language column holds one value for long stretches.
        let mut last_language: Option<(&str, Option<Lang>)> = None;
        // One patient's rows come together: reuse the last shift.
        let mut last_shift: Option<(usize, i32)> = None;
        for row in 0..rows {
            let declared = if languages.is_null(row) {
                None
            } else {
                let code = languages.value(row);
                match last_language {
                    Some((last, lang)) if last == code => lang,
                    _ => {
                        let lang = Lang::parse(code);
                        last_language = Some((code, lang));
                        lang
                    }
                }
            };
            let known = declared.or_else(|| {
                detect_language(
                    (!subjects.is_null(row)).then(|| subjects.value(row)),
                    (!bodies.is_null(row)).then(|| bodies.value(row)),
                )
            });
            language_out.append_option(known.map(Lang::code));
            let lang = known.unwrap_or(Lang::De);
            let ctx = match (&self.surrogates, &row_context) {
                (Some(mode), Some(rc)) => {
                    let days = match last_shift {
                        Some((previous, days)) if rc.same_patient(previous, row) => days,
                        _ => self.key.shift_days(
                            text_or_empty(rc.sites, row),
                            text_or_empty(rc.patients, row),
                            &mode.policy,
                        ),
                    };
                    last_shift = Some((row, days));
                    rc.context(row, lang, days)
                }
                _ => ScrubContext::new(lang),
            };
            counts.iter_mut().for_each(|c| *c = 0);
            let mut found = 0i32;
            for (field, input, output) in [
                ("subject", subjects, &mut subject_out),
                ("body", bodies, &mut body_out),
            ] {
                if input.is_null(row) {
                    output.append_null();
                    if field == "body" {
                        body_words.append_null();
                    }
                    continue;
                }
                let text = input.value(row);
                let scrubbed = self.scrubber.scrub_with(text, &ctx, replacement);
                for f in &scrubbed.findings {
                    found = found.saturating_add(1);
                    let category = f.category.as_str();
                    counts[category_index(category)] += 1;
                    let matched = text.get(f.start..f.end).unwrap_or("");
                    // Names recur across a batch's messages: one HMAC per distinct text.
                    let (mac, word) = text_macs.entry(matched).or_insert_with(|| {
                        let mac = self.key.text_mac(matched);
                        let word = if one_word_of_letters(matched) {
                            text_mac_bytes(&mac)
                        } else {
                            None
                        };
                        (mac, word)
                    });
                    if let Some(bytes) = word {
                        *word_macs.entry(*bytes).or_default() += 1;
                    }
                    findings.push(field, f, category, mac);
                }
                if field == "body" {
                    // Words as `\S+` counts them: runs of non-whitespace.
                    let words = count_words(&scrubbed.text);
                    body_words.append_value(i32::try_from(words).unwrap_or(i32::MAX));
                }
                output.append_value(&scrubbed.text);
            }
            findings.end_row();
            total.append_value(found);
            for (builder, n) in per_category.iter_mut().zip(&counts) {
                builder.append_value(*n);
            }
        }
        self.words.add(word_macs);
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
        columns.push(Arc::new(findings.finish()?));
        columns.push(Arc::new(language_out.finish()));
        columns.push(Arc::new(body_words.finish()));
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
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "één woord",
            "  two\twords\r\n",
            "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{200b}f",
            "Grüße,\x0b\x0cHerr [PATIENT]  ",
            "\u{1f600} x \u{1680}y",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
        assert_eq!(count_words(" één  woord\u{a0}meer "), 3);
    }

    /// Runs the tag and the surrogate `veil_scrub` and `veil_shift` over
    /// three messages: two of patient P1 (one dated in its text), one of P2.
    async fn tags_and_surrogates() -> (StructArray, StructArray, Vec<i64>, Vec<i64>) {
        use arrow::array::{Int32Array, RecordBatch};
        use arrow::datatypes::Schema;
        use datafusion::prelude::{SessionContext, col};
        use veil_scrub::{Category, RosterBuilder};

        let mut roster = RosterBuilder::new();
        roster.add_name("Anna Koch", Category::PatientName);
        let scrubber = Arc::new(Scrubber::new(roster.build()));
        let key = Arc::new(Key::from_bytes(vec![7u8; 32]).expect("key"));
        let policy = ShiftPolicy::default();
        // 2025-03-14 10:00 UTC, then a day later.
        let sent = [
            1_741_946_400_000_000i64,
            1_742_032_800_000_000,
            1_742_032_800_000_000,
        ];
        let schema = Arc::new(Schema::new(vec![
            Field::new("subject", DataType::Utf8, true),
            Field::new("body", DataType::Utf8, true),
            Field::new("language", DataType::Utf8, true),
            Field::new("sent_at", timestamp_type(), false),
            Field::new("utc_offset_minutes", DataType::Int32, false),
            Field::new("site", DataType::Utf8, false),
            Field::new("patient_id", DataType::Utf8, false),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(vec![Some("Termin"), None, None])),
                Arc::new(StringArray::from(vec![
                    "Frau Koch kam am 12.03.2025 zur Kontrolle.",
                    "Anna Koch ruft morgen an.",
                    "Liebe Frau Koch, alles gut.",
                ])),
                Arc::new(StringArray::from(vec!["de"; 3])),
                Arc::new(TimestampMicrosecondArray::from(sent.to_vec()).with_timezone("UTC")),
                Arc::new(Int32Array::from(vec![60; 3])),
                Arc::new(StringArray::from(vec!["a"; 3])),
                Arc::new(StringArray::from(vec!["P1", "P1", "P2"])),
            ],
        )
        .expect("batch");
        let tags = ScrubUdf::udf(scrubber.clone(), key.clone(), WordFindings::default());
        let surrogates =
            ScrubUdf::with_surrogates(scrubber, key.clone(), policy, WordFindings::default());
        let shift = crate::udf::ShiftUdf::udf(key, policy);
        let three = vec![col("subject"), col("body"), col("language")];
        let seven = vec![
            col("subject"),
            col("body"),
            col("language"),
            col("sent_at"),
            col("utc_offset_minutes"),
            col("site"),
            col("patient_id"),
        ];
        let ctx = SessionContext::new();
        let out = ctx
            .read_batch(batch)
            .expect("read")
            .select(vec![
                tags.call(three).alias("tags"),
                surrogates.call(seven).alias("surrogates"),
                shift
                    .call(vec![col("sent_at"), col("site"), col("patient_id")])
                    .alias("shifted"),
            ])
            .expect("select")
            .collect()
            .await
            .expect("run");
        let batch = arrow::compute::concat_batches(&out[0].schema(), &out).expect("concat");
        let shifted = batch
            .column(2)
            .as_primitive::<TimestampMicrosecondType>()
            .values()
            .to_vec();
        (
            batch.column(0).as_struct().clone(),
            batch.column(1).as_struct().clone(),
            sent.to_vec(),
            shifted,
        )
    }

    fn bodies(s: &StructArray) -> Vec<String> {
        let b = s.column_by_name("body").expect("body").as_string::<i32>();
        (0..b.len()).map(|i| b.value(i).to_string()).collect()
    }

    #[tokio::test]
    async fn surrogates_replace_names_consistently_and_shift_dates_like_sent_at() {
        let (tags, surrogates, sent, shifted) = tags_and_surrogates().await;
        // Findings and counts are recorded exactly as with tags.
        for field in scrubbed_fields().iter().skip(2) {
            let name = field.name().as_str();
            if name == "body_words" {
                continue; // a surrogate has as many words as it has
            }
            assert_eq!(
                tags.column_by_name(name).expect(name).as_ref(),
                surrogates.column_by_name(name).expect(name).as_ref(),
                "{name}"
            );
        }
        // Words are counted in the body as released.
        for s in [&tags, &surrogates] {
            let words = s
                .column_by_name("body_words")
                .unwrap()
                .as_primitive::<Int32Type>();
            for (i, body) in bodies(s).iter().enumerate() {
                assert_eq!(words.value(i) as usize, body.split_whitespace().count());
            }
            assert!(words.values().iter().all(|n| *n > 0));
        }
        // Tags stay the default replacement.
        let tagged = bodies(&tags);
        assert!(
            tagged[0].contains("[PATIENT]") && tagged[0].contains("[DATE]"),
            "{tagged:?}"
        );

        let texts = bodies(&surrogates);
        for t in &texts {
            assert!(
                !t.contains("Koch") && !t.contains("Anna") && !t.contains('['),
                "{t}"
            );
        }
        // The same surname becomes the same invented one in every message.
        let surname = texts[0]
            .strip_prefix("Frau ")
            .and_then(|t| t.split(' ').next())
            .expect("surname")
            .to_string();
        assert_eq!(
            texts[1].split(' ').nth(1),
            Some(surname.as_str()),
            "{texts:?}"
        );
        assert!(texts[2].contains(&format!("Frau {surname},")), "{texts:?}");

        // The date in the text moves by P1's shift, the one sent_at gets.
        let micros_per_day = 86_400_000_000i64;
        let days = (shifted[0] - sent[0]) / micros_per_day;
        assert!(days < 0);
        assert_eq!((shifted[1] - sent[1]) / micros_per_day, days);
        let written = timestamp_us_to_datetime(1_741_737_600_000_000 + days * micros_per_day)
            .expect("date")
            .format("%d.%m.%Y")
            .to_string();
        assert_eq!(
            texts[0],
            format!("Frau {surname} kam am {written} zur Kontrolle.")
        );
        assert_eq!(
            surrogates
                .column_by_name("subject")
                .expect("subject")
                .as_string::<i32>()
                .value(0),
            "Termin"
        );
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
