//! Writing gold lines as JSON by hand: the hot path of generation, so the
//! strings are escaped straight into the output buffer.

use crate::sink::GoldFacts;
use crate::text::Text;

/// Bytes that need escaping in a JSON string.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = true;
        i += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Appends `s` as a JSON string (quotes included), escaped as serde_json does.
pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(i) = rest.iter().position(|&b| NEEDS_ESCAPE[usize::from(b)]) {
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

fn json_list(out: &mut Vec<u8>, items: &[&str]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, item);
    }
    out.push(b']');
}

fn spans(out: &mut Vec<u8>, field: &str, text: &Text, first: &mut bool) {
    if text.spans.is_empty() {
        return;
    }
    // One pass over the chars maps every span's char offsets to bytes
    // (spans are sorted and do not overlap).
    let mut char_pos = 0;
    let mut chars = text.s.char_indices();
    let mut byte_at = |target: usize| -> usize {
        while char_pos < target {
            chars.next();
            char_pos += 1;
        }
        chars.clone().next().map_or(text.s.len(), |(b, _)| b)
    };
    for span in &text.spans {
        let start_byte = byte_at(span.start);
        let end_byte = byte_at(span.end);
        if !*first {
            out.push(b',');
        }
        *first = false;
        out.extend_from_slice(b"{\"field\":\"");
        out.extend_from_slice(field.as_bytes());
        out.extend_from_slice(b"\",\"start\":");
        number(out, span.start);
        out.extend_from_slice(b",\"end\":");
        number(out, span.end);
        out.extend_from_slice(b",\"category\":\"");
        out.extend_from_slice(span.category.as_str().as_bytes());
        out.extend_from_slice(b"\",\"text\":");
        json_str(out, &text.s[start_byte..end_byte]);
        out.push(b'}');
    }
}

/// Appends a decimal number.
fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends one gold line (with its newline).
pub(crate) fn gold_line(out: &mut Vec<u8>, facts: &GoldFacts, subject: &Text, body: &Text) {
    out.extend_from_slice(b"{\"message_id\":");
    json_str(out, facts.message_id);
    out.extend_from_slice(b",\"language\":");
    json_str(out, facts.language);
    out.extend_from_slice(b",\"sent_at\":");
    json_str(out, facts.sent_at);
    out.extend_from_slice(b",\"names\":{\"patient\":");
    json_list(out, facts.patient);
    out.extend_from_slice(b",\"clinician\":");
    json_list(out, facts.clinician);
    out.extend_from_slice(b",\"other\":");
    json_list(out, facts.other);
    out.extend_from_slice(b"},\"subject\":");
    json_str(out, &subject.s);
    out.extend_from_slice(b",\"body\":");
    json_str(out, &body.s);
    out.extend_from_slice(b",\"spans\":[");
    let mut first = true;
    spans(out, "subject", subject, &mut first);
    spans(out, "body", body, &mut first);
    out.extend_from_slice(b"]}\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{GoldRecord, GoldSpan, Names};
    use crate::text::Category;

    #[test]
    fn hand_written_lines_equal_serde_json_output() {
        let mut subject = Text::default();
        subject.push("AW: \"Termin\" am ");
        subject.span("12.3.", Category::Date);
        let mut body = Text::default();
        body.push("Liebe Frau ");
        body.span("Müller-Lüdenscheidt", Category::PatientName);
        body.push(",\n\ttab\u{1} back\\slash \u{8}\u{c} ");
        body.span("0331 1234567", Category::Phone);
        let facts = GoldFacts {
            message_id: "N-1",
            language: "de",
            sent_at: "2025-03-04T10:15:00+01:00",
            patient: &["Anna Müller-Lüdenscheidt"],
            clinician: &["Dr. Katrin Wolf"],
            other: &[],
        };
        let mut line = Vec::new();
        gold_line(&mut line, &facts, &subject, &body);
        let parsed: GoldRecord = serde_json::from_slice(&line).unwrap();
        let span = |field: &str, text: &Text, i: usize| {
            let s = text.spans[i];
            GoldSpan {
                field: field.into(),
                start: s.start,
                end: s.end,
                category: s.category,
                text: text.s.chars().skip(s.start).take(s.end - s.start).collect(),
            }
        };
        let want = GoldRecord {
            message_id: "N-1".into(),
            language: "de".into(),
            sent_at: "2025-03-04T10:15:00+01:00".into(),
            names: Names {
                patient: vec!["Anna Müller-Lüdenscheidt".into()],
                clinician: vec!["Dr. Katrin Wolf".into()],
                other: vec![],
            },
            subject: subject.s.clone(),
            body: body.s.clone(),
            spans: vec![
                span("subject", &subject, 0),
                span("body", &body, 0),
                span("body", &body, 1),
            ],
        };
        assert_eq!(parsed, want);
        assert_eq!(parsed.spans[1].text, "Müller-Lüdenscheidt");
        assert_eq!(parsed.spans[2].text, "0331 1234567");
        let mut serde = serde_json::to_vec(&want).unwrap();
        serde.push(b'\n');
        assert_eq!(
            String::from_utf8(line).unwrap(),
            String::from_utf8(serde).unwrap()
        );
    }
}
