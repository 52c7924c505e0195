//! Message text exported as HTML (`<p>`, `<br>`, `&nbsp;`, `M&uuml;ller`),
//! as some portals store it, read as the plain text a reader sees: tags
//! become line breaks or nothing, entities their characters. The scrubber
//! then sees `Frau Müller` and `030 1234567`, which it could not find in
//! `Frau M&uuml;ller` and `030&nbsp;1234567`, and the release holds text an
//! analyst can read.

use std::borrow::Cow;

/// Whether `text` shows HTML markup: a known tag (`<br>`, `</p>`,
/// `<div class=...>`) or an entity (`&nbsp;`, `&#228;`). A `<` or `&` in
/// plain text (`dose <5 mg`, `A & B`) is neither.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most values are short names without either byte: a byte loop says
    // so before a vector search would have started.
    if bytes.len() <= SHORT_TEXT && !bytes.iter().any(|&b| b == b'<' || b == b'&') {
        return false;
    }
    memchr::memchr2_iter(b'<', b'&', bytes).any(|at| match bytes[at] {
        b'<' => tag_at(bytes, at).is_some(),
        _ => entity_at(text, at).is_some(),
    })
}

/// Texts up to this many bytes are looked through byte by byte first.
const SHORT_TEXT: usize = 32;

/// `text` as plain text if it [`looks_like_html`], else as it is.
pub(crate) fn plain_text(text: &str) -> Cow<'_, str> {
    if looks_like_html(text) {
        Cow::Owned(html_to_text(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The plain text of HTML `text`: block tags and `<br>` end a line, table
/// cells are set apart by ` | `, other tags, comments, scripts and
/// styles are dropped, entities are decoded; no more than one blank line
/// in a row, and none at either end.
pub(crate) fn html_to_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // Table cells opened since the last line break.
    let mut cells_in_line = 0;
    while at < bytes.len() {
        let Some(next) = memchr::memchr2(b'<', b'&', &bytes[at..]).map(|n| at + n) else {
            out.push_str(&text[at..]);
            break;
        };
        out.push_str(&text[at..next]);
        at = next;
        if bytes[at] == b'&' {
            match entity_at(text, at) {
                Some((c, len)) => {
                    out.push(if c == '\u{A0}' { ' ' } else { c });
                    at += len;
                }
                None => {
                    out.push('&');
                    at += 1;
                }
            }
            continue;
        }
        if bytes[at..].starts_with(b"<!--") {
            at = find(bytes, at + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let Some(tag) = tag_at(bytes, at) else {
            out.push('<');
            at += 1;
            continue;
        };
        at = tag.end;
        if !tag.closing && matches!(tag.name, "script" | "style") {
            // Their content is code, not text.
            let close = format!("</{}", tag.name);
            at = find_ignore_case(bytes, at, close.as_bytes())
                .and_then(|start| find(bytes, start, b">").map(|gt| gt + 1))
                .unwrap_or(bytes.len());
            continue;
        }
        match tag.name {
            // A table's rows follow each other without a blank line.
            "tr" => {
                cells_in_line = 0;
                if !out.trim_end_matches(' ').ends_with('\n') {
                    out.push('\n');
                }
            }
            "br" | "p" | "div" | "li" | "ul" | "ol" | "table" | "blockquote" | "pre" | "hr"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title" | "dt" | "dd" => {
                cells_in_line = 0;
                out.push('\n')
            }
            // A row's cells are set apart by a bar, as a reader sees the
            // columns (and the scrubber reads `Naam | Smit` as a field).
            "td" | "th" if !tag.closing => {
                if cells_in_line > 0 {
                    out.truncate(out.trim_end_matches(' ').len());
                    out.push_str(" | ");
                } else {
                    out.push(' ');
                }
                cells_in_line += 1;
            }
            _ => {}
        }
    }
    tidy_lines(&out)
}

/// A tag found in the text.
struct Tag {
    /// Its name, lower case, as listed in [`TAGS`].
    name: &'static str,
    /// Whether it is a closing tag (`</p>`).
    closing: bool,
    /// The offset just after its `>`.
    end: usize,
}

/// Names of the tags read as markup; any other `<word` is text.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "meta",
    "o:p",
    "ol",
    "p",
    "pre",
    "s",
    "script",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
];

/// The tag starting at `at` (a `<`), if it is one of [`TAGS`] followed by
/// `>`, `/>` or attributes, and closed by a `>` before the next `<`.
fn tag_at(bytes: &[u8], at: usize) -> Option<Tag> {
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b':')
    {
        i += 1;
    }
    let name = *TAGS
        .iter()
        .find(|tag| tag.as_bytes().eq_ignore_ascii_case(&bytes[start..i]))?;
    if !matches!(
        bytes.get(i),
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
    ) {
        return None;
    }
    let gt = memchr::memchr2(b'>', b'<', &bytes[i..]).map(|n| i + n)?;
    (bytes[gt] == b'>').then_some(Tag {
        name,
        closing,
        end: gt + 1,
    })
}

/// The char of the entity starting at `at` (a `&`) and the entity's
/// length: named (`&auml;`), decimal (`&#228;`) or hexadecimal (`&#xE4;`).
fn entity_at(text: &str, at: usize) -> Option<(char, usize)> {
    let rest = &text.as_bytes()[at + 1..];
    let semicolon = rest.iter().take(10).position(|b| *b == b';')?;
    let body = &text[at + 1..at + 1 + semicolon];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(body)?
    };
    Some((c, semicolon + 2))
}

/// The Latin-1 entities, from U+00A0 (`nbsp`) to U+00FF (`yuml`), in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Named entities outside Latin-1 that message text uses.
const OTHER_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
    ("larr", '←'),
    ("rarr", '→'),
    ("minus", '−'),
];

fn named_entity(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    OTHER_ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..], needle).map(|n| from + n)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|n| from + n)
}

/// Lines with their surrounding spaces cut, at most one blank line in a row,
/// none at the start or the end.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_told_from_plain_text() {
        for html in [
            "Hallo<br>Anna",
            "<p>Hallo</p>",
            "<DIV class=\"x\">Hallo</DIV>",
            "Frau M&uuml;ller",
            "030&nbsp;123",
            "&#228;",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "Dosis <5 mg",
            "A & B",
            "x<y and y>z",
            "ich <3 euch",
            "&c.",
            "Tom & Jerry; ok",
            "<Anna>",
        ] {
            assert!(!looks_like_html(text), "{text}");
            assert_eq!(plain_text(text), text);
        }
    }

    #[test]
    fn html_reads_as_the_text_a_reader_sees() {
        assert_eq!(
            html_to_text(
                "<p>Dear&nbsp;Mr.&nbsp;Henderson,</p><p>see you on 03/14.<br>Kind regards,<br/>Dr. Amy Whitfield</p>"
            ),
            "Dear Mr. Henderson,\n\nsee you on 03/14.\nKind regards,\nDr. Amy Whitfield"
        );
        assert_eq!(
            html_to_text(
                "<div>Liebe Frau M&uuml;ller,<br>Tel. 030&nbsp;1234567 &amp; &#x2013; &#8222;ok&ldquo;</div>"
            ),
            "Liebe Frau Müller,\nTel. 030 1234567 & – „ok“"
        );
        assert_eq!(
            html_to_text(
                "<b>Anna</b> <span style='x'>Koch</span><!-- Notiz: Anna Koch --><style>p {}</style>"
            ),
            "Anna Koch"
        );
        assert_eq!(
            html_to_text("<table><tr><td>Name</td><td>Jan</td></tr></table>"),
            "Name | Jan"
        );
        assert_eq!(
            html_to_text(
                "<table><tr><th>Naam</th><th>Huisarts</th></tr><tr><td>Smit</td> <td>Bakker</td><td></td></tr></table>"
            ),
            "Naam | Huisarts\nSmit | Bakker |"
        );
        // What is not markup stays: a stray `<`, an unknown entity.
        assert_eq!(
            html_to_text("<p>Dosis <5 mg &foo; & mehr</p>"),
            "Dosis <5 mg &foo; & mehr"
        );
        // Unclosed comments and scripts run to the end.
        assert_eq!(html_to_text("Hallo<br><script>var x"), "Hallo");
        assert_eq!(html_to_text("Hallo<!-- x"), "Hallo");
    }
}
