#!/bin/sh
# Sends a few requests to the sample backend: accepted, narrowed (4 GPUs asked,
# 2 granted), refused inside admission (a failed envelope), and a fractional ask.
# Runs in the `traffic` service of the compose files, which shares the sample
# app's network namespace: the app listens on 127.0.0.1:8080 only.
# Example for docs/jaeger.md and docs/tempo.md; not exercised by the test suite.
set -u
base=${BASE_URL:-http://127.0.0.1:8080}

# Any HTTP answer (even 404) means the server is up; curl exits non-zero only
# when nothing listens yet.
i=0
until curl -s -o /dev/null "$base/"; do
  i=$((i + 1))
  if [ "$i" -ge 60 ]; then
    echo "sample app not reachable at $base after 60 s" >&2
    exit 1
  fi
  sleep 1
done

# deploy <request id> <bearer token> <tenant> <json body>
deploy() {
  printf '%s -> HTTP ' "$1"
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/serving/deploy_model" \
    -H "Authorization: Bearer $2" -H "X-Tenant: $3" -H "X-Request-Id: $1" \
    -H 'X-Workspace: ws-7' -H 'X-Audit-Level: full' \
    -H 'Content-Type: application/json' -d "$4"
}

# Request ids carry a timestamp so that a second run stays distinguishable.
run=$(date +%s)
deploy "req-$run-1" demo-token acme \
  '{"model":"llama-3.1-8b-instruct","engine":"vllm","gpu_count":1,"location":"us-west"}'
deploy "req-$run-2" demo-token acme \
  '{"model":"llama-3.1-70b-instruct","engine":"vllm","gpu_count":4,"location":"us-west","priority":"high"}'
deploy "req-$run-3" demo-token acme \
  '{"model":"llama-3.1-8b-instruct","engine":"sglang","gpu_count":1}'
deploy "req-$run-4" svc-token globex \
  '{"model":"whisper-large-v3","engine":"triton","gpu_count":1.5,"location":"us-west"}'
