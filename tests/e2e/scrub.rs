//! `veil scrub`.

use std::io::Write;
use std::process::Stdio;

use super::*;

/// Runs `veil scrub` with `args`, feeding `input` on stdin.
fn scrub(args: &[&str], input: &str) -> String {
    let mut child = veil()
        .arg("scrub")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("veil runs");
    // Write stdin from another thread: the output may fill its pipe first.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn plain_lines_are_scrubbed_with_tags() {
    let out = scrub(
        &["--lang", "de", "--names", "Anna Koch"],
        "Liebe Frau Koch, am 3.5. um 14:30 Uhr bitte 0176 1234567 anrufen.\nDer Koch kocht.\n",
    );
    // `--names` names are removed wherever they stand, as roster names are.
    assert_eq!(
        out,
        "Liebe Frau [NAME], am [DATE] um 14:30 Uhr bitte [PHONE] anrufen.\nDer [NAME] kocht.\n"
    );
}

#[test]
fn a_letter_read_whole_is_one_message() {
    let letter = "Hallo,\nhet gaat beter met de benauwdheid.\nGroetjes,\nZyxa\n";
    // Line by line, `Zyxa` (in no list) stands alone: nothing marks it.
    assert_eq!(scrub(&["--lang", "nl"], letter), letter);
    // Whole, the sign-off above it marks the signature.
    assert_eq!(
        scrub(&["--lang", "nl", "--whole"], letter),
        "Hallo,\nhet gaat beter met de benauwdheid.\nGroetjes,\n[NAME]\n"
    );
}

#[test]
fn a_gold_file_goes_through_and_roster_names_do_not_survive() {
    let gold_path = repo().join("fixtures/synth/german-psychiatry/gold.jsonl");
    let gold = std::fs::read_to_string(&gold_path).unwrap();
    let out = scrub(&["--jsonl", "--findings"], &gold);
    let gold_lines: Vec<serde_json::Value> = gold
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let out_lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(gold_lines.len(), out_lines.len());
    for (g, o) in gold_lines.iter().zip(&out_lines) {
        assert_eq!(g["message_id"], o["message_id"]);
        assert!(o["findings"].is_array());
        let body = o["body"].as_str().unwrap().to_lowercase();
        for name in g["names"]["patient"].as_array().unwrap() {
            let name = name.as_str().unwrap().to_lowercase();
            assert!(!body.contains(&name), "{name} survives in {body}");
        }
    }
}
