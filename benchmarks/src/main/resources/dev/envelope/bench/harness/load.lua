-- wrk script for the sample backend. Arguments (after "--"): the workload, and for "inference"
-- the deployment to call.
--   inference <deployment_id>: POST /inference/<id> — an admission with one grant (replica routing)
--   deploy-delete: each connection deploys a model (half a GPU), then deletes that deployment
-- Every request carries the demo bearer token and the tenant/workspace/audit headers.
-- done() prints one line "WRK_RESULT {...}" that the harness reads.

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

counter = 0
pending = {}
ok = 0
other = 0
workload = "inference"
deployment = nil

function init(args)
  workload = args[1] or "inference"
  deployment = args[2]
end

local deploy_body = '{"model":"llama-3.1-8b-instruct","engine":"vllm","gpu_count":0.5,"cpu":4,'
  .. '"memory_gb":32,"concurrency":8,"timeout_s":30,"priority":"normal"}'
local infer_body = '{"prompt":"Summarize the execution envelope paper in one sentence.",'
  .. '"max_output_len":256,"temperature":0.7,"stream":false,"priority":"normal"}'

local function headers(id, json)
  local h = {
    ["Authorization"] = "Bearer demo-token",
    ["X-Tenant"] = "acme",
    ["X-Request-Id"] = id,
    ["X-Workspace"] = "ws-7",
    ["X-Audit-Level"] = "full",
  }
  if json then
    h["Content-Type"] = "application/json"
  end
  return h
end

function request()
  counter = counter + 1
  local rid = "req-" .. tid .. "-" .. counter
  if workload == "inference" then
    return wrk.format("POST", "/inference/" .. deployment, headers(rid, true), infer_body)
  end
  local id = table.remove(pending)
  if id then
    return wrk.format("DELETE", "/serving/deployments/" .. id, headers(rid, false), nil)
  end
  return wrk.format("POST", "/serving/deploy_model", headers(rid, true), deploy_body)
end

function response(status, hdrs, resp)
  if status == 201 then
    ok = ok + 1
    local id = string.match(resp, '"deployment_id"%s*:%s*"([^"]+)"')
    if id then
      table.insert(pending, id)
    end
  elseif status == 200 then
    ok = ok + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local k, o = 0, 0
  for _, t in ipairs(threads) do
    k = k + t:get("ok")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"duration_us":%d,"connect_errors":%d,'
    .. '"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"mean_us":%.1f,'
    .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"ok":%d,"other":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, k, o))
end
