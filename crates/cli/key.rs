//! `veil key`: make a study key, show a key's fingerprint.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use veil_pseudonym::Key;

/// Key commands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Print a fresh random 256-bit key (64 hex digits), or write it to a file
    /// readable only by you.
    New {
        /// Write the key to this file (created with mode 600; never overwritten)
        /// instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the fingerprint of a key: an HMAC of a fixed label that identifies
    /// the key in manifests without revealing it.
    Fingerprint {
        /// Key file (else VEIL_KEY_FILE, else VEIL_KEY).
        #[arg(long, value_name = "FILE")]
        key_file: Option<PathBuf>,
    },
}

pub fn run(command: KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::New { out: None } => {
            let key = Key::generate_hex()?;
            println!("{}", key.as_str());
        }
        KeyCommand::New { out: Some(path) } => {
            let key = Key::generate_hex()?;
            write_private(&path, key.as_bytes())?;
            let fingerprint = Key::from_hex(&key)?.fingerprint();
            eprintln!(
                "wrote a new 256-bit key to {} (mode 600), fingerprint {fingerprint}",
                path.display()
            );
            eprintln!(
                "keep it outside the repository and apart from the exports; without it pseudonyms cannot be reproduced"
            );
        }
        KeyCommand::Fingerprint { key_file } => {
            let key = Key::resolve(key_file.as_deref())?;
            println!("{}", key.fingerprint());
            crate::terminal::warn_if_demo(&key);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.exists() {
        bail!("{} exists; veil never overwrites a key", path.display());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.write_all(b"\n"))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
