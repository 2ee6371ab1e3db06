#!/usr/bin/env bash
# End-to-end proof of grafana/ and prometheus/ against the sample app and a real Prometheus, all on 127.0.0.1.
#
#   grafana/verify.sh                          # builds the sample app (../mvnw), then checks
#   LEAKWATCH_SKIP_BUILD=1 grafana/verify.sh   # uses sample-app/target's jar as it is
#
# 1. promtool: the config and rules load and the rule unit tests pass (prometheus/check.sh).
# 2. Starts the sample app on a free port with short timings (stuck threshold 5s, a sample a second), 50 thread
#    families named, and waits
#    for its thread count to settle.
# 3. The dashboard parses, has its variables, no fixed datasource uid, and uses only metrics the app exports;
#    the Grafana alert rules say what the Prometheus rules say.
# 4. Starts Prometheus from prometheus/prometheus.yml, retargeted at the app, scraping and evaluating every 2s,
#    with a copy of leakwatch-rules.yml in which every "for:" is 4s (two evaluations): the expressions are
#    the real ones, only the waiting is shorter.
# 5. Before any leak: no alert pending or firing, no suspect. Then the leaks; then every panel query returns
#    data (and shows the leaks), every alert fires for the right source, every Grafana condition holds; then
#    reset, and everything is quiet again.
# Installs Prometheus (and PyYAML) with apt when missing. Gives up after LEAKWATCH_VERIFY_TIMEOUT seconds (240)
# and always stops what it started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
budget=${LEAKWATCH_VERIFY_TIMEOUT:-240}
started=$SECONDS
step() { printf '[verify %3ds] %s\n' $((SECONDS - started)) "$*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/leakwatch-verify.XXXXXX")
app_pid='' prom_pid='' child_pid='' watchdog_pid=''

# Stops one process this script started: TERM, then KILL after 10s.
stop() {
  local pid=$1
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$watchdog_pid" ]; then kill "$watchdog_pid" 2>/dev/null || true; fi
  stop "$child_pid"
  stop "$prom_pid"
  stop "$app_pid"
  if [ "$status" -ne 0 ]; then
    echo "--- the app's log, last lines"
    tail -n 40 "$work/app.log" 2>/dev/null || true
    echo "--- Prometheus's log, last lines"
    tail -n 15 "$work/prometheus.log" 2>/dev/null || true
  fi
  rm -rf "$work"
  step "stopped everything it started: $([ "$status" -eq 0 ] && echo PASSED || echo "FAILED ($status)")"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "verify: not done within ${budget}s, giving up" >&2; exit 124' TERM
(
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  sleep "$budget" & sleeper=$!
  wait "$sleeper"
  kill -TERM $$ 2>/dev/null
) &
watchdog_pid=$!

# Runs a step in the background and waits for it, so that the watchdog's TERM interrupts it at once.
run() {
  "$@" &
  child_pid=$!
  wait "$child_pid"
  child_pid=''
}

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  step "installing Prometheus"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
python=python3
if ! "$python" -c 'import yaml' 2>/dev/null; then
  step "installing PyYAML"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null
  python=/usr/bin/python3
fi
checks() { run "$python" "$here/verify.py" "$@"; }

step "promtool: check config, check rules, test rules"
run "$root/prometheus/check.sh"

if [ -z "${LEAKWATCH_SKIP_BUILD:-}" ]; then
  step "building the sample app"
  run "$root/mvnw" -q -B -ntp -f "$root/pom.xml" -pl sample-app -am package -DskipTests
fi
jar=$(ls "$root"/sample-app/target/leakwatch-sample-app-*.jar | grep -v '\.original$' | head -n 1)

read -r app_port prom_port < <("$python" -c '
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))')
app=http://127.0.0.1:$app_port
prom=http://127.0.0.1:$prom_port

step "starting the sample app on $app"
# The app has more than 20 thread families, most of one thread each, and families of one thread are named in
# alphabetical order: 50 keeps the deadlock's transfer-# named in "Threads by family" rather than in 'other'.
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" --server.address=127.0.0.1 --server.port="$app_port" \
  --leakwatch.stuck-threshold=5s --leakwatch.sample-interval=1s --leakwatch.threads.max-families=50 \
  --server.shutdown=immediate >"$work/app.log" 2>&1 &
app_pid=$!
checks wait-app --app "$app"

step "static checks: dashboard, metric names, Grafana rules against Prometheus rules"
checks static --app "$app" --dashboard "$here/leakwatch-dashboard.json" \
  --rules "$root/prometheus/leakwatch-rules.yml" \
  --grafana-alerts "$here/provisioning/alerting/leakwatch-alerts.yml" \
  --grafana-datasource "$here/provisioning/datasources/leakwatch-prometheus.yml"

# prometheus/prometheus.yml retargeted at the app, every 2s, with its rules' "for:" at 4s.
"$python" - "$root/prometheus" "$work" "127.0.0.1:$app_port" <<'EOF'
import sys, yaml
source, work, target = sys.argv[1:]
config = yaml.safe_load(open(f"{source}/prometheus.yml"))
config["global"].update(scrape_interval="2s", evaluation_interval="2s")
for job in config["scrape_configs"]:
    job["scrape_interval"] = "2s"
    job["static_configs"] = [{"targets": [target]}]
config["rule_files"] = [f"{work}/leakwatch-rules.yml"]
rules = yaml.safe_load(open(f"{source}/leakwatch-rules.yml"))
for group in rules["groups"]:
    for rule in group["rules"]:
        if "for" in rule:
            rule["for"] = "4s"
yaml.safe_dump(config, open(f"{work}/prometheus.yml", "w"), sort_keys=False)
yaml.safe_dump(rules, open(f"{work}/leakwatch-rules.yml", "w"), sort_keys=False)
EOF
promtool check config "$work/prometheus.yml" >/dev/null

step "starting Prometheus on $prom"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
for _ in $(seq 60); do
  if curl -sf --noproxy '*' "$prom/-/ready" >/dev/null; then break; fi
  sleep 0.5
done
curl -sf --noproxy '*' "$prom/-/ready" >/dev/null

step "healthy, then leaks, panels and alerts, then reset"
checks e2e --app "$app" --prometheus "$prom" --dashboard "$here/leakwatch-dashboard.json" \
  --rules "$work/leakwatch-rules.yml" --grafana-alerts "$here/provisioning/alerting/leakwatch-alerts.yml"
