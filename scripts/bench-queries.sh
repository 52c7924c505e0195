#!/usr/bin/env bash
# Times the study queries at scale: generates synthetic Dutch outpatient
# exports of 1M (and, if asked, 10M) messages with `veil synth`, releases
# each with `veil run`, then runs every analysis of
# pipelines/dutch-outpatient.toml and pipelines/cross-site.toml as its own
# `veil sql` process, printing a table of wall time and peak resident memory
# per query.
#
#   scripts/bench-queries.sh                 # 1M messages
#   scripts/bench-queries.sh 1000000 10000000
#   scripts/bench-queries.sh --release 1000000
#
# VEIL_BIN (or VEIL)=path/to/veil picks the binary; --release uses
# $CARGO_TARGET_DIR/release/veil (default target/release/veil), built with
# `cargo build --release --bin veil` when missing; --debug uses the debug
# build the same way. The default is the release build. WORK=DIR keeps the
# generated data (default: a temporary directory, removed at the end).
# MEMORY_LIMIT=1G is passed to `veil run --memory-limit`.
# For the release step it prints messages per second (rows read / wall
# time) and the peak resident memory of the whole `veil run`.
# Figures come from /usr/bin/time (wall seconds, max RSS). Nothing here
# asserts a speed; it prints figures.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
profile=release
sizes=()
for arg in "$@"; do
  case "$arg" in
    --release) profile=release ;;
    --debug) profile=debug ;;
    *) sizes+=("$arg") ;;
  esac
done
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)

target_dir="${CARGO_TARGET_DIR:-$root/target}"
veil="${VEIL_BIN:-${VEIL:-$target_dir/$profile/veil}}"
if [ ! -x "$veil" ]; then
  if [ "$profile" = release ]; then
    (cd "$root" && cargo build --release --bin veil)
  else
    (cd "$root" && cargo build --bin veil)
  fi
fi
echo "binary: $veil" >&2
memory_limit="${MEMORY_LIMIT:-1G}"
if [ ! -x /usr/bin/time ]; then
  echo "needs /usr/bin/time (GNU time) for peak memory" >&2
  exit 1
fi

work="${WORK:-$(mktemp -d)}"
[ -z "${WORK:-}" ] && trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

# name<TAB>sql lines of a pipeline's analyses, one per analysis, newlines folded.
analyses() {
  awk '
    /^\[\[analyses\]\]/ { name = ""; }
    /^name = "/ { n = $0; sub(/^name = "/, "", n); sub(/".*/, "", n); name = n; }
    /^sql = """/ { insql = 1; sql = ""; next; }
    insql && /^"""/ { insql = 0; gsub(/\t/, " ", sql); printf "%s\t%s\n", name, sql; next; }
    insql { sql = sql " " $0; }
  ' "$1"
}

# Runs a command under /usr/bin/time; prints "seconds max_rss_kb".
measure() {
  local out
  out="$( { /usr/bin/time -f "TIME %e %M" "$@" >/dev/null 2>"$work/stderr"; } 2>&1; cat "$work/stderr")"
  if ! grep -q '^TIME ' <<<"$out"; then
    echo "failed: $*" >&2
    cat "$work/stderr" >&2
    return 1
  fi
  grep '^TIME ' <<<"$out" | tail -1 | awk '{ print $2, $3 }'
}

[ -f "$work/bench.key" ] || "$veil" key new --out "$work/bench.key" >/dev/null 2>&1

printf '%-12s %-34s %10s %12s %s\n' "messages" "step" "seconds" "peak MB" "cells suppressed"
for n in "${sizes[@]}"; do
  export_dir="$work/dutch-$n"
  rm -rf "$export_dir"
  read -r s m < <(measure "$veil" synth dutch-outpatient --messages "$n" --out "$export_dir")
  printf '%-12s %-34s %10s %12s\n' "$n" "synth" "$s" "$((m / 1024))"

  pipeline="$work/dutch-$n.toml"
  sed "s|^path = \"../fixtures/synth/dutch-outpatient/|path = \"$export_dir/|" \
    "$root/pipelines/dutch-outpatient.toml" >"$pipeline"
  read -r s m < <(measure "$veil" run "$pipeline" --key-file "$work/bench.key" --out "$work/out-$n" --no-analyses --quiet --memory-limit "$memory_limit")
  printf '%-12s %-34s %10s %12s\n' "$n" "release (veil run --no-analyses)" "$s" "$((m / 1024))"
  read_rows="$(grep -o '"rows_read": *[0-9]*' "$work/out-$n/releases/dutch-outpatient/manifest.json" | grep -o '[0-9]*$' | paste -sd+ | bc)"
  echo "release path: $read_rows rows read in $s s: $(echo "$read_rows / $s" | bc) messages/s, peak RSS $((m / 1024)) MB (memory limit $memory_limit)" >&2

  release="$work/out-$n/releases/dutch-outpatient"
  while IFS=$'\t' read -r name sql; do
    read -r s m < <(measure "$veil" sql "$release" --format csv -c "$sql")
    suppressed="$(grep -o '^[0-9]* cells\? suppressed' "$work/stderr" | grep -o '^[0-9]*' || echo 0)"
    printf '%-12s %-34s %10s %12s %s\n' "$n" "$name" "$s" "$((m / 1024))" "$suppressed"
  done < <(analyses "$root/pipelines/dutch-outpatient.toml"; analyses "$root/pipelines/cross-site.toml")
done
