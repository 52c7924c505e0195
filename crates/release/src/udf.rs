//! The de-identification functions as DataFusion scalar UDFs, so the release
//! is one DataFusion plan that can run anywhere DataFusion runs.
//!
//! - `veil_pseudonym(domain, site, id)`: keyed HMAC-SHA256 pseudonym.
//! - `veil_shift(ts, site, patient_id)`: the timestamp moved by the patient's shift.
//!
//! `veil_scrub` and `veil_birth` live in their own files.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::{Array, AsArray, StringBuilder, TimestampMicrosecondArray};
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{HashMap, Result, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use veil_pseudonym::{Domain, Key, ShiftPolicy, shift_micros};

/// The timestamp type of `sent_at`: microseconds, UTC.
pub(crate) fn timestamp_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

/// `veil_pseudonym(domain, site, id)`.
#[derive(Debug)]
pub struct PseudonymUdf {
    key: Arc<Key>,
    signature: Signature,
}

impl PseudonymUdf {
    /// The UDF under `key`.
    pub fn udf(key: Arc<Key>) -> ScalarUDF {
        ScalarUDF::from(PseudonymUdf {
            key,
            signature: Signature::exact(vec![DataType::Utf8; 3], Volatility::Immutable),
        })
    }
}

impl PartialEq for PseudonymUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.key, &other.key)
    }
}

impl Eq for PseudonymUdf {}

impl Hash for PseudonymUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "veil_pseudonym".hash(state);
    }
}

impl ScalarUDFImpl for PseudonymUdf {
    fn name(&self) -> &str {
        "veil_pseudonym"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (domains, sites, ids) = (
            arrays[0].as_string::<i32>(),
            arrays[1].as_string::<i32>(),
            arrays[2].as_string::<i32>(),
        );
        let mut out =
            StringBuilder::with_capacity(ids.len(), ids.len() * veil_pseudonym::PSEUDONYM_LEN);
        let mut buffer = String::with_capacity(veil_pseudonym::PSEUDONYM_LEN);
        // Patients, threads and people recur within a batch: one HMAC per
        // distinct (domain, site, id). Message ids are unique, so not kept.
        let mut made: HashMap<(&str, &str, &str), String> = HashMap::default();
        for row in 0..ids.len() {
            if ids.is_null(row) || domains.is_null(row) {
                out.append_null();
                continue;
            }
            let name = domains.value(row);
            let Some(domain) = Domain::parse(name) else {
                return exec_err!("veil_pseudonym: unknown domain `{name}`");
            };
            let site = if sites.is_null(row) {
                ""
            } else {
                sites.value(row)
            };
            let id = ids.value(row);
            if domain == Domain::Message {
                buffer.clear();
                self.key.pseudonym_into(domain, site, id, &mut buffer);
                out.append_value(&buffer);
                continue;
            }
            let pseudonym = made
                .entry((name, site, id))
                .or_insert_with(|| self.key.pseudonym(domain, site, id));
            out.append_value(pseudonym);
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    }
}

/// `veil_shift(ts, site, patient_id)`.
#[derive(Debug)]
pub struct ShiftUdf {
    key: Arc<Key>,
    policy: ShiftPolicy,
    signature: Signature,
}

impl ShiftUdf {
    /// The UDF under `key` with `policy`.
    pub fn udf(key: Arc<Key>, policy: ShiftPolicy) -> ScalarUDF {
        ScalarUDF::from(ShiftUdf {
            key,
            policy,
            signature: Signature::exact(
                vec![timestamp_type(), DataType::Utf8, DataType::Utf8],
                Volatility::Immutable,
            ),
        })
    }
}

impl PartialEq for ShiftUdf {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.key, &other.key) && self.policy == other.policy
    }
}

impl Eq for ShiftUdf {}

impl Hash for ShiftUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "veil_shift".hash(state);
    }
}

impl ScalarUDFImpl for ShiftUdf {
    fn name(&self) -> &str {
        "veil_shift"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(timestamp_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let times = arrays[0].as_primitive::<TimestampMicrosecondType>();
        let (sites, patients) = (arrays[1].as_string::<i32>(), arrays[2].as_string::<i32>());
        // One patient's rows come together: reuse the last shift.
        let mut last: Option<(usize, i32)> = None;
        let shifted: TimestampMicrosecondArray = (0..times.len())
            .map(|row| {
                if times.is_null(row) || patients.is_null(row) {
                    return None;
                }
                let site = if sites.is_null(row) {
                    ""
                } else {
                    sites.value(row)
                };
                let days = match last {
                    Some((previous, days))
                        if patients.value(previous) == patients.value(row)
                            && (sites.is_null(previous) || sites.value(previous) == site) =>
                    {
                        days
                    }
                    _ => self.key.shift_days(site, patients.value(row), &self.policy),
                };
                last = Some((row, days));
                Some(shift_micros(times.value(row), days))
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(shifted.with_timezone("UTC"))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{ArrayRef, RecordBatch, StringArray};
    use arrow::datatypes::{Field, Schema};
    use datafusion::prelude::SessionContext;

    #[tokio::test]
    async fn pseudonyms_of_recurring_ids_are_those_of_the_key() {
        let key = Arc::new(Key::from_bytes(vec![3u8; 32]).expect("key"));
        let rows = [
            ("patient", "a", "17"),
            ("person", "a", "17"),
            ("patient", "b", "17"),
            ("patient", "a", "17"),
            ("message", "a", "17"),
            ("thread", "a", "T1"),
            ("person", "a", "17"),
            ("thread", "a", "T1"),
        ];
        let column = |i: usize| -> ArrayRef {
            Arc::new(StringArray::from_iter_values(rows.iter().map(
                |r| match i {
                    0 => r.0,
                    1 => r.1,
                    _ => r.2,
                },
            )))
        };
        let schema = Arc::new(Schema::new(
            ["d", "s", "i"]
                .map(|n| Field::new(n, DataType::Utf8, false))
                .to_vec(),
        ));
        let batch =
            RecordBatch::try_new(schema, vec![column(0), column(1), column(2)]).expect("batch");
        let ctx = SessionContext::new();
        ctx.register_udf(PseudonymUdf::udf(key.clone()));
        ctx.register_batch("t", batch).expect("register");
        let out = ctx
            .sql("SELECT veil_pseudonym(d, s, i) AS p FROM t")
            .await
            .expect("plan")
            .collect()
            .await
            .expect("run");
        let got: Vec<String> = out
            .iter()
            .flat_map(|b| {
                let p = b.column(0).as_string::<i32>();
                (0..p.len())
                    .map(|i| p.value(i).to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let want: Vec<String> = rows
            .iter()
            .map(|(d, s, i)| key.pseudonym(Domain::parse(d).expect("domain"), s, i))
            .collect();
        assert_eq!(got, want);
        // Domains and sites keep the same id apart.
        assert_ne!(got[0], got[1]);
        assert_ne!(got[0], got[2]);
        assert_eq!(got[0], got[3]);
    }
}
