//! The DataFusion session a release runs in: one partition per core, a
//! memory pool of fixed size shared fairly by the operators that can spill
//! (sorts, aggregates, joins), and spill files in the steward's private
//! scratch directory, never in the OS temporary directory or the release.

use std::path::Path;
use std::sync::Arc;

use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::FairSpillPool;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::ReleaseError;

/// Default memory limit of a release's plan: 1 GiB. (At 512 MiB, a
/// release of 1M Dutch messages ran out of memory while merging spilled
/// sorts: DataFusion 55's merge needs a batch of every spill file.)
pub const DEFAULT_MEMORY_LIMIT: usize = 1024 * 1024 * 1024;

/// Smallest memory limit a release accepts: each sort needs room for a few
/// batches of scrubbed messages (about 10 MB each) before it can spill.
pub const MIN_MEMORY_LIMIT: usize = 128 * 1024 * 1024;

/// Rows per batch inside the plan.
pub(crate) const PLAN_BATCH_ROWS: usize = 8192;

/// A session with `threads` partitions (0: one per core), a fair spilling
/// memory pool of `memory_limit` bytes and spill files under `spill_dir`.
pub(crate) fn session(
    threads: usize,
    memory_limit: usize,
    spill_dir: &Path,
) -> Result<SessionContext, ReleaseError> {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        threads
    };
    let memory_limit = memory_limit.max(MIN_MEMORY_LIMIT);
    let mut config = SessionConfig::new()
        .with_target_partitions(threads)
        .with_batch_size(PLAN_BATCH_ROWS);
    let options = config.options_mut();
    // `VARCHAR` in the generated SQL means Utf8, the release format's text type.
    options.sql_parser.map_string_types_to_utf8view = false;
    // Staged Parquet is read back with the types it was written with.
    options.execution.parquet.schema_force_view_types = false;
    // Each sort keeps a small reserve for its merge, taken from the pool.
    options.execution.sort_spill_reservation_bytes =
        (memory_limit / (8 * threads)).min(16 * 1024 * 1024);
    let runtime = RuntimeEnvBuilder::new()
        .with_memory_pool(Arc::new(FairSpillPool::new(memory_limit)))
        .with_disk_manager_builder(
            DiskManagerBuilder::default()
                .with_mode(DiskManagerMode::Directories(vec![spill_dir.to_path_buf()])),
        )
        .build_arc()?;
    Ok(SessionContext::new_with_config_rt(config, runtime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_has_the_pool_and_the_spill_directory() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = session(3, 256 * 1024 * 1024, dir.path()).unwrap();
        assert_eq!(ctx.copied_config().target_partitions(), 3);
        let runtime = ctx.runtime_env();
        assert!(matches!(
            runtime.memory_pool.memory_limit(),
            datafusion::execution::memory_pool::MemoryLimit::Finite(n) if n == 256 * 1024 * 1024
        ));
        assert!(runtime.disk_manager.tmp_files_enabled());
        // A tiny limit is raised to the minimum.
        let ctx = session(1, 1, dir.path()).unwrap();
        assert!(matches!(
            ctx.runtime_env().memory_pool.memory_limit(),
            datafusion::execution::memory_pool::MemoryLimit::Finite(n) if n == MIN_MEMORY_LIMIT
        ));
    }
}
