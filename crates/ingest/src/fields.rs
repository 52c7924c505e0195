//! The fields of one delimited record as the CSV splitter hands them over:
//! one byte buffer and each field's range in it. A record the splitter's
//! buffer holds whole is copied at one go, delimiters and quotes included
//! (a quoted field with a doubled quote copied unquoted), and its fields
//! are ranges of the copy; a record read across refills is copied field
//! by field.

use std::ops::Range;

/// The fields of a record, with their buffers reused from record to record.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    /// Every byte held; each field is a range of it.
    bytes: Vec<u8>,
    /// Each field's range in `bytes`.
    bounds: Vec<(usize, usize)>,
}

impl Fields {
    /// No field.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Forgets every field, keeping the buffers.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.bounds.clear();
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Appends a field holding a copy of `field`.
    pub fn push_field(&mut self, field: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(field);
        self.bounds.push((start, self.bytes.len()));
    }

    /// Appends `bytes` to the buffer without making a field of them; the
    /// offset they start at, for [`Fields::push_range`].
    pub fn push_bytes(&mut self, bytes: &[u8]) -> usize {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        start
    }

    /// Appends a field that is `range` of the buffer (its bytes pushed
    /// already, or pushed before the field is read).
    pub fn push_range(&mut self, range: Range<usize>) {
        self.bounds.push((range.start, range.end));
    }

    /// Field `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&[u8]> {
        self.range(index).map(|range| &self.bytes[range])
    }

    /// The range of field `index` in [`Fields::bytes`].
    pub fn range(&self, index: usize) -> Option<Range<usize>> {
        self.bounds.get(index).map(|&(start, end)| start..end)
    }

    /// Every byte held, fields and what lies between them (delimiters,
    /// quotes): a field is a range of it.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.bounds
            .iter()
            .map(|&(start, end)| &self.bytes[start..end])
    }

    /// How many bytes the fields hold together.
    pub fn field_bytes(&self) -> usize {
        self.bounds.iter().map(|(start, end)| end - start).sum()
    }

    /// Takes a trailing `byte` off the last field, if it ends with one.
    pub fn strip_last(&mut self, byte: u8) {
        if let Some((start, end)) = self.bounds.last_mut()
            && *end > *start
            && self.bytes[*end - 1] == byte
        {
            *end -= 1;
        }
    }
}

impl std::ops::Index<usize> for Fields {
    type Output = [u8];

    /// Field `index`; panics if there is none.
    fn index(&self, index: usize) -> &[u8] {
        let (start, end) = self.bounds[index];
        &self.bytes[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_copies_or_ranges_of_the_buffer() {
        let mut fields = Fields::new();
        let at = fields.push_bytes(b"ab;\"");
        fields.push_range(at..at + 2);
        let unquoted = fields.push_bytes(b"c\"d\r");
        fields.push_range(unquoted..unquoted + 4);
        fields.push_field(b"");
        fields.strip_last(b'\r');
        fields.push_field(b"x\r");
        fields.strip_last(b'\r');
        let all: Vec<&[u8]> = fields.iter().collect();
        assert_eq!(all, [&b"ab"[..], b"c\"d\r", b"", b"x"]);
        assert_eq!(fields.len(), 4);
        assert_eq!(fields.field_bytes(), 7);
        assert_eq!(fields.get(1), Some(&b"c\"d\r"[..]));
        assert_eq!(fields.get(4), None);
        fields.clear();
        assert_eq!((fields.len(), fields.bytes().len()), (0, 0));
    }
}
