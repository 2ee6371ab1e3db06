#!/usr/bin/env bash
# The cost of a heap proof (/actuator/leaks?proof=true) at 50, 200 and 800 MB of live heap: dump time (the JVM
# pauses), analysis time, peak heap, and whether exactly the 8 planted leaked threads were proven leaked. Each size
# runs once, in a JVM of its own with room for the analysis.
#
#   benchmarks/proof-cost.sh            50, 200 and 800 MB: results/proof-jdkN.md (a few minutes)
#   benchmarks/proof-cost.sh --smoke    20 MB only, not kept: CI proves it runs
#   benchmarks/proof-cost.sh --java DIR on the JDK in DIR
set -euo pipefail

harness_has_smoke=1
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
harness_setup "$@"
sizes=(50 200 800)
out=
if [[ -n "$smoke" ]]; then sizes=(20); out=/dev/null; fi
out="${out:-$here/results/proof-jdk$jdk.md}"

{
  echo "Heap proof cost on JDK $jdk ($("$java" -version 2>&1 | head -n 1)), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Live heap of 48-byte arrays (the costly case: many small objects), 8 threads leaked by a put to a queue only"
  echo "they know. Peak heap sums each pool's peak during the proof, the retained heap included."
  echo
  echo "| live heap | used before dump | objects in dump | dump (JVM paused) | analysis | peak heap | proven leaked | only the planted ones |"
  echo "|--:|--:|--:|--:|--:|--:|--:|---|"
  for mb in "${sizes[@]}"; do
    "$java" -Xmx$(( mb * 5 + 1024 ))m -cp "$here/target/benchmarks.jar" dev.leakwatch.benchmarks.proof.ProofCost "$mb"
  done
} | tee "$out"
