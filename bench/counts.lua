-- wrk script: prints, after wrk's own report, one line "latency_ms MIN P50 P99 MAX" (milliseconds;
-- wrk's report lacks the minimum). Used by balance.sh for every run; counties.lua includes it.
function done(summary, latency, requests)
  io.write(string.format("latency_ms %.2f %.2f %.2f %.2f\n", latency.min / 1000,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
