-- Shared by the wrk scripts: counts answers by status in each thread and prints one RESULT line and STATUS lines.
local threads = {}

function day(offset_days)
  return os.date("!%Y-%m-%d", base_epoch + offset_days * 86400)
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f socket_errors=%d socket_kinds=connect:%d,read:%d,write:%d,timeout:%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  for status, n in pairs(totals) do
    io.write(string.format("STATUS %d %d\n", status, n))
  end
end
