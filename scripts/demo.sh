#!/usr/bin/env bash
# The README's demo, after `mvn -q -B -DskipTests package`:
#   1. the sample "legacy" backend starts with the agent attached (events on stdout too, and the
#      live view on VIEWER_PORT, default 8687) and sends itself its scripted mix of requests;
#   2. the report of the envelopes it just produced is printed (`java -jar envelope-agent.jar report`);
#   3. the viewer URL is printed. On a terminal the backend keeps serving the view until Enter or
#      Ctrl-C; otherwise (CI, a pipe) or with --no-wait it stops at once.
# Its events are left in ./envelope-events.jsonl (the previous run's file is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."

wait_for_user=1
[ "${1:-}" = "--no-wait" ] && wait_for_user=0
{ [ -t 0 ] && [ -t 1 ]; } || wait_for_user=0
port="${VIEWER_PORT:-8687}"
agent=agent/target/envelope-agent.jar
app=sample-app/target/envelope-sample-app.jar
for jar in "$agent" "$app"; do
  [ -f "$jar" ] || { echo "demo: $jar is missing; build first: mvn -q -B -DskipTests package" >&2; exit 2; }
done

rm -f envelope-events.jsonl envelope-events.jsonl.[0-9]
out="$(mktemp)"
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
java "-javaagent:$agent=events.stdout=true,viewer.port=$port" -jar "$app" --demo --stay \
  > >(tee -a "$out") 2> >(tee -a "$out" >&2) &
pid=$!

# The demo prints its summary line when every request has been answered.
for _ in $(seq 1200); do
  grep -q '^total [0-9]* requests' "$out" && break
  kill -0 "$pid" 2>/dev/null || { echo "demo: the sample backend stopped early" >&2; exit 1; }
  sleep 0.1
done
grep -q '^total [0-9]* requests' "$out" || { echo "demo: no summary after 120 s" >&2; exit 1; }

# The agent writes the file when recording goes idle: wait until it stops growing.
last=-1
for _ in $(seq 50); do
  now=$(wc -c < envelope-events.jsonl 2>/dev/null || echo 0)
  [ "$now" -gt 0 ] && [ "$now" = "$last" ] && break
  last=$now
  sleep 0.2
done

echo
java -jar "$agent" report envelope-events.jsonl
echo
url="$(grep -o 'envelope viewer at http://[^ ]*' "$out" | head -1 | sed 's/^envelope viewer at //' || true)"
if [ -n "$url" ]; then
  echo "Live view of these envelopes: $url"
else
  echo "The live view did not start (see the agent's message above)."
fi
if [ "$wait_for_user" = 1 ] && [ -n "$url" ]; then
  read -r -p "The sample backend keeps serving the view; press Enter (or Ctrl-C) to stop it. " _ || true
fi
