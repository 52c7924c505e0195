//! Errors of loading a pipeline file.

use std::fmt;
use std::path::PathBuf;

/// A problem at one place in a pipeline file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line (0 when the problem has no single place).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The key, dotted: `policy.body`, `sources[1].site`.
    pub key: String,
    /// What is wrong and what to do.
    pub reason: String,
}

/// Why a pipeline file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The file could not be read.
    #[error("cannot read pipeline {path}: {source}")]
    Read {
        /// The pipeline file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the pipeline's shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The pipeline file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The file parses but its policy is refused.
    #[error("{}", Refusals { path, problems })]
    Refused {
        /// The pipeline file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

struct Refusals<'a> {
    path: &'a PathBuf,
    problems: &'a [Problem],
}

impl fmt::Display for Refusals<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "pipeline {} refused ({n} problem{}):",
            self.path.display(),
            if n == 1 { "" } else { "s" }
        )?;
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "  {}:{}:{}: {}: {}",
                self.path.display(),
                p.line,
                p.column,
                p.key,
                p.reason
            )?;
        }
        Ok(())
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(super::line_column("ab\ncd", 0), (1, 1));
        assert_eq!(super::line_column("ab\ncd", 4), (2, 2));
    }
}
