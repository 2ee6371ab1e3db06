#!/usr/bin/env bash
# Builds the benchmarks and runs them, then prints the results table (see README.md).
#
#   benchmarks/run.sh                 short profile, about 6 minutes on 2 cores: results/short-jdkN.{json,md}
#   benchmarks/run.sh --full          long profile, about 40 minutes: results/full-jdkN.{json,md}
#   benchmarks/run.sh --smoke         CI: one tiny iteration of everything (about 1 minute), proves they run
#   benchmarks/run.sh --java DIR      run on the JDK in DIR (the build stays on the default JDK, --release 17)
#   benchmarks/run.sh -- ARGS...      one JMH run with extra arguments (a benchmark regex, -p, -prof ...);
#                                     its results are written as *.tmp and may lack rows
#
# Exit status: non-zero when the build fails or a benchmark does not run; goals are reported, not enforced.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
profile=short
java_home="${JAVA_HOME:-}"
extra=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) profile=smoke ;;
    --short) profile=short ;;
    --full) profile=full ;;
    --java) java_home="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Executor throughput and latency are the cases a busy neighbour on a 2-core machine disturbs most: they run
# in rounds, and the table pools the rounds' iterations and takes medians, so one disturbed stretch of time
# moves one round, not the result. The rest runs once.
executors='TaskThroughputBenchmark|PoolTaskCostBenchmark|TaskLatencyBenchmark'
others='InFlightHeapBenchmark|LeakEndpointBenchmark|SamplerBenchmark|ThreadStartCostBenchmark|Work'
case "$profile" in
  # -foe: stop at the first benchmark that throws, with a non-zero exit
  smoke) rounds=0; once=(-f 1 -wi 0 -i 1 -r 100ms -foe true) ;;
  short) rounds=3; round=(-f 1 -wi 1 -w 500ms -i 2 -r 1s); once=(-f 1 -wi 2 -w 1s -i 4 -r 1s) ;;
  full)  rounds=3; round=(-f 1 -wi 3 -w 2s -i 5 -r 2s); once=(-f 2 -wi 5 -w 2s -i 10 -r 2s) ;;
esac

if [[ -x "$root/mvnw" ]]; then mvn=("$root/mvnw"); else mvn=(mvn); fi
source "$here/harness.sh"
harness_java "$java_home"

started=$(date +%s)
echo "==> building (${mvn[*]} -pl benchmarks -am package)"
"${mvn[@]}" -q -B -f "$root/pom.xml" -pl benchmarks -am package -Dmaven.test.skip=true
jar="$here/target/benchmarks.jar"

results="$here/results"
name="$profile-jdk$jdk"
suffix=
table_args=()
if [[ $profile == smoke || ${#extra[@]} -gt 0 ]]; then
  suffix=.tmp # not kept: smoke figures mean nothing, and runs with extra arguments may lack rows
fi
if [[ ${#extra[@]} -gt 0 ]]; then
  table_args=(--allow-missing)
fi
work="$results/$name.runs.tmp"
log="$results/$name.log"
rm -rf "$work"
mkdir -p "$work"
: > "$log"

idle() { # share of CPU time left idle over the next 2 seconds, by everything on the machine
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep 2
  read -r -a b < <(grep '^cpu ' /proc/stat)
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo "$(( 100 * (b[4] + b[5] - a[4] - a[5]) / (total > 0 ? total : 1) ))%"
}

jmh() { # jmh OUTPUT ARGS...: one JMH run, its log appended to $log
  local out="$1"; shift
  set +e
  "$java" "${host[@]}" -jar "$jar" "$@" "${forks[@]}" -prof gc -rf json -rff "$out" 2>&1 | tee -a "$log"
  local status=${PIPESTATUS[0]}
  set -e
  if [[ $status -ne 0 ]]; then
    echo "JMH failed with status $status; log in $log" >&2
    exit "$status"
  fi
}

echo "==> running the $profile profile on JDK $jdk ($java); JMH log in ${log#$root/}"
idle_before="$(idle)"
idle_rounds=
if [[ ${#extra[@]} -gt 0 ]]; then
  options=("${once[@]}" "${extra[@]}")
  jmh "$work/run.json" "${once[@]}" "${extra[@]}"
elif [[ $rounds -eq 0 ]]; then
  options=("${once[@]}")
  jmh "$work/run.json" "${once[@]}"
else
  options=("rounds x3:" "${round[@]}" "others:" "${once[@]}")
  for r in $(seq 1 "$rounds"); do
    echo "==> round $r of $rounds: $executors"
    jmh "$work/round-$r.json" "$executors" "${round[@]}"
  done
  idle_rounds="$(idle)"
  echo "==> $others"
  jmh "$work/others.json" "$others" "${once[@]}"
fi
elapsed=$(( $(date +%s) - started ))
dirty=
if [[ -n "$(git -C "$root" status --porcelain -- leakwatch-core 2>/dev/null)" ]]; then
  dirty=" with uncommitted changes to leakwatch-core"
fi

json="$results/$name.json$suffix"
table="$results/$name.md$suffix"
{
  echo "Profile \`$profile\` (JMH ${options[*]} -prof gc), $(date -u +%Y-%m-%dT%H:%MZ)," \
    "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$dirty," \
    "$(( elapsed / 60 ))m$(( elapsed % 60 ))s including the build."
  echo
  # idle CPU while nothing of this run executes: how much the machine was shared (load averages would count
  # this run's own 10,000 parked threads)
  echo "Machine: $(nproc) CPUs; CPU idle with no benchmark running: $idle_before before the run${idle_rounds:+" and $idle_rounds after the executor rounds"}."
  echo
  echo '```'
  lscpu 2>/dev/null | head -n 10 || true
  "$java" -version 2>&1
  echo '```'
  echo
  "$java" "${host[@]}" -cp "$jar" dev.leakwatch.benchmarks.report.ResultsTable "${table_args[@]}" \
    --merge-into "$json" "$work"/*.json
} > "$table.partial" || { status=$?; cat "$table.partial"; rm -f "$table.partial"; exit "$status"; }
mv "$table.partial" "$table"
rm -rf "$work"

echo
cat "$table"
echo
echo "==> done in $(( elapsed / 60 ))m$(( elapsed % 60 ))s: ${json#$root/}, ${table#$root/}"
