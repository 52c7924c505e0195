//! `veil_birth(birth_date, sent_at)`: a raw birth date generalised to a
//! birth year or an age band as of the (true) send date of the message.
//! The patients table takes the value at the patient's first message.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int32Builder, StringBuilder, StructArray};
use arrow::datatypes::{DataType, Field, Fields, TimestampMicrosecondType};
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use veil_pseudonym::{BirthPolicy, Ymd, generalize_birth};

use crate::udf::timestamp_type;

/// `veil_birth(birth_date, sent_at)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct BirthUdf {
    policy: BirthPolicy,
    signature: Signature,
}

/// The struct `veil_birth` returns.
pub fn birth_fields() -> Fields {
    Fields::from(vec![
        Field::new("birth_year", DataType::Int32, true),
        Field::new("age_band", DataType::Utf8, true),
    ])
}

impl BirthUdf {
    /// The UDF under `policy`.
    pub fn udf(policy: BirthPolicy) -> ScalarUDF {
        ScalarUDF::from(BirthUdf {
            policy,
            signature: Signature::exact(
                vec![DataType::Utf8, timestamp_type()],
                Volatility::Immutable,
            ),
        })
    }
}

impl ScalarUDFImpl for BirthUdf {
    fn name(&self) -> &str {
        "veil_birth"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _args: &[DataType]) -> Result<DataType> {
        Ok(DataType::Struct(birth_fields()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let births = arrays[0].as_string::<i32>();
        let times = arrays[1].as_primitive::<TimestampMicrosecondType>();
        let mut years = Int32Builder::with_capacity(births.len());
        let mut bands = StringBuilder::with_capacity(births.len(), births.len() * 5);
        for row in 0..births.len() {
            let parsed = (!births.is_null(row) && !times.is_null(row))
                .then(|| Ymd::parse(births.value(row)))
                .flatten();
            match parsed {
                Some(birth) => {
                    let at = Ymd::from_unix_micros(times.value(row));
                    let g = generalize_birth(birth, at, self.policy);
                    years.append_option(g.birth_year);
                    bands.append_option(g.age_band);
                }
                None => {
                    years.append_null();
                    bands.append_null();
                }
            }
        }
        let columns: Vec<ArrayRef> = vec![Arc::new(years.finish()), Arc::new(bands.finish())];
        Ok(ColumnarValue::Array(Arc::new(StructArray::new(
            birth_fields(),
            columns,
            None,
        ))))
    }
}
