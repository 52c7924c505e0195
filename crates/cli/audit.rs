//! `veil audit`: recompute a release's audit (audit.json and a
//! self-contained audit.html) from its tables and the steward's findings
//! table, and say whether it matches the one in the release.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use veil_format::Manifest;
use veil_pseudonym::Key;
use veil_release::{
    AUDIT_HTML, AUDIT_JSON, FINDINGS_FILE, compute_audit, default_private_dir, read_audit,
    read_findings, removed_words, write_audit,
};

/// Arguments of `veil audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The release directory (releases/<study>).
    release: PathBuf,
    /// Where private/<study>/ is (default: beside releases/ as `veil run` makes it).
    #[arg(long, value_name = "DIR")]
    private: Option<PathBuf>,
    /// Where to write audit.json and audit.html (default: private/<study>/audit/).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Key file: also lists removed tokens that are ordinary words (steward only, into private/).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
}

pub fn run(args: AuditArgs) -> anyhow::Result<ExitCode> {
    crate::terminal::require_release(&args.release)?;
    let manifest = Manifest::load(&args.release)?;
    let private = args
        .private
        .clone()
        .unwrap_or_else(|| default_private_dir(&args.release, &manifest.study));
    let findings = read_findings(&private.join(FINDINGS_FILE)).with_context(|| {
        format!(
            "the audit counts come from the steward's findings table; pass --private DIR if {} is elsewhere",
            private.display()
        )
    })?;
    let released = read_audit(&args.release).ok();
    let k_anonymity =
        released
            .as_ref()
            .map(|a| a.k_anonymity.clone())
            .unwrap_or(veil_release::KAnonymity {
                k_target: 0,
                action: "generalize".into(),
                steps: Vec::new(),
            });
    let threshold = released
        .as_ref()
        .and_then(|a| a.risk.as_ref())
        .map_or(5, |r| r.threshold as u32);
    let audit = compute_audit(&args.release, &manifest, &findings, k_anonymity, threshold)?;
    let out = args.out.clone().unwrap_or_else(|| private.join("audit"));
    write_audit(&out, &audit)?;
    if let Some(path) = &args.key_file {
        let key = Key::from_file(path)?;
        let words = removed_words(&args.release, &manifest, &findings, &key)?;
        let file = out.join("removed-ordinary-words.json");
        std::fs::write(&file, serde_json::to_string_pretty(&words)?)
            .with_context(|| format!("cannot write {}", file.display()))?;
        eprintln!("private   {} (raw words, steward only)", file.display());
    }

    eprintln!("release   {}", args.release.display());
    eprintln!(
        "key       fingerprint {}{}",
        audit.key_fingerprint,
        if audit.demo_key {
            " (PUBLIC DEMO KEY)"
        } else {
            ""
        }
    );
    for s in &audit.reconciliation {
        eprintln!(
            "source    {}: {} read = {} released + {} quarantined",
            s.source, s.rows_read, s.rows_released, s.rows_quarantined
        );
    }
    eprintln!("redacted  {} findings", audit.redactions.total);
    for (site, categories) in &audit.redactions.by_site_category {
        let list: Vec<String> = categories.iter().map(|(c, n)| format!("{c} {n}")).collect();
        eprintln!("          {site}: {}", list.join(", "));
    }
    if let Some(r) = &audit.risk {
        eprintln!(
            "risk      {} patients in {} classes: k = {}, {} sample uniques, {} at risk (class under {})",
            r.records, r.classes, r.k, r.sample_uniques, r.records_at_risk, r.threshold
        );
    }
    let top: Vec<&str> = audit
        .kept_capitalised_tokens
        .iter()
        .take(10)
        .map(|(t, _)| t.as_str())
        .collect();
    eprintln!(
        "kept      most frequent capitalised tokens: {}",
        top.join(", ")
    );
    eprintln!(
        "written   {} and {}",
        out.join(AUDIT_JSON).display(),
        out.join(AUDIT_HTML).display()
    );
    match released {
        Some(r) if r == audit => {
            eprintln!("matches   the audit.json in the release");
            Ok(ExitCode::SUCCESS)
        }
        Some(_) => {
            eprintln!("DIFFERS   from the audit.json in the release");
            Ok(ExitCode::FAILURE)
        }
        None => {
            eprintln!("note      the release has no audit.json");
            Ok(ExitCode::SUCCESS)
        }
    }
}
