-- wrk script for the read scenarios: ROOST_BENCH_SCENARIO is city, bbox, detail or quote; every request draws
-- its own parameters (uniform over the dataset's 50 cities, check-in within 330 days, 2-7 nights).
dofile(os.getenv("ROOST_BENCH_REPORT"))

function init(args)
  dofile(os.getenv("ROOST_BENCH_DATA"))
  scenario = os.getenv("ROOST_BENCH_SCENARIO")
  math.randomseed(id * 7919 + 31)
  counts = {}
end

function request()
  local offset = math.random(1, 330)
  local stay = "checkIn=" .. day(offset) .. "&checkOut=" .. day(offset + math.random(2, 7))
  local path
  if scenario == "city" then
    path = "/api/v1/listings?location=" .. cities[math.random(#cities)] .. "&" .. stay .. "&guests=" .. math.random(1, 4)
  elseif scenario == "bbox" then
    local i = math.random(#boxes)
    path = "/api/v1/listings?bbox=" .. boxes[i] .. "&" .. stay .. "&guests=" .. math.random(1, 4) .. "&maxPrice=" .. (prices[i] * 6)
  elseif scenario == "detail" then
    path = "/api/v1/listings/" .. listings[math.random(#listings)]
  else
    path = "/api/v1/listings/" .. listings[math.random(#listings)] .. "/quote?" .. stay .. "&guests=1"
  end
  return wrk.format("GET", path)
end
