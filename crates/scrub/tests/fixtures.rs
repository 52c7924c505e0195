//! Scrub cases as folders: `fixtures/scrub/<lang>/<case>/` holds
//! `input.txt`, an optional `names.txt` (lines `patient: Anna Koch`,
//! `clinician: Dr. Katrin Wolf`, `other: Petra Koch`: the roster) and
//! `expected.txt` (the tagged text). Each case runs as its own check and is
//! reported by name; any failure fails the test.
//!
//! To add a case, make a folder with `input.txt` (and `names.txt`), run this
//! test with `VEIL_BLESS=1` to write `expected.txt`, and read it before
//! committing.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use veil_scrub::{Category, Lang, RosterBuilder, Scrubber};

fn cases(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(langs) = std::fs::read_dir(root) else {
        return out;
    };
    for lang in langs.flatten() {
        let Ok(entries) = std::fs::read_dir(lang.path()) else {
            continue;
        };
        for case in entries.flatten() {
            if case.path().join("input.txt").is_file() {
                out.push(case.path());
            }
        }
    }
    out.sort();
    out
}

fn run_case(dir: &Path) -> Result<(), String> {
    let lang_code = dir
        .parent()
        .and_then(Path::file_name)
        .and_then(|s| s.to_str())
        .ok_or("no language folder")?;
    let lang = Lang::parse(lang_code).ok_or_else(|| format!("unknown language {lang_code}"))?;
    let input = std::fs::read_to_string(dir.join("input.txt")).map_err(|e| e.to_string())?;
    let mut roster = RosterBuilder::new();
    if let Ok(names) = std::fs::read_to_string(dir.join("names.txt")) {
        for line in names.lines().filter(|l| !l.trim().is_empty()) {
            let (kind, name) = line
                .split_once(':')
                .ok_or_else(|| format!("bad names line {line:?}"))?;
            let category = match kind.trim() {
                "patient" => Category::PatientName,
                "clinician" => Category::ClinicianName,
                "other" => Category::OtherName,
                k => return Err(format!("unknown name kind {k:?}")),
            };
            roster.add_name(name.trim(), category);
        }
    }
    let out = Scrubber::new(roster.build()).scrub(&input, lang);
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("VEIL_BLESS").is_some() {
        std::fs::write(&expected_path, &out.text).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if out.text != expected {
        return Err(format!("--- expected\n{expected}\n--- got\n{}", out.text));
    }
    // Scrubbing the result again changes nothing.
    let again = Scrubber::default().scrub(&out.text, lang).text;
    if again != out.text {
        return Err(format!("not idempotent:\n{again}"));
    }
    Ok(())
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/scrub");
    let cases = cases(&root);
    let mut failed = 0;
    for case in &cases {
        let name = case
            .strip_prefix(&root)
            .unwrap_or(case)
            .display()
            .to_string();
        match run_case(case) {
            Ok(()) => println!("test scrub case {name} ... ok"),
            Err(e) => {
                failed += 1;
                println!("test scrub case {name} ... FAILED\n{e}");
            }
        }
    }
    println!("{} scrub cases, {} failed", cases.len(), failed);
    if cases.is_empty() {
        eprintln!("no cases found under {}", root.display());
        return ExitCode::FAILURE;
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
