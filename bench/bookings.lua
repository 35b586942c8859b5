-- wrk script: POST /api/v1/bookings as fast as it goes.
-- Every request aims at its own (listing, 3 nights) slot, except a share ROOST_BENCH_HOT that all aim at one
-- listing's same nights (the contended run). Data (listing ids, guest tokens) comes from ROOST_BENCH_DATA.
dofile(os.getenv("ROOST_BENCH_REPORT"))

function init(args)
  dofile(os.getenv("ROOST_BENCH_DATA"))
  thread_count = tonumber(os.getenv("ROOST_BENCH_THREADS"))
  hot = tonumber(os.getenv("ROOST_BENCH_HOT") or "0")
  slot_offset = tonumber(os.getenv("ROOST_BENCH_SLOT_OFFSET") or "0")
  run = os.getenv("ROOST_BENCH_RUN") or "run"
  math.randomseed(id * 7919 + 17)
  counter = 0
  counts = {}
end

function request()
  counter = counter + 1
  local seq = id + counter * thread_count
  local listing = listings[(seq % #listings) + 1]
  local start = (slot_offset + math.floor(seq / #listings)) * 3
  if math.random() < hot then
    listing = listings[1]
    start = (slot_offset - 1) * 3
  end
  local body = string.format(
    '{"listingId":"%s","checkIn":"%s","checkOut":"%s","guests":1,"paymentMethod":"pm_card_visa"}',
    listing, day(start), day(start + 3))
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(seq % #tokens) + 1],
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/bookings", headers, body)
end

