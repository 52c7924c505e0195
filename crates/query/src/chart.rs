//! Small self-contained SVG charts of query results (bar and line).

use std::fmt::Write;

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One bar per row.
    Bar,
    /// One point per row, joined by a line (for series over time).
    Line,
}

impl ChartKind {
    /// Parses `bar` or `line`.
    pub fn parse(name: &str) -> Option<ChartKind> {
        match name {
            "bar" => Some(ChartKind::Bar),
            "line" => Some(ChartKind::Line),
            _ => None,
        }
    }
}

/// One point of a chart: its label and value (`None`: suppressed or null).
pub type Point = (String, Option<f64>);

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 92.0;

/// Escapes text for XML and HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A value axis maximum that is a round number at or above `max`.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// Draws `points` as an SVG chart titled `title`, the value axis named
/// `value`. Suppressed points are marked, not drawn as zero.
pub fn svg(kind: ChartKind, title: &str, value: &str, points: &[Point]) -> String {
    let max = nice_max(points.iter().filter_map(|p| p.1).fold(0.0, f64::max));
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = points.len().max(1) as f64;
    let slot = plot_w / n;
    let y = |v: f64| TOP + plot_h - v / max * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="11">"#
    );
    let _ = write!(
        s,
        r#"<title>{t}</title><text x="{x}" y="20" font-size="14" font-weight="bold">{t}</text>"#,
        t = escape(title),
        x = LEFT
    );
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{v}</text>"##,
            x2 = WIDTH - RIGHT,
            yy = y(v),
            tx = LEFT - 6.0,
            ty = y(v) + 4.0,
            v = trim_number(v)
        );
    }
    let _ = write!(
        s,
        r#"<text transform="translate(14 {cy}) rotate(-90)" text-anchor="middle">{v}</text>"#,
        cy = TOP + plot_h / 2.0,
        v = escape(value)
    );
    let mut line = Vec::new();
    for (i, (label, v)) in points.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        match (kind, v) {
            (ChartKind::Bar, Some(v)) => {
                let _ = write!(
                    s,
                    r##"<rect x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="#4a7bb7"><title>{l}: {v}</title></rect>"##,
                    x = cx - slot * 0.35,
                    top = y(*v),
                    w = slot * 0.7,
                    h = TOP + plot_h - y(*v),
                    l = escape(label),
                    v = trim_number(*v)
                );
            }
            (ChartKind::Line, Some(v)) => {
                line.push(format!("{cx:.1},{:.1}", y(*v)));
                let _ = write!(
                    s,
                    r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="2.5" fill="#4a7bb7"><title>{l}: {v}</title></circle>"##,
                    cy = y(*v),
                    l = escape(label),
                    v = trim_number(*v)
                );
            }
            (_, None) => {
                let _ = write!(
                    s,
                    r##"<text x="{cx:.1}" y="{yy:.1}" text-anchor="middle" fill="#b00">×</text>"##,
                    yy = TOP + plot_h - 4.0
                );
            }
        }
        if points.len() <= 40 || i % (points.len() / 20).max(1) == 0 {
            let _ = write!(
                s,
                r#"<text transform="translate({cx:.1} {ty}) rotate(-45)" text-anchor="end">{l}</text>"#,
                ty = TOP + plot_h + 12.0,
                l = escape(label)
            );
        }
    }
    if line.len() > 1 {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#4a7bb7" stroke-width="2"/>"##,
            line.join(" ")
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" x2="{x2}" y1="{b}" y2="{b}" stroke="#333"/>"##,
        x2 = WIDTH - RIGHT,
        b = TOP + plot_h
    );
    if points.iter().any(|p| p.1.is_none()) {
        let _ = write!(
            s,
            r##"<text x="{x}" y="{yy}" fill="#b00">× suppressed (fewer patients than the minimum cell size) or empty</text>"##,
            x = LEFT,
            yy = HEIGHT - 6.0
        );
    }
    s.push_str("</svg>\n");
    s
}

fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_a_round_maximum_and_mark_suppressed_points() {
        let points = vec![
            ("night".to_string(), None),
            ("day <9>".to_string(), Some(180.0)),
            ("evening".to_string(), Some(45.0)),
        ];
        let svg = svg(ChartKind::Bar, "Messages & time", "messages", &points);
        assert!(svg.starts_with("<svg xmlns="));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains(">200</text>"), "axis rounds 180 up to 200");
        assert!(svg.contains("day &lt;9&gt;") && svg.contains("Messages &amp; time"));
        assert!(svg.contains("× suppressed"));
        let line = super::svg(ChartKind::Line, "t", "v", &points);
        assert!(line.contains("<polyline") && !line.contains("<rect"));
    }

    #[test]
    fn round_maxima() {
        assert_eq!(nice_max(180.0), 200.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(31_319.0), 50_000.0);
        assert_eq!(nice_max(0.0), 1.0);
    }
}
