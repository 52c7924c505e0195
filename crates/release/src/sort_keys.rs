//! Sorting rows by key columns through Arrow's row format: the keys of each
//! row are encoded once into bytes that compare as the keys do, so the sort
//! compares plain byte strings instead of dispatching per column.

use arrow::array::{ArrayRef, RecordBatch, UInt32Array};
use arrow::compute::{SortColumn, SortOptions};
use arrow::error::ArrowError;
use arrow::row::{RowConverter, SortField};

/// The column `name` of `batch`, a batch of de-identified rows.
pub(crate) fn column(batch: &RecordBatch, name: &str) -> Result<ArrayRef, ArrowError> {
    batch.column_by_name(name).cloned().ok_or_else(|| {
        ArrowError::SchemaError(format!("the de-identified rows have no `{name}` column"))
    })
}

/// The row indices of `batch` sorted by the columns `order`, ascending
/// with nulls last (as SQL's `ORDER BY` sorts them).
pub(crate) fn sorted_by(batch: &RecordBatch, order: &[&str]) -> Result<UInt32Array, ArrowError> {
    let options = Some(SortOptions {
        descending: false,
        nulls_first: false,
    });
    let keys = order
        .iter()
        .map(|name| {
            Ok(SortColumn {
                values: column(batch, name)?,
                options,
            })
        })
        .collect::<Result<Vec<_>, ArrowError>>()?;
    sorted_indices(&keys)
}

/// The row indices of `keys` in their sort order (the keys of a release's
/// rows are unique, so the order is total).
pub(crate) fn sorted_indices(keys: &[SortColumn]) -> Result<UInt32Array, ArrowError> {
    let fields = keys
        .iter()
        .map(|k| {
            SortField::new_with_options(k.values.data_type().clone(), k.options.unwrap_or_default())
        })
        .collect();
    let columns: Vec<ArrayRef> = keys.iter().map(|k| k.values.clone()).collect();
    let rows = RowConverter::new(fields)?.convert_columns(&columns)?;
    let count = u32::try_from(rows.num_rows())
        .map_err(|_| ArrowError::ComputeError("too many rows in one run".into()))?;
    // Each row's bytes beside its index: the sort compares the slices
    // without looking the rows up again (a row compares as its bytes do).
    let mut keyed: Vec<(&[u8], u32)> = (0..count)
        .map(|i| (rows.row(i as usize).data(), i))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Ok(UInt32Array::from_iter_values(
        keyed.into_iter().map(|(_, i)| i),
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Int64Array, StringArray};
    use arrow::compute::{SortOptions, lexsort_to_indices};

    use super::*;

    #[test]
    fn the_order_is_that_of_a_lexical_sort_with_nulls_last() {
        let n = 3_000;
        let site: ArrayRef = Arc::new(StringArray::from_iter(
            (0..n).map(|i| Some(["b", "a", "ab"][i % 3])),
        ));
        let thread: ArrayRef = Arc::new(StringArray::from_iter(
            (0..n).map(|i| (i % 7 != 0).then(|| format!("t{}", (i * 13) % 29))),
        ));
        let at: ArrayRef = Arc::new(Int64Array::from_iter_values(
            (0..n).map(|i| ((i * 31) % 17) as i64 - 8),
        ));
        let id: ArrayRef = Arc::new(StringArray::from_iter_values(
            (0..n).map(|i| format!("m{}", (i * 7919) % 10_007)),
        ));
        let options = Some(SortOptions {
            descending: false,
            nulls_first: false,
        });
        let keys: Vec<SortColumn> = [site, thread, at, id]
            .into_iter()
            .map(|values| SortColumn { values, options })
            .collect();
        let want = lexsort_to_indices(&keys, None).unwrap();
        assert_eq!(sorted_indices(&keys).unwrap(), want);
    }
}
