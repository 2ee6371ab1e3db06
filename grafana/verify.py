#!/usr/bin/env python3
"""The checks behind verify.sh: the dashboard and both alert files, against the sample app and a real Prometheus.

verify.sh starts the processes and stops them; this file only talks HTTP to them (127.0.0.1, no proxy) and
reads the repository's files. Subcommands, in the order verify.sh runs them:

  wait-app   the app answers and its live-thread count has settled (start-up threads are not a leak)
  static     the dashboard parses, has its variables, no fixed datasource uid, a description on every panel,
             and only metrics the app exports; the Grafana alert rules say what the Prometheus rules say
  e2e        before any leak nothing fires; after the leaks every panel query returns data (and the leak's),
             every alert fires for the right source; after reset everything is quiet again
"""

import argparse
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

# No proxy, whatever the environment says: everything here is on 127.0.0.1.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# What verify.sh's copy of the rules uses for every "for:", and what Grafana's $__rate_interval becomes.
RATE_INTERVAL = "20s"

# The leaks made over HTTP, as (name, count). Four tasks fill reportExecutor's four workers; the scheduled
# hang holds Boot's only scheduler thread; 25 raw threads and 20 executors of 2 threads are past the growth
# rules' increase (20) and grow the live threads past the alert's 20; the HTTP leaks hold connections.
LEAKS = [("blocked-put", 1), ("blocked-take", 1), ("future", 1), ("latch", 1), ("scheduled-hang", 1),
         ("deadlock", 1), ("thread", 25), ("executor", 20), ("periodic", 5), ("webclient", 2),
         ("unconsumed-body", 2)]

# The thread leak goes on once Prometheus has scraped its first threads: the family keeps growing, as a slow leak
# does for hours, for LeakwatchThreadFamilyGrowing (whose hour is the minute or so Prometheus has seen here).
THREAD_FAMILY = "import-watcher-#"
MORE_LEAKS = [("thread", 15)]

# Alerts that must fire after LEAKS, as (alert, labels it must carry besides application and instance).
# The same must hold for the condition of the Grafana rule of the same title.
REQUIRED_ALERTS = [
    ("LeakwatchTaskStuck", {"source": "reportExecutor", "kind": "executor"}),
    ("LeakwatchTaskStuck", {"source": "taskScheduler", "kind": "scheduler"}),
    ("LeakwatchTaskStuck", {"source": "InventorySync.sync", "kind": "scheduled"}),
    ("LeakwatchTaskStuck", {"source": "GET 127.0.0.1/upstream/stalled", "kind": "webclient"}),
    ("LeakwatchDeadlock", {}),
    ("LeakwatchThreadsGrowing", {}),
    ("LeakwatchThreadFamilyGrowing", {"family": THREAD_FAMILY}),
    ("LeakwatchSuspects", {"kind": "stuck_task"}),
    ("LeakwatchSuspects", {"kind": "deadlock"}),
    ("LeakwatchSuspects", {"kind": "scheduled_stuck"}),
    ("LeakwatchSuspects", {"kind": "scheduler_starved"}),
    ("LeakwatchSuspects", {"kind": "http_stuck"}),
    ("LeakwatchSuspects", {"kind": "unconsumed_response"}),
    ("LeakwatchSuspects", {"kind": "thread_growth"}),
    ("LeakwatchSuspects", {"kind": "executor_growth"}),
]

# Sources no leak touches: an alert naming one of them is a false alarm.
HEALTHY_SOURCES = {"applicationTaskExecutor"}

# What panels must show after LEAKS, beyond returning data: (panel title, query refId, series labels, minimum).
PANEL_EXPECTATIONS = [
    ("Stuck tasks now", "A", {}, 5),
    ("Deadlocked threads now", "A", {}, 2),
    ("Deadlocked threads", "A", {}, 2),
    ("Stuck tasks per source", "A", {"source": "reportExecutor"}, 4),
    ("Stuck tasks per source", "A", {"source": "taskScheduler"}, 1),
    ("Running tasks per source", "A", {"source": "reportExecutor"}, 4),
    ("Oldest running task per source", "A", {"source": "reportExecutor"}, 5),
    ("Threads by family", "A", {"family": THREAD_FAMILY}, 40),
    ("Threads by family", "A", {"family": "pool-#-thread-#"}, 40),
    ("Threads by family", "A", {"family": "transfer-#"}, 1),
    ("Suspects by kind", "A", {"kind": "stuck_task"}, 4),
    ("Suspects by kind", "A", {"kind": "deadlock"}, 2),
    ("Suspects by kind", "A", {"kind": "thread_growth"}, 25),
    ("Suspects by kind", "A", {"kind": "executor_growth"}, 20),  # counted in executors, two threads each
    ("In-flight HTTP requests per client", "A", {"source": "GET 127.0.0.1/upstream/stalled"}, 2),
    ("Unconsumed responses per client", "A", {"source": "GET 127.0.0.1/upstream/report"}, 2),
    ("Live periodic tasks per source", "A", {"source": "taskScheduler"}, 5),
]

# What panels must show once the leaks are reset: a scheduler hang is counted when it ends, as the hung job's
# overrun and the other jobs' missed runs.
PANEL_EXPECTATIONS_AFTER_RESET = [
    ("Scheduled overruns and missed runs", "A", {"source": "InventorySync.sync"}, 1),
    ("Scheduled overruns and missed runs", "B", {"source": "HealthyWork.submitReports"}, 1),
]

PROMQL_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                   "offset", "inf", "nan"}


class Failure(Exception):
    pass


def log(message):
    print(f"  {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- HTTP ------------------------------------------------------------------------------------------------------

def http(url, method="GET", data=None):
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with HTTP.open(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as ex:
        raise Failure(f"{method} {url}: {ex.code} {ex.read().decode()[:300]}")
    except (urllib.error.URLError, OSError) as ex:
        raise Failure(f"{method} {url}: {ex}")


class Prometheus:

    def __init__(self, base):
        self.base = base.rstrip("/")

    def api(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        body = json.loads(http(f"{self.base}/api/v1/{path}?{query}"))
        check(body.get("status") == "success", f"Prometheus /api/v1/{path} {params}: {body}")
        return body["data"]

    def query(self, expr):
        data = self.api("query", query=expr)
        check(data["resultType"] == "vector", f"{expr}: a {data['resultType']}, not an instant vector")
        return data["result"]

    def value(self, expr):
        result = self.query(expr)
        return float(result[0]["value"][1]) if result else None

    def alerts(self, instance):
        return [alert for alert in self.api("alerts")["alerts"] if alert["labels"].get("instance") == instance]

    def rules(self):
        return [rule for group in self.api("rules")["groups"] for rule in group["rules"]]


def wait_until(what, seconds, probe, interval=1.0):
    """Calls probe until it returns a true value; fails naming the last reason it gave."""
    deadline = time.monotonic() + seconds
    last = None
    while True:
        try:
            result = probe()
            if result:
                return result
        except Failure as ex:
            last = str(ex)
        if time.monotonic() > deadline:
            raise Failure(f"{what}: not within {seconds}s" + (f" ({last})" if last else ""))
        time.sleep(interval)


# --- files -------------------------------------------------------------------------------------------------------

def load_dashboard(path):
    with open(path) as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as ex:
            raise Failure(f"{path} is not JSON: {ex}")


def panels_of(dashboard):
    """Every panel with queries, rows' nested panels included."""
    found = []
    for panel in dashboard.get("panels", []):
        found.extend(panel.get("panels", []))
        if panel.get("type") != "row":
            found.append(panel)
    return found


def prometheus_rules(path):
    return [rule for group in yaml.safe_load(open(path))["groups"] for rule in group["rules"]]


def grafana_rules(path):
    return [rule for group in yaml.safe_load(open(path))["groups"] for rule in group["rules"]]


def grafana_condition(rule):
    """(query A, comparison, threshold) of a provisioned Grafana rule of the A -> reduce B -> threshold C shape."""
    data = {query["refId"]: query for query in rule["data"]}
    check(rule["condition"] == "C" and set(data) == {"A", "B", "C"}, f"{rule['title']}: not the A, B, C shape")
    check(data["B"]["model"]["type"] == "reduce" and data["B"]["model"]["expression"] == "A"
          and data["B"]["model"]["reducer"] == "last", f"{rule['title']}: B must reduce A to its last value")
    model = data["C"]["model"]
    check(model["type"] == "threshold" and model["expression"] == "B", f"{rule['title']}: C must threshold B")
    evaluator = model["conditions"][0]["evaluator"]
    check(evaluator["type"] == "gt" and len(evaluator["params"]) == 1, f"{rule['title']}: C must be 'gt' one value")
    check(data["A"]["model"].get("instant") is True, f"{rule['title']}: query A must be instant")
    return data["A"], ">", float(evaluator["params"][0])


def metric_names(expr):
    """The metric names a PromQL expression reads (enough PromQL for dashboards and rules, not a parser)."""
    names = set()
    for match in re.finditer(r"label_values\(\s*([^,]+?)\s*,\s*\w+\s*\)", expr):
        names |= metric_names(match.group(1))
    expr = re.sub(r"label_values\([^)]*\)", "", expr)
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        word, rest = match.group(0), expr[match.end():].lstrip()
        if rest.startswith("(") or word in PROMQL_KEYWORDS:
            continue  # a function, an aggregation or a keyword
        names.add(word)
    return names


def scraped_names(app):
    names = set()
    for line in http(f"{app}/actuator/prometheus").splitlines():
        if line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def substitute(expr, application, instance):
    """What Grafana sends for one application and one instance (a regex, escaped inside a PromQL string)."""
    instance = re.escape(instance).replace("\\", "\\\\")
    return (expr.replace("$__rate_interval", RATE_INTERVAL).replace("${application}", application)
            .replace("$application", application).replace("${instance}", instance)
            .replace("$instance", instance))


# --- wait-app ------------------------------------------------------------------------------------------------------

def wait_app(args):
    wait_until("the sample app answers /actuator/health", 90,
               lambda: '"UP"' in http(f"{args.app}/actuator/health"))
    live = []

    def settled():
        text = http(f"{args.app}/actuator/prometheus")
        match = re.search(r"^jvm_threads_live_threads\{[^}]*\} (\S+)$", text, re.M)
        check(match is not None, "no jvm_threads_live_threads in the scrape")
        live.append(float(match.group(1)))
        return len(live) >= 4 and len(set(live[-4:])) == 1

    wait_until("the live-thread count settles", 40, settled)
    log(f"app up, {live[-1]:.0f} live threads, steady for 3s")


# --- static ----------------------------------------------------------------------------------------------------------

def static(args):
    dashboard = load_dashboard(args.dashboard)
    check(dashboard.get("schemaVersion", 0) >= 39, "schemaVersion below 39 (Grafana 11)")
    variables = {variable["name"]: variable for variable in dashboard["templating"]["list"]}
    check(set(variables) >= {"datasource", "application", "instance"},
          f"variables are {sorted(variables)}, need datasource, application and instance")
    check(variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus",
          "$datasource must be a Prometheus datasource variable")

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "datasource":
                    uid = value.get("uid") if isinstance(value, dict) else value
                    check(uid == "${datasource}", f"{path}.datasource is {value!r}, not the ${{datasource}} variable")
                check(key not in ("datasourceUid", "__inputs"), f"{path}.{key}: a fixed datasource")
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(dashboard, "dashboard")
    panels = panels_of(dashboard)
    ids = [panel["id"] for panel in dashboard["panels"]]
    ids += [nested["id"] for panel in dashboard["panels"] for nested in panel.get("panels", [])]
    check(len(ids) == len(set(ids)), "panel ids are not unique")
    titles = [panel.get("title") for panel in panels]
    check(len(titles) == len(set(titles)), f"panel titles are not unique: {titles}")
    panel_exprs = []
    for panel in panels:
        title = panel.get("title", "?")
        check(len(panel.get("description", "")) >= 60, f"panel '{title}': no description of what a bad value is")
        check(panel.get("targets"), f"panel '{title}': no query")
        grid = panel["gridPos"]
        check(grid["x"] + grid["w"] <= 24, f"panel '{title}' is wider than the grid")
        for target in panel["targets"]:
            panel_exprs.append(target["expr"])
            check('application="$application"' in target["expr"] and 'instance=~"$instance"' in target["expr"],
                  f"panel '{title}': {target['expr']} does not filter on $application and $instance")
    variable_exprs = [variables[name]["query"]["query"] for name in ("application", "instance")]

    exported = scraped_names(args.app)
    rules = prometheus_rules(args.rules)
    used = set()
    for expr in panel_exprs + variable_exprs + [rule["expr"] for rule in rules]:
        names = metric_names(expr)
        check(names, f"no metric name found in {expr}")
        used |= names
    missing = sorted(used - exported)
    check(not missing, f"metrics used but not exported by the app: {missing}")
    log(f"dashboard: {len(panels)} panels, {len(panel_exprs)} panel queries, {len(variable_exprs)} variable "
        f"queries; with the rules they use {len(used)} metrics, all exported ({len(exported)} series names in the "
        f"scrape); no fixed datasource uid")

    grafana = grafana_rules(args.grafana_alerts)
    datasource = yaml.safe_load(open(args.grafana_datasource))["datasources"][0]
    check(sorted(rule["alert"] for rule in rules) == sorted(rule["title"] for rule in grafana),
          "the Grafana rules are not the Prometheus rules")
    by_title = {rule["title"]: rule for rule in grafana}
    for rule in rules:
        mirror = by_title[rule["alert"]]
        query, comparison, threshold = grafana_condition(mirror)
        check(query["datasourceUid"] == datasource["uid"],
              f"{mirror['title']}: datasourceUid {query['datasourceUid']} is not the provisioned {datasource['uid']}")
        said = f"{query['model']['expr']} {comparison} {threshold:g}"
        check(said == rule["expr"], f"{rule['alert']}: Grafana says {said!r}, Prometheus {rule['expr']!r}")
        check(mirror["for"] == rule.get("for", "0s"), f"{rule['alert']}: for {mirror['for']} vs {rule.get('for')}")
        check(mirror["labels"] == rule["labels"], f"{rule['alert']}: labels differ")
        annotations = {k: v.replace("$values.B.Value", "$value") for k, v in mirror["annotations"].items()}
        check(annotations == rule["annotations"], f"{rule['alert']}: annotations differ")
    log(f"alerts: the {len(grafana)} Grafana rules say what the {len(rules)} Prometheus rules say")


# --- e2e ---------------------------------------------------------------------------------------------------------

def application_of(app):
    scrape = http(f"{app}/actuator/prometheus")
    match = re.search(r'^jvm_threads_live_threads\{[^}]*application="([^"]+)"', scrape, re.M)
    check(match is not None, "the app does not tag its metrics with application")
    return match.group(1)


def describe_alerts(alerts):
    described = []
    for alert in alerts:
        labels = ",".join(f"{k}={v}" for k, v in sorted(alert["labels"].items()) if k in ("source", "kind", "family"))
        described.append(f"{alert['labels']['alertname']}{{{labels}}}:{alert['state']}")
    return sorted(described)


def grafana_firing(prometheus, rule, application, instance):
    """The series for which a Grafana rule's condition holds now (its 'for' aside)."""
    query, _, threshold = grafana_condition(rule)
    result = prometheus.query(query["model"]["expr"])
    return [series["metric"] for series in result
            if series["metric"].get("instance") == instance and series["metric"].get("application") == application
            and float(series["value"][1]) > threshold]


def quiet(prometheus, grafana, application, instance, phase):
    """Nothing pending or firing, no suspect, no Grafana condition true."""
    alerts = prometheus.alerts(instance)
    check(not alerts, f"{phase}: alerts {describe_alerts(alerts)}")
    suspects = prometheus.value(f'sum(leakwatch_suspects{{instance="{instance}"}})')
    check(suspects == 0, f"{phase}: sum(leakwatch_suspects) is {suspects}")
    for rule in grafana:
        holding = grafana_firing(prometheus, rule, application, instance)
        check(not holding, f"{phase}: Grafana rule {rule['title']} holds for {holding}")
    return True


def e2e(args):
    prometheus = Prometheus(args.prometheus)
    instance = urllib.parse.urlparse(args.app).netloc
    application = application_of(args.app)
    rules = prometheus_rules(args.rules)
    grafana = grafana_rules(args.grafana_alerts)

    # Prometheus sees the app and has evaluated every rule a few times.
    def scraped_and_evaluated():
        up = prometheus.value(f'up{{instance="{instance}"}}')
        samples = prometheus.value(f'count_over_time(up{{instance="{instance}"}}[1m])')
        check(up == 1 and samples is not None and samples >= 3, f"up={up}, {samples} scrapes so far")
        loaded = prometheus.rules()
        check(sorted(rule["name"] for rule in loaded) == sorted(rule["alert"] for rule in rules),
              f"rules loaded: {[rule['name'] for rule in loaded]}")
        check(all(rule["health"] == "ok" for rule in loaded), f"rule health: {[r['health'] for r in loaded]}")
        return True

    wait_until("Prometheus scraping the app", 30, scraped_and_evaluated)
    time.sleep(4)  # two more evaluations: a rule that would go pending on healthy work has had the chance
    quiet(prometheus, grafana, application, instance, "before the leaks")
    log(f"before the leaks: no alert pending or firing, 0 suspects, no Grafana condition true "
        f"({len(rules)} Prometheus rules, {len(grafana)} Grafana rules)")

    for name, count in LEAKS:
        http(f"{args.app}/leaks/{name}?count={count}", method="POST", data=b"")
    leaked_at = time.monotonic()
    log("leaked: " + ", ".join(f"{name} x{count}" for name, count in LEAKS))

    def family_scraped():
        threads = prometheus.value(f'leakwatch_threads{{instance="{instance}",family="{THREAD_FAMILY}"}}')
        check(threads is not None and threads >= 25, f"{THREAD_FAMILY}: {threads} threads scraped so far")
        return True

    wait_until(f"Prometheus scraping the {THREAD_FAMILY} threads", 30, family_scraped)
    for name, count in MORE_LEAKS:
        http(f"{args.app}/leaks/{name}?count={count}", method="POST", data=b"")
    log(f"{THREAD_FAMILY} scraped; leaked more: " + ", ".join(f"{name} x{count}" for name, count in MORE_LEAKS))

    def required_firing():
        firing = [a for a in prometheus.alerts(instance) if a["state"] == "firing"]
        missing = [(name, labels) for name, labels in REQUIRED_ALERTS
                   if not any(a["labels"]["alertname"] == name and a["labels"].get("application") == application
                              and all(a["labels"].get(k) == v for k, v in labels.items()) for a in firing)]
        check(not missing, f"not firing yet: {missing}; now {describe_alerts(prometheus.alerts(instance))}")
        return firing

    firing = wait_until("the leak alerts firing", 90, required_firing, interval=2)
    log(f"{len(REQUIRED_ALERTS)} required alerts firing {time.monotonic() - leaked_at:.0f}s after the leaks; "
        f"all alerts: {describe_alerts(prometheus.alerts(instance))}")
    for alert in firing:
        source = alert["labels"].get("source")
        check(source not in HEALTHY_SOURCES, f"false alarm: {alert['labels']}")
        if source is not None:
            annotations = alert["annotations"]
            check(source in annotations["summary"] and source in annotations["description"],
                  f"{alert['labels']['alertname']}: summary and description do not name source {source}")

    # Every panel query, as Grafana would send it for this application and instance.
    dashboard = load_dashboard(args.dashboard)
    results = {}
    panels = panels_of(dashboard)
    for panel in panels:
        for target in panel["targets"]:
            expr = substitute(target["expr"], application, instance)
            result = prometheus.query(expr)
            check(result, f"panel '{panel['title']}' query {target['refId']} returns no data: {expr}")
            results[(panel["title"], target["refId"])] = result
            shown = ", ".join(f"{fmt_labels(s['metric'])}={float(s['value'][1]):g}" for s in result[:5])
            log(f"panel '{panel['title']}' {target['refId']}: {len(result)} series; {shown}"
                f"{' ...' if len(result) > 5 else ''}")
    for title, ref, labels, minimum in PANEL_EXPECTATIONS:
        shows(results[(title, ref)], title, ref, labels, minimum, "after the leaks")
    log(f"{len(results)} panel queries of {len(panels)} panels return data; "
        f"{len(PANEL_EXPECTATIONS)} checks of what the leaks show pass")

    for (name, variable) in (("application", application), ("instance", instance)):
        var = next(v for v in dashboard["templating"]["list"] if v["name"] == name)
        selector, label = re.match(r"label_values\((.*),\s*(\w+)\)", var["query"]["query"]).groups()
        values = prometheus.api(f"label/{label}/values", **{"match[]": substitute(selector, application, instance)})
        check(variable in values, f"variable ${name} offers {values}, not {variable}")
    log("variables $application and $instance offer the app")

    # The Grafana rules' conditions hold for the same alerts.
    for rule in grafana:
        holding = grafana_firing(prometheus, rule, application, instance)
        for labels in (labels for name, labels in REQUIRED_ALERTS if name == rule["title"]):
            check(any(all(series.get(k) == v for k, v in labels.items()) for series in holding),
                  f"Grafana rule {rule['title']}: condition does not hold for {labels}; holds for {holding}")
        check(not any(series.get("source") in HEALTHY_SOURCES for series in holding),
              f"Grafana rule {rule['title']}: holds for a healthy source: {holding}")
        log(f"Grafana rule {rule['title']}: condition holds for "
            + ", ".join(fmt_labels({k: v for k, v in s.items() if k in ("source", "kind", "family")}) or "the app"
                        for s in holding))

    http(f"{args.app}/leaks/reset", method="POST", data=b"")
    reset_at = time.monotonic()
    wait_until("everything quiet after reset", 60,
               lambda: quiet(prometheus, grafana, application, instance, "after reset"), interval=2)
    log(f"after reset: alerts resolved, 0 suspects, no Grafana condition true, "
        f"{time.monotonic() - reset_at:.0f}s after the reset")

    def shown_after_reset():
        for title, ref, labels, minimum in PANEL_EXPECTATIONS_AFTER_RESET:
            target = next(t for p in panels if p["title"] == title for t in p["targets"] if t["refId"] == ref)
            shows(prometheus.query(substitute(target["expr"], application, instance)), title, ref, labels, minimum,
                  "after reset")
        return True

    wait_until("the hang's overrun and missed runs on the dashboard", 20, shown_after_reset)
    log(f"after reset: {len(PANEL_EXPECTATIONS_AFTER_RESET)} checks of what the scheduler hang left pass")
    print(f"SUMMARY panels={len(panels)} panel_queries={len(results)} "
          f"prometheus_alerts={len(rules)} grafana_rules={len(grafana)} required_firing={len(REQUIRED_ALERTS)} "
          f"firing_after_leaks={len(firing)}")


def shows(result, title, ref, labels, minimum, when):
    values = [float(s["value"][1]) for s in result if all(s["metric"].get(k) == v for k, v in labels.items())]
    check(values and max(values) >= minimum,
          f"panel '{title}' {ref} {labels}: {values}, expected at least {minimum} {when}")


def fmt_labels(metric):
    return "{" + ",".join(f"{k}={v}" for k, v in sorted(metric.items())
                          if k not in ("__name__", "application", "instance", "job")) + "}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["wait-app", "static", "e2e"])
    parser.add_argument("--app", required=True, help="the sample app, http://127.0.0.1:PORT")
    parser.add_argument("--prometheus", help="http://127.0.0.1:PORT")
    parser.add_argument("--dashboard")
    parser.add_argument("--rules", help="the Prometheus rules Prometheus was started with")
    parser.add_argument("--grafana-alerts")
    parser.add_argument("--grafana-datasource")
    args = parser.parse_args()
    try:
        {"wait-app": wait_app, "static": static, "e2e": e2e}[args.command](args)
    except Failure as ex:
        print(f"FAILED: {ex}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
