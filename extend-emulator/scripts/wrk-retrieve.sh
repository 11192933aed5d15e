#!/usr/bin/env bash
# Measures GET /extract_runs/{id} throughput of the release emulator on
# loopback with wrk (apt-get install wrk). Target: at least 20,000 requests
# per second.
#
# Usage: extend-emulator/scripts/wrk-retrieve.sh [SECONDS] [CONNECTIONS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."

duration="${1:-10}"
connections="${2:-64}"
threads="${3:-2}"

cargo build --release -q -p extend-emulator
output="$(mktemp)"
RUST_LOG=error target/release/extend-emulator --port 0 --speed 100 >"$output" &
emulator=$!
trap 'kill "$emulator" 2>/dev/null; rm -f "$output"' EXIT

for _ in $(seq 50); do
    grep -q "listening on" "$output" && break
    sleep 0.1
done
base_url="$(sed -n 's/^Extend emulator listening on //p' "$output")"

run_id="$(curl -fsS "$base_url/extract_runs" \
    -H "Authorization: Bearer sk_bench" -H "x-extend-api-version: 2026-02-09" \
    -H "Content-Type: application/json" \
    -d '{"file": {"text": "Total: 5"}, "config": {"schema": {"properties": {"total": {"type": "number"}}}}}' \
    | sed -n 's/.*"id":"\(exr_[A-Za-z0-9]*\)".*/\1/p')"
sleep 1

echo "wrk: GET $base_url/extract_runs/$run_id for ${duration}s, $connections connections, $threads threads"
wrk -t"$threads" -c"$connections" -d"${duration}s" \
    -H "Authorization: Bearer sk_bench" -H "x-extend-api-version: 2026-02-09" \
    "$base_url/extract_runs/$run_id"
