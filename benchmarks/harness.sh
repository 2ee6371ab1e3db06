# Sourced by run.sh (for harness_java) and by the measured harnesses (proof-cost.sh, sampler-cost.sh,
# created-by-cost.sh, http-sources.sh): harness_setup reads their options, builds benchmarks.jar and finds the JDK
# they run on. A harness that has a smoke pass sets harness_has_smoke=1 before sourcing this.
# Sets: here, root, smoke (1 with --smoke, else empty), and what harness_java sets.
harness_setup() {
  here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
  root="$(dirname "$here")"
  local java_home="${JAVA_HOME:-}"
  smoke=
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --smoke) [[ -n "${harness_has_smoke:-}" ]] || { echo "unknown option: $1" >&2; exit 2; }; smoke=1 ;;
      --java) java_home="$2"; shift ;;
      *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
  done
  local mvn
  if [[ -x "$root/mvnw" ]]; then mvn=("$root/mvnw"); else mvn=(mvn); fi
  "${mvn[@]}" -q -B -f "$root/pom.xml" -pl benchmarks -am package -Dmaven.test.skip=true
  harness_java "$java_home"
}

# harness_java JAVA_HOME: sets java (the JDK's, or the one on the PATH when JAVA_HOME is empty), jdk (its feature
# version), host (the JMH host JVM's options) and forks (JMH's, for its forked JVMs). JMH 1.37 uses
# sun.misc.Unsafe, which JDK 23+ warns about in every JVM.
harness_java() {
  java="${1:+$1/bin/}java"
  jdk="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  host=()
  forks=()
  if [[ ${jdk%%.*} -ge 23 ]]; then
    host=(--sun-misc-unsafe-memory-access=allow)
    forks=(-jvmArgsPrepend --sun-misc-unsafe-memory-access=allow)
  fi
}
