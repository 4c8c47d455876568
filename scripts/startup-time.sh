#!/usr/bin/env bash
# Time from JVM launch to the sample backend's "listening on" line, with and without the agent,
# alternating runs on the same machine; prints each run and the median of each side.
# Usage: scripts/startup-time.sh [runs]   (after: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
agent=agent/target/envelope-agent.jar
app=sample-app/target/envelope-sample-app.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # $1 = extra JVM args; prints milliseconds
  local out="$work/out.txt"
  : > "$out"
  local start end pid
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$work" && exec java $1 -jar "$OLDPWD/$app" --port 0 > "$out" 2>&1) &
  pid=$!
  until grep -q '^listening on' "$out"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the sample app exited early:" >&2; cat "$out" >&2; exit 1; fi
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

plain=(); with=()
for i in $(seq "$runs"); do
  p=$(measure "")
  w=$(measure "-javaagent:$PWD/$agent -Dotel.traces.exporter=none")
  plain+=("$p"); with+=("$w")
  echo "run $i: without agent ${p} ms, with agent ${w} ms"
done
mp=$(printf '%s\n' "${plain[@]}" | median)
mw=$(printf '%s\n' "${with[@]}" | median)
echo "median of $runs: without agent ${mp} ms, with agent ${mw} ms (+$(( ${mw%.*} - ${mp%.*} )) ms)"
echo "agent jar: $(stat -c %s "$agent") bytes"
