//! Patient ranges: how a release of any size is made in bounded memory.
//!
//! Every release table is sorted by site and patient pseudonym first, and
//! a patient pseudonym is uniformly random. So the de-identified rows are
//! staged in buckets, one per site and range of the pseudonym's first
//! characters; each bucket (or a run of small ones) is then read into
//! memory on its own, its thread columns derived and its tables sorted,
//! and the tables of consecutive buckets, appended one after another, are
//! exactly the tables of the whole release. Only one bucket's rows are in
//! memory at a time, and no sort ever has to merge spill files.
//!
//! That holds when every thread belongs to one patient, which is what
//! portal exports hold; staging checks it, and a release whose threads
//! cross patient ranges is made at once instead ([`StagedBuckets::threads_span`]).
//!
//! Buckets are Arrow IPC files in the steward's private scratch directory
//! and hold de-identified rows only.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::BufWriter;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arrow::array::{Array, AsArray, RecordBatch, StringArray, UInt32Array};
use arrow::compute::{cast, take_record_batch};
use arrow::datatypes::{DataType, SchemaRef};
use arrow::error::ArrowError;
use arrow::ipc::reader::FileReader;
use arrow::ipc::writer::FileWriter;
use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::physical_plan::SendableRecordBatchStream;
use futures::StreamExt;
use tokio::task::JoinSet;
use veil_pipeline::{Pipeline, SourceKind};

use crate::ReleaseError;
use crate::error::io;

/// The alphabet of pseudonyms, in byte order (veil-pseudonym's base32).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Characters of the patient pseudonym that choose its range.
const PREFIX_CHARS: u32 = 3;

/// Ranks a character can have: its place in [`ALPHABET`], or 32 above it.
const RANKS: usize = 33;

/// Most ranges per site.
pub(crate) const MAX_RANGES: usize = 1024;

/// Bytes of rows a bucket gathers before they are written to its file.
const FLUSH_BYTES: usize = 256 * 1024;

/// The buckets of a release: every site (in byte order) times `ranges`
/// ranges of the patient pseudonym.
#[derive(Debug, Clone)]
pub(crate) struct BucketLayout {
    sites: Vec<String>,
    ranges: usize,
}

impl BucketLayout {
    /// A layout over `sites` with `ranges` ranges per site (1 to [`MAX_RANGES`]).
    pub(crate) fn new(mut sites: Vec<String>, ranges: usize) -> BucketLayout {
        sites.sort();
        sites.dedup();
        BucketLayout {
            sites,
            ranges: ranges.clamp(1, MAX_RANGES),
        }
    }

    /// The layout for `pipeline`'s export: `ranges` if given, otherwise
    /// enough ranges that one holds about `unit_bytes` of de-identified rows
    /// even if one site had the whole export (estimated from the size of
    /// the source files; runs of small buckets are read together later).
    pub(crate) fn for_export(
        pipeline: &Pipeline,
        unit_bytes: u64,
        ranges: Option<usize>,
    ) -> BucketLayout {
        let sites = pipeline.sources.iter().map(|s| s.site.clone()).collect();
        let ranges = ranges.unwrap_or_else(|| {
            let export_bytes: u64 = pipeline
                .sources
                .iter()
                .filter(|s| s.kind == SourceKind::Messages)
                .filter_map(|s| veil_ingest::text_bytes_estimate(&pipeline.source_path(s)).ok())
                .sum();
            // Arrow's offsets, pseudonyms and the findings lists make the
            // de-identified rows several times the size of the export's text.
            let rows_bytes = export_bytes.saturating_mul(4);
            let ranges = rows_bytes.div_ceil(unit_bytes.max(1)).max(1);
            usize::try_from(ranges)
                .unwrap_or(MAX_RANGES)
                .next_power_of_two()
        });
        BucketLayout::new(sites, ranges)
    }

    /// Buckets in all.
    pub(crate) fn len(&self) -> usize {
        self.sites.len() * self.ranges
    }

    /// The bucket of a row of `site` and patient pseudonym `patient`:
    /// buckets in order hold rows in (site, patient) order.
    fn bucket(&self, site: &str, patient: &str) -> Option<usize> {
        let site = self.sites.binary_search_by(|s| s.as_str().cmp(site)).ok()?;
        Some(site * self.ranges + range_of(patient, self.ranges))
    }
}

/// The range of a pseudonym among `ranges`, from its first characters:
/// never decreasing in the pseudonym's byte order, and even over pseudonyms.
fn range_of(patient: &str, ranges: usize) -> usize {
    let bytes = patient.as_bytes();
    let mut place = 0usize;
    for i in 0..PREFIX_CHARS as usize {
        let rank = bytes
            .get(i)
            .map_or(0, |b| ALPHABET.iter().filter(|a| *a < b).count());
        place = place * RANKS + rank;
    }
    place * ranges / RANKS.pow(PREFIX_CHARS)
}

/// One bucket's file while staging.
struct BucketFile {
    path: PathBuf,
    writer: Option<FileWriter<BufWriter<File>>>,
    pending: Vec<RecordBatch>,
    pending_bytes: usize,
}

impl BucketFile {
    fn flush(&mut self) -> Result<(), ReleaseError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        // A full disk is the usual failure here: name the file.
        let arrow = |e: ArrowError| match e {
            ArrowError::IoError(_, source) => ReleaseError::Io {
                path: self.path.clone(),
                source,
            },
            e => ReleaseError::Plan(e.into()),
        };
        let schema = self.pending[0].schema();
        let batch = arrow::compute::concat_batches(&schema, &self.pending).map_err(arrow)?;
        self.pending.clear();
        self.pending_bytes = 0;
        if self.writer.is_none() {
            let file = File::create(&self.path).map_err(io(&self.path))?;
            self.writer = Some(FileWriter::try_new(BufWriter::new(file), &schema).map_err(arrow)?);
        }
        self.writer
            .as_mut()
            .expect("opened")
            .write(&batch)
            .map_err(arrow)
    }
}

/// Where staged rows go: one file per bucket, and which bucket each
/// thread was seen in.
struct Sink {
    layout: BucketLayout,
    files: Vec<BucketFile>,
    bytes: Vec<u64>,
    rows: u64,
    threads: HashMap<u64, u32>,
    threads_span: bool,
}

impl Sink {
    /// Splits `batch` by bucket and queues each part for its file.
    fn take(&mut self, batch: &RecordBatch) -> Result<(), ReleaseError> {
        let text = |name: &str| -> Result<Option<StringArray>, ReleaseError> {
            match batch.column_by_name(name) {
                Some(column) => Ok(Some(
                    cast(column, &DataType::Utf8)
                        .map_err(|e| ReleaseError::Plan(e.into()))?
                        .as_string::<i32>()
                        .clone(),
                )),
                None => Ok(None),
            }
        };
        let missing = |name: &str| {
            ReleaseError::Plan(DataFusionError::Internal(format!(
                "staged rows have no `{name}` column"
            )))
        };
        let sites = text("site")?.ok_or_else(|| missing("site"))?;
        let patients = text("patient_pid")?.ok_or_else(|| missing("patient_pid"))?;
        let threads = text("thread_pid")?;
        let mut rows: Vec<(u32, u32)> = Vec::with_capacity(batch.num_rows());
        for row in 0..batch.num_rows() {
            let site = sites.value(row);
            let patient = if patients.is_null(row) {
                ""
            } else {
                patients.value(row)
            };
            let bucket = self.layout.bucket(site, patient).ok_or_else(|| {
                ReleaseError::Plan(DataFusionError::Internal(format!(
                    "a staged row has site `{site}`, which no source declares"
                )))
            })? as u32;
            // A message without a thread is a thread of its own.
            if let Some(threads) = threads.as_ref().filter(|t| t.is_valid(row)) {
                let mut hasher = DefaultHasher::new();
                site.hash(&mut hasher);
                threads.value(row).hash(&mut hasher);
                let first = *self.threads.entry(hasher.finish()).or_insert(bucket);
                self.threads_span |= first != bucket;
            }
            rows.push((bucket, row as u32));
        }
        rows.sort_unstable();
        self.rows += rows.len() as u64;
        for part in rows.chunk_by(|a, b| a.0 == b.0) {
            let bucket = part[0].0 as usize;
            let indices: UInt32Array = part.iter().map(|(_, row)| *row).collect();
            let rows =
                take_record_batch(batch, &indices).map_err(|e| ReleaseError::Plan(e.into()))?;
            let size = rows.get_array_memory_size();
            self.bytes[bucket] += size as u64;
            let file = &mut self.files[bucket];
            file.pending.push(rows);
            file.pending_bytes += size;
            if file.pending_bytes >= FLUSH_BYTES {
                file.flush()?;
            }
        }
        Ok(())
    }
}

/// De-identified rows staged in buckets.
#[derive(Debug)]
pub(crate) struct StagedBuckets {
    /// The schema of the rows.
    pub schema: SchemaRef,
    /// Per bucket, its file (none if it holds no row).
    files: Vec<Option<PathBuf>>,
    /// Per bucket, the bytes its rows take in memory.
    bytes: Vec<u64>,
    /// Rows staged.
    pub rows: u64,
    /// Whether some thread has rows in two buckets (then the thread
    /// columns cannot be derived one bucket at a time).
    pub threads_span: bool,
    /// The directory of the files.
    pub dir: PathBuf,
}

impl StagedBuckets {
    /// Reads the rows of the buckets in `range`.
    pub(crate) fn read(&self, range: Range<usize>) -> Result<Vec<RecordBatch>, ReleaseError> {
        let mut batches = Vec::new();
        for path in self.files[range].iter().flatten() {
            let file = File::open(path).map_err(io(path))?;
            let reader =
                FileReader::try_new(file, None).map_err(|e| ReleaseError::Plan(e.into()))?;
            for batch in reader {
                batches.push(batch.map_err(|e| ReleaseError::Plan(e.into()))?);
            }
        }
        Ok(batches)
    }

    /// Whether any row was staged.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// Runs of consecutive buckets whose rows (of all `staged` tables
/// together) take about `unit_bytes` at most; a bucket larger than that
/// is a run of its own, and empty buckets join the run before them (or
/// the first).
pub(crate) fn units(staged: &[&StagedBuckets], unit_bytes: u64) -> Vec<Range<usize>> {
    let buckets = staged.iter().map(|s| s.bytes.len()).max().unwrap_or(0);
    let size = |b: usize| -> u64 { staged.iter().filter_map(|s| s.bytes.get(b)).sum() };
    let mut units = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for bucket in 0..buckets {
        let size = size(bucket);
        if bytes > 0 && size > 0 && bytes + size > unit_bytes {
            units.push(start..bucket);
            start = bucket;
            bytes = 0;
        }
        bytes += size;
    }
    if start < buckets {
        units.push(start..buckets);
    }
    units
}

/// Runs `frame` and stages its rows in the buckets of `layout`, as Arrow
/// IPC files `<dir>/b<bucket>.arrow`.
pub(crate) async fn stage_buckets(
    frame: DataFrame,
    dir: &Path,
    layout: &BucketLayout,
) -> Result<StagedBuckets, ReleaseError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let streams = frame.execute_stream_partitioned().await?;
    let schema = streams.first().map(|s| s.schema()).ok_or_else(|| {
        ReleaseError::Plan(DataFusionError::Internal("a plan with no partition".into()))
    })?;
    let sink = Arc::new(Mutex::new(Sink {
        layout: layout.clone(),
        files: (0..layout.len())
            .map(|b| BucketFile {
                path: dir.join(format!("b{b:05}.arrow")),
                writer: None,
                pending: Vec::new(),
                pending_bytes: 0,
            })
            .collect(),
        bytes: vec![0; layout.len()],
        rows: 0,
        threads: HashMap::new(),
        threads_span: false,
    }));
    let mut tasks = JoinSet::new();
    for stream in streams {
        tasks.spawn(drain(stream, sink.clone()));
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| ReleaseError::Plan(DataFusionError::External(Box::new(e))))??;
    }
    let sink = Arc::into_inner(sink)
        .expect("every task has ended")
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let mut files = Vec::with_capacity(sink.files.len());
    for mut file in sink.files {
        file.flush()?;
        match file.writer {
            Some(mut writer) => {
                writer.finish().map_err(|e| ReleaseError::Plan(e.into()))?;
                files.push(Some(file.path));
            }
            None => files.push(None),
        }
    }
    Ok(StagedBuckets {
        schema,
        files,
        bytes: sink.bytes,
        rows: sink.rows,
        threads_span: sink.threads_span,
        dir: dir.to_path_buf(),
    })
}

/// Feeds one partition's stream to the sink.
async fn drain(
    mut stream: SendableRecordBatchStream,
    sink: Arc<Mutex<Sink>>,
) -> Result<(), ReleaseError> {
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        sink.lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(&batch)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_the_pseudonym_order_and_spread_evenly() {
        let mut pseudonyms: Vec<String> = (0..4096u32)
            .map(|i| {
                let mut s = String::new();
                let mut n = i.wrapping_mul(2_654_435_761);
                for _ in 0..8 {
                    s.push(ALPHABET[(n % 32) as usize] as char);
                    n /= 32;
                }
                s
            })
            .collect();
        pseudonyms.sort();
        let ranges: Vec<usize> = pseudonyms.iter().map(|p| range_of(p, 16)).collect();
        assert!(ranges.windows(2).all(|w| w[0] <= w[1]));
        let mut counts = [0usize; 16];
        for r in &ranges {
            counts[*r] += 1;
        }
        assert!(counts.iter().all(|c| (128..=384).contains(c)), "{counts:?}");
        assert_eq!(range_of("zzzzzz", 16), 15);
        assert_eq!(range_of("000", 16), 0);
        assert_eq!(range_of("", 16), 0);
        assert_eq!(range_of("~~~", 7), 6);
    }

    #[test]
    fn buckets_go_site_by_site() {
        let layout = BucketLayout::new(vec!["nl".into(), "de".into(), "de".into()], 4);
        assert_eq!(layout.len(), 8);
        assert_eq!(layout.bucket("de", "0"), Some(0));
        assert_eq!(layout.bucket("de", "zzz"), Some(3));
        assert_eq!(layout.bucket("nl", "0"), Some(4));
        assert_eq!(layout.bucket("us", "0"), None);
        assert_eq!(BucketLayout::new(vec!["a".into()], 0).ranges, 1);
        assert_eq!(
            BucketLayout::new(vec!["a".into()], 1 << 20).ranges,
            MAX_RANGES
        );
    }

    #[test]
    fn small_buckets_are_read_together() {
        let staged = |bytes: Vec<u64>| StagedBuckets {
            schema: Arc::new(arrow::datatypes::Schema::empty()),
            files: vec![None; bytes.len()],
            bytes,
            rows: 0,
            threads_span: false,
            dir: PathBuf::new(),
        };
        let messages = staged(vec![10, 10, 10, 50, 0, 0, 5]);
        let logins = staged(vec![1, 1, 1, 1, 1, 1, 1]);
        assert_eq!(units(&[&messages], 30), vec![0..3, 3..6, 6..7]);
        assert_eq!(
            units(&[&messages, &logins], 30),
            vec![0..2, 2..3, 3..4, 4..7]
        );
        assert_eq!(units(&[&messages], 1000), vec![0..7]);
        assert_eq!(
            units(&[&staged(vec![0, 10, 0, 10, 0])], 0),
            vec![0..3, 3..5]
        );
        assert!(units(&[&staged(vec![])], 10).is_empty());
    }
}
