#!/usr/bin/env bash
# The cost of recording where threads are started (leakwatch.created-by.enabled): CPU while threads start at
# 1,000 per second and while none start (recording on and off in alternating rounds), heap per live thread (one
# JVM with the recording, one without), what 1,000,000 short-lived threads leave behind, and (JMH) the CPU the
# thread that starts a thread pays for the start's event and stack.
#
#   benchmarks/created-by-cost.sh            all of it: results/created-by-jdkN.md (about 22 minutes)
#   benchmarks/created-by-cost.sh --java DIR on the JDK in DIR
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
harness_setup "$@"
cost=("$java" -Xmx512m -Xss256k -cp "$here/target/benchmarks.jar" dev.leakwatch.benchmarks.origin.CreatedByCost)

{
  echo "Created-by cost on JDK $jdk ($("$java" -version 2>&1 | head -n 1)), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ),"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) before the run."
  echo
  "${cost[@]}" cpu
  "${cost[@]}" heap off
  "${cost[@]}" heap on
  "${cost[@]}" churn 1000000
  echo
  echo "The starting thread's CPU per start (ThreadStartCostBenchmark):"
  echo
  "$java" "${host[@]}" -jar "$here/target/benchmarks.jar" ThreadStartCostBenchmark "${forks[@]}" \
    -f 3 -rf json -rff "$here/target/thread-start-cost.json" >/dev/null
  "$java" "${host[@]}" -cp "$here/target/benchmarks.jar" dev.leakwatch.benchmarks.report.ResultsTable \
    --allow-missing "$here/target/thread-start-cost.json" | grep -E '^\| (Case|Created by)|^\|---'
} | tee "$here/results/created-by-jdk$jdk.md"
