#!/usr/bin/env bash
# Reproduces every figure of docs/PERFORMANCE.md on this machine, side by side in one run:
#   1. JMH: one admission (caller object, request DTO with nested resources, one @Grant) without an
#      agent, with the OpenTelemetry Java agent (@WithSpan + @SpanAttribute) and with the envelope
#      agent, -prof gc; capture cost by argument shape under the envelope agent.
#   2. Load run of the sample backend over loopback (wrk, else a Java client) at fixed concurrency:
#      no agent, OpenTelemetry agent, envelope agent, both; throughput, p50/p99, peak RSS.
#   3. Startup: JVM launch to first served request, no agent / OpenTelemetry agent / envelope agent.
#   4. Exit delay with the trace backend down vs up; the agent jar's size.
# Both agents export OTLP/HTTP to a local sink in the harness JVM, so export cost is included.
#
# Usage: benchmarks/run.sh [--no-build] [--no-apt] [harness options...]
#   e.g.  benchmarks/run.sh --sections jmh          (only the JMH suite)
#         benchmarks/run.sh --profile smoke         (seconds long, figures meaningless)
#         benchmarks/run.sh --load-seconds 30 --load-rounds 3 --startup-runs 9
# Writes benchmarks/target/perf/{results.json,results.md,machine.txt} and benchmarks/target/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)

build=1
apt=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --no-apt) apt=0 ;;
    *) args+=("$a") ;;
  esac
done

command -v java >/dev/null || { echo "java (17+) is needed" >&2; exit 1; }

agent=$root/agent/target/envelope-agent.jar
app=$root/sample-app/target/envelope-sample-app.jar
otel=$root/benchmarks/target/otel/opentelemetry-javaagent.jar
bench=$root/benchmarks/target/benchmarks.jar
out=$root/benchmarks/target/perf

if [ "$build" = 1 ] || [ ! -f "$agent" ] || [ ! -f "$app" ] || [ ! -f "$otel" ] || [ ! -f "$bench" ]; then
  command -v mvn >/dev/null || { echo "mvn (3.8+) is needed to build" >&2; exit 1; }
  echo "== building (mvn -q -B -DskipTests install)"
  mvn -q -B -DskipTests install
fi

# wrk is the load generator when it is installed (Debian package "wrk"); without it the harness
# falls back to its own Java client, and says so in the results.
if ! command -v wrk >/dev/null && [ "$apt" = 1 ] && command -v apt-get >/dev/null; then
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo -n)
  echo "== installing wrk (apt-get)"
  if ! { DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q wrk >/dev/null 2>&1 \
      || { "${sudo_cmd[@]}" apt-get update -q >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q wrk >/dev/null 2>&1; }; }; then
    echo "   could not install wrk: using the Java load client"
  fi
fi

mkdir -p "$out"
{
  echo "nproc: $(nproc)"
  lscpu 2>/dev/null | grep -E '^(Model name|Thread|Core|Socket|CPU\(s\)|Hypervisor|L[123])' || true
  free -h 2>/dev/null | head -2 || true
  java -version 2>&1
  uname -a
  if command -v wrk >/dev/null; then wrk -v 2>&1 | head -1 || true; else echo "wrk: not installed (Java load client)"; fi
  if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$( [ -z "$(git status --porcelain -- agent sample-app annotations)" ] || echo ' (agent/sample-app/annotations with uncommitted changes)')"
  fi
} > "$out/machine.txt"
cat "$out/machine.txt"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

echo "== harness"
java -Xmx512m -cp "$bench" dev.envelope.bench.harness.Harness \
  --agent "$agent" --otel-agent "$otel" --sample-app "$app" --out "$out" --commit "$commit" \
  ${args[@]+"${args[@]}"}

cp "$out/results.json" "$root/benchmarks/target/results.json"
echo "run.sh wall time: $(( $(date +%s) - started )) s"
