//! The first pass of a release: every source read once, without keeping
//! its rows. It writes the quarantine, counts what passed, and gathers the
//! roster of names from the export's own columns, which the scrubber needs
//! before it sees the first message.

use std::collections::HashMap;
use std::path::Path;

use veil_ingest::{IngestOptions, SiteIds, SourceReader};
use veil_pipeline::{Pipeline, SourceKind};

use crate::ReleaseError;
use crate::quarantine::QuarantineFile;
use crate::release::{Progress, SourceSummary};
use crate::roster::{ROSTER_COLUMNS, RosterNames};

/// Chunks the reader may read ahead of the roster.
const CHUNKS_AHEAD: usize = 2;

/// What the first pass found.
pub(crate) struct Survey {
    /// Per source, in the pipeline's order.
    pub sources: Vec<SourceSummary>,
    /// Names from the export's own columns.
    pub roster: RosterNames,
    /// Per source name, the rows quarantined for a duplicate message id:
    /// (line, line of the first occurrence). The second pass recognises
    /// them by these lines instead of holding every message id again.
    pub duplicates: HashMap<String, Vec<(u64, u64)>>,
}

/// Opens every source (a header problem stops the run before any row is
/// read), then reads each to its end: quarantine written, counts checked,
/// roster collected.
pub(crate) fn survey(
    pipeline: &Pipeline,
    options: &IngestOptions,
    quarantine_dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Survey, ReleaseError> {
    let mut readers = Vec::new();
    // Duplicate message ids are found across every source of a site.
    let site_ids = SiteIds::default();
    for source in &pipeline.sources {
        let mut reader = SourceReader::open(pipeline, source, options)?;
        reader.share_ids(&site_ids);
        // This pass needs the names only, not the message text.
        reader.keep_only(&ROSTER_COLUMNS);
        progress(Progress::SourceOpened {
            source: source.name.clone(),
            encoding: reader.encoding().to_string(),
        });
        readers.push((source, reader));
    }
    let mut roster = RosterNames::default();
    roster.add_staff_rosters(pipeline)?;
    let mut sources = Vec::new();
    let mut duplicates = HashMap::new();
    for (source, reader) in readers {
        let mut quarantine = QuarantineFile::create(quarantine_dir, &source.name, reader.path())?;
        let messages = reader.kind() == SourceKind::Messages;
        // The reader parses and checks the next chunk on its own thread
        // while this one writes the quarantine and gathers the roster.
        let reader = std::thread::scope(|scope| {
            let (chunks, received) = std::sync::mpsc::sync_channel(CHUNKS_AHEAD);
            let reading = scope.spawn(move || {
                let mut reader = reader;
                loop {
                    let next = reader.next_chunk();
                    let last = !matches!(next, Ok(Some(_)));
                    let read = reader.counts().rows_read;
                    if chunks.send(next.map(|c| c.map(|c| (c, read)))).is_err() || last {
                        return reader;
                    }
                }
            });
            for next in received {
                let Some((chunk, read)) = next? else { break };
                quarantine.write(&chunk.quarantined)?;
                if messages {
                    roster.collect(pipeline, &chunk.batch);
                }
                progress(Progress::Read {
                    source: source.name.clone(),
                    rows: read,
                });
            }
            reading.join().map_err(|_| {
                ReleaseError::Plan(datafusion::error::DataFusionError::Internal(format!(
                    "the reader of source `{}` stopped unexpectedly",
                    source.name
                )))
            })
        })?;
        duplicates.insert(source.name.clone(), reader.duplicates().to_vec());
        let counts = reader.counts().clone();
        if !counts.reconciles() {
            return Err(ReleaseError::Reconciliation {
                what: format!("source `{}`", source.name),
                read: counts.rows_read,
                released: counts.rows_passed,
                quarantined: counts.rows_quarantined,
            });
        }
        sources.push(SourceSummary {
            name: source.name.clone(),
            site: source.site.clone(),
            kind: reader.kind(),
            encoding: reader.encoding().to_string(),
            counts,
            quarantine_file: quarantine.finish()?,
        });
    }
    Ok(Survey {
        sources,
        roster,
        duplicates,
    })
}
