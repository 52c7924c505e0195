//! Ages of 90 and over: `92 Jahre`, `92-jarige`, `93-year-old`, `aged 93`,
//! `Alter: 95`. Only the number is protected.

use super::Scan;
use crate::Category;
use crate::lexicon::{AGE_PRE, AGE_UNIT};
use crate::token::Kind;

/// Finds ages over 89.
pub(crate) fn find(scan: &mut Scan<'_>) {
    let n = scan.doc.len();
    for i in 0..n {
        if scan.claimed[i] || scan.doc.toks[i].kind != Kind::Num {
            continue;
        }
        let Some(age) = scan.doc.num(i) else { continue };
        if !(90..=125).contains(&age) || scan.doc.digits(i) > 3 {
            continue;
        }
        // `92 Jahre`, `92-jarige`, `93-year-old`.
        let mut j = i + 1;
        if scan.doc.is_glued_punct(j, '-') {
            j += 1;
        }
        let unit = scan.doc.has(j, AGE_UNIT);
        // `aged 93`, `Alter: 95`, `leeftijd van 91`.
        let mut k = i;
        while k > 0
            && k + 3 > i
            && (scan.doc.is_punct(k - 1, ':')
                || scan.doc.s(k - 1).eq_ignore_ascii_case("van")
                || scan.doc.s(k - 1).eq_ignore_ascii_case("of")
                || scan.doc.s(k - 1).eq_ignore_ascii_case("von"))
        {
            k -= 1;
        }
        let label = k > 0 && scan.doc.has(k - 1, AGE_PRE);
        if unit {
            scan.push(i, i, Category::AgeOver89, "age.unit");
        } else if label {
            scan.push(i, i, Category::AgeOver89, "age.label");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::*;
    use crate::Lang;

    #[test]
    fn old_ages_only() {
        let f = |t: &str| texts(t, Lang::De, find);
        assert_eq!(f("Patientin, 92 Jahre alt"), ["92"]);
        assert_eq!(f("een 92-jarige vrouw"), ["92"]);
        assert_eq!(f("aged 93, a 95-year-old"), ["93", "95"]);
        assert_eq!(f("Alter: 97"), ["97"]);
        assert!(f("89 Jahre, 45 jaar, 92 mg, Zimmer 95").is_empty());
    }
}
