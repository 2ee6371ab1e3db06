#!/usr/bin/env bash
# What 100,000 distinct string URIs leave behind in leakwatch's HTTP sources: sources named, leakwatch series and
# live heap held, for URIs whose ids fold and for paths that never do. Each shape runs 3 times, each in a JVM of
# its own (the spread is the difference between runs).
#
#   benchmarks/http-sources.sh            results/http-sources-jdkN.md (about a minute)
#   benchmarks/http-sources.sh --java DIR on the JDK in DIR
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
harness_setup "$@"
out="$here/results/http-sources-jdk$jdk.md"

{
  echo "HTTP sources after 100,000 distinct string URIs per client kind (WebClient and RestClient, 200,000 requests),"
  echo "leakwatch.http.max-sources=100, source-idle-time=5m, on JDK $jdk ($("$java" -version 2>&1 | head -n 1)),"
  echo "$(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ). Heap: live heap after full collections, minus the same before the"
  echo "requests, in a 256 MB JVM; each shape 3 times. Source series: meters tagged source; other meters: any others"
  echo "the requests added (none should)."
  echo
  echo "| URIs | distinct per kind | sources | source series | other meters | heap after 10,000 | heap after 100,000 | report notes |"
  echo "|---|--:|--:|--:|--:|--:|--:|---|"
  for shape in ids words; do
    for _ in 1 2 3; do
      "$java" -Xmx256m -cp "$here/target/benchmarks.jar" dev.leakwatch.autoconfigure.http.HttpSourcesFootprint "$shape"
    done
  done
} | tee "$out"
