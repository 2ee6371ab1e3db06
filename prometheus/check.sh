#!/usr/bin/env bash
# Static checks of the Prometheus files: the config and the rules load, and the rules' unit tests pass.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v promtool >/dev/null; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
promtool check config prometheus.yml
promtool check rules leakwatch-rules.yml
promtool test rules leakwatch-rules.test.yml
