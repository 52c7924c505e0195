//! Name, street, place and institution lists of each language, compiled into
//! the crate from `data/{de,nl,en}/` (see `data/README.md` for their sources).

use std::sync::OnceLock;

/// A given name with the sex it is usually given to.
#[derive(Debug, Clone, Copy)]
pub struct FirstName {
    /// True for names usually given to women.
    pub female: bool,
    /// The name.
    pub name: &'static str,
}

/// A postal code and its place.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// Postal code (`14467`, `3511 AX`, `02115`).
    pub postcode: &'static str,
    /// US state, empty elsewhere.
    pub state: &'static str,
    /// Town or city.
    pub city: &'static str,
}

/// The lists of one language.
#[derive(Debug)]
pub struct Lists {
    /// Given names.
    pub first: Vec<FirstName>,
    /// Surnames (with particles where they have them).
    pub surnames: Vec<&'static str>,
    /// Street names.
    pub streets: Vec<&'static str>,
    /// Places with postcodes.
    pub places: Vec<Place>,
    /// Institutions.
    pub institutions: Vec<&'static str>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse(
    first: &'static str,
    surnames: &'static str,
    streets: &'static str,
    places: &'static str,
    institutions: &'static str,
    has_state: bool,
) -> Lists {
    let first = lines(first)
        .filter_map(|l| {
            let (sex, name) = l.split_once(' ')?;
            Some(FirstName {
                female: sex == "f",
                name: name.trim(),
            })
        })
        .collect();
    let places = lines(places)
        .filter_map(|l| {
            // Postcode is one token, or two for Dutch codes (`3511 AX`).
            let mut cut = l.find(' ')?;
            let rest = &l[cut + 1..];
            if !has_state
                && rest.len() > 2
                && rest.as_bytes()[2] == b' '
                && rest[..2].bytes().all(|b| b.is_ascii_uppercase())
            {
                cut += 3;
            }
            let postcode = &l[..cut];
            let rest = l[cut + 1..].trim();
            let (state, city) = if has_state {
                rest.split_once(' ')?
            } else {
                ("", rest)
            };
            Some(Place {
                postcode,
                state,
                city,
            })
        })
        .collect();
    Lists {
        first,
        surnames: lines(surnames).collect(),
        streets: lines(streets).collect(),
        places,
        institutions: lines(institutions).collect(),
    }
}

/// German lists.
pub fn de() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        parse(
            include_str!("../data/de/first_names.txt"),
            include_str!("../data/de/surnames.txt"),
            include_str!("../data/de/streets.txt"),
            include_str!("../data/de/places.txt"),
            include_str!("../data/de/institutions.txt"),
            false,
        )
    })
}

/// Dutch lists.
pub fn nl() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        parse(
            include_str!("../data/nl/first_names.txt"),
            include_str!("../data/nl/surnames.txt"),
            include_str!("../data/nl/streets.txt"),
            include_str!("../data/nl/places.txt"),
            include_str!("../data/nl/institutions.txt"),
            false,
        )
    })
}

/// English (US) lists.
pub fn en() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        parse(
            include_str!("../data/en/first_names.txt"),
            include_str!("../data/en/surnames.txt"),
            include_str!("../data/en/streets.txt"),
            include_str!("../data/en/places.txt"),
            include_str!("../data/en/institutions.txt"),
            true,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_with_both_sexes_and_postcodes() {
        for lists in [de(), nl(), en()] {
            assert!(lists.first.len() >= 80);
            assert!(lists.first.iter().any(|f| f.female));
            assert!(lists.first.iter().any(|f| !f.female));
            assert!(lists.surnames.len() >= 90);
            assert!(
                lists
                    .places
                    .iter()
                    .all(|p| !p.postcode.is_empty() && !p.city.is_empty())
            );
        }
        assert!(
            nl().places
                .iter()
                .any(|p| p.postcode == "3511 AX" && p.city == "Utrecht")
        );
        assert!(
            en().places
                .iter()
                .any(|p| p.state == "MA" && p.city == "Boston")
        );
        assert!(
            de().places
                .iter()
                .any(|p| p.city == "Brandenburg an der Havel")
        );
        assert!(nl().surnames.contains(&"van den Berg"));
    }
}
