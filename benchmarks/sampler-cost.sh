#!/usr/bin/env bash
# The background sampler's cost per 5 s interval with every rule on: CPU per sample (with its share of one core),
# the JVM pauses each sample causes (safepoints), and the heap its model holds per live thread, at 1,000 and 10,000
# platform threads, and on Java 21+ 1,000 platform plus 9,000 virtual threads. One JVM per population.
#
#   benchmarks/sampler-cost.sh            all populations: results/sampler-jdkN.md (a few minutes)
#   benchmarks/sampler-cost.sh --smoke    1,000 threads healthy only, not kept: CI proves it runs
#   benchmarks/sampler-cost.sh --java DIR on the JDK in DIR
set -euo pipefail

harness_has_smoke=1
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
harness_setup "$@"
out=
if [[ -n "$smoke" ]]; then out=/dev/null; fi
out="${out:-$here/results/sampler-jdk$jdk.md}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

runs=("1000 0 healthy" "1000 0 stuck" "10000 0 healthy" "10000 0 stuck")
if [[ ${jdk%%.*} -ge 21 ]]; then runs+=("1000 9000 healthy" "1000 9000 stuck"); fi
[[ -n "$smoke" ]] && runs=("1000 0 healthy")

{
  echo "Sampler cost on JDK $jdk ($("$java" -version 2>&1 | head -n 1)), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Half the platform threads run blocked tracked tasks, half are parked four ways; virtual threads park on a"
  echo "latch. 5 rounds of 40 samples after 60 warm-up samples; CPU is the sampling thread's own, +- half the spread"
  echo "of the rounds; pauses are the safepoints of its stack reads and deadlock search (-Xlog:safepoint)."
  echo
  echo "| platform threads | virtual threads | tasks | CPU per sample | share of a core at 5 s | pause per sample | longest pause | heap per live thread |"
  echo "|--:|--:|---|--:|--:|--:|--:|--:|"
  for run in "${runs[@]}"; do
    read -r platform virtual tasks <<<"$run"
    : > "$log"
    "$java" -Xss256k -Xmx2g "-Xlog:safepoint:file=$log" -cp "$here/target/benchmarks.jar" \
      dev.leakwatch.benchmarks.SamplerCost "$platform" "$virtual" "$tasks" "$log"
  done
} | tee "$out"
