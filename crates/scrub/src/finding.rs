//! A detection: where, what and which rule; never a copy of the text.

use crate::Category;

/// One piece of protected information found in a text.
///
/// A finding carries byte offsets into the text it was found in, its
/// category and the name of the rule that found it, so audits can count by
/// rule. It never holds the matched text itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset of the first byte (on a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (on a char boundary).
    pub end: usize,
    /// What kind of information it is.
    pub category: Category,
    /// The rule that found it, e.g. `roster`, `email`, `date.numeric`.
    pub rule: &'static str,
}

impl Finding {
    /// Length of the finding in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the finding covers no text.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Sorts findings and keeps a non-overlapping set: at each position the
/// longest finding wins, ties go to the category of higher priority.
pub(crate) fn resolve_overlaps(findings: &mut Vec<Finding>) {
    findings.retain(|f| !f.is_empty());
    sort(findings);
    // Kept findings are compacted to the front, in place.
    let mut kept: usize = 0;
    for k in 0..findings.len() {
        let f = findings[k];
        match kept.checked_sub(1).map(|last| &mut findings[last]) {
            // An overlapping finding widens the one kept, so that no
            // protected byte is left uncovered.
            Some(last) if f.start < last.end => last.end = last.end.max(f.end),
            _ => {
                findings[kept] = f;
                kept += 1;
            }
        }
    }
    findings.truncate(kept);
}

/// Whether `a` sorts after `b` in [`resolve_overlaps`]: by start, at one
/// start the longer first (the one that ends later), then by category.
#[inline]
fn after(a: &Finding, b: &Finding) -> bool {
    if a.start != b.start {
        return a.start > b.start;
    }
    if a.end != b.end {
        return a.end < b.end;
    }
    a.category > b.category
}

/// Sorts `findings` by [`after`], stably. A message has a few findings,
/// most often already in order: they are sorted by insertion, and only a
/// long list goes to the library's sort.
fn sort(findings: &mut [Finding]) {
    if findings.len() > 24 {
        findings.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then_with(|| b.end.cmp(&a.end))
                .then_with(|| a.category.cmp(&b.category))
        });
        return;
    }
    for k in 1..findings.len() {
        if !after(&findings[k - 1], &findings[k]) {
            continue;
        }
        let f = findings[k];
        let mut j = k;
        while j > 0 && after(&findings[j - 1], &f) {
            findings[j] = findings[j - 1];
            j -= 1;
        }
        findings[j] = f;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(start: usize, end: usize, category: Category) -> Finding {
        Finding {
            start,
            end,
            category,
            rule: "test",
        }
    }

    #[test]
    fn longest_wins_and_overlaps_are_merged() {
        let mut v = vec![
            f(10, 14, Category::City),
            f(0, 4, Category::OtherName),
            f(0, 8, Category::PatientName),
            f(6, 12, Category::Date),
        ];
        resolve_overlaps(&mut v);
        assert_eq!(v, vec![f(0, 14, Category::PatientName)]);
    }

    #[test]
    fn sorted_apart_findings_stay_and_empty_ones_go() {
        let apart = vec![
            f(0, 4, Category::OtherName),
            f(4, 8, Category::Date),
            f(9, 12, Category::City),
        ];
        let mut v = apart.clone();
        resolve_overlaps(&mut v);
        assert_eq!(v, apart);
        let mut v = vec![f(0, 4, Category::OtherName), f(6, 6, Category::Date)];
        resolve_overlaps(&mut v);
        assert_eq!(v, vec![f(0, 4, Category::OtherName)]);
        // Out of order: sorted.
        let mut v = vec![f(9, 12, Category::City), f(0, 4, Category::OtherName)];
        resolve_overlaps(&mut v);
        assert_eq!(
            v,
            vec![f(0, 4, Category::OtherName), f(9, 12, Category::City)]
        );
    }

    #[test]
    fn equal_spans_go_to_higher_priority() {
        let mut v = vec![f(0, 4, Category::OtherName), f(0, 4, Category::PatientName)];
        resolve_overlaps(&mut v);
        assert_eq!(v, vec![f(0, 4, Category::PatientName)]);
    }
}
