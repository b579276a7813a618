-- A mix of the API's read queries for wrk (scripts/load-test.sh). Each connection waits
-- DELAY_MS between requests, so connections × 1000 / (DELAY_MS + latency) sets the offered
-- rate. Actors are the states the synthetic store favours and a few others; words are in
-- its texts. Deterministic per thread.
local states = {"AZE", "ARM", "GEO", "RUS", "TUR", "IRN", "USA", "GBR", "FRA", "DEU", "KAZ", "UKR", "CHN", "ISR"}
local types = {"CONSULT", "AGREE", "COOPERATE", "SANCTION", "ASSAULT", "ACCUSE", "SUPPORT", "THREATEN"}
-- "событие", "сводка", "Азербайджан", "Армения", "Россия" percent-encoded
local words = {
  "%D1%81%D0%BE%D0%B1%D1%8B%D1%82%D0%B8%D0%B5",
  "%D1%81%D0%B2%D0%BE%D0%B4%D0%BA%D0%B0",
  "%D0%90%D0%B7%D0%B5%D1%80%D0%B1%D0%B0%D0%B9%D0%B4%D0%B6%D0%B0%D0%BD",
  "%D0%90%D1%80%D0%BC%D0%B5%D0%BD%D0%B8%D1%8F",
  "%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F%20%D1%81%D0%BE%D0%B1%D1%8B%D1%82%D0%B8%D0%B5",
}
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local counter = 0

local function pick(t) return t[math.random(#t)] end

setup = function(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

init = function(args)
  math.randomseed(seed or 1)
end

request = function()
  local r = math.random(100)
  local path
  if r <= 30 then
    local a, b = pick(states), pick(states)
    while b == a do b = pick(states) end
    local year = math.random(2015, 2025)
    if math.random(2) == 1 then
      path = "/api/dyad?a=" .. a .. "&b=" .. b .. "&per_page=50"
    else
      path = "/api/dyad?a=" .. a .. "&b=" .. b .. "&from=" .. year .. "&to=" .. year
    end
  elseif r <= 50 then
    path = "/api/actors/" .. pick(states)
  elseif r <= 75 then
    local y = math.random(2015, 2025)
    local k = math.random(3)
    if k == 1 then
      path = "/api/events?type=" .. pick(types) .. "&page=" .. math.random(1, 5)
    elseif k == 2 then
      path = "/api/events?country=" .. pick(states) .. "&from=" .. y .. "-01&to=" .. y .. "-06"
    else
      path = "/api/events?country=" .. pick(states) .. "&type=" .. pick(types) .. "&per_page=20"
    end
  elseif r <= 95 then
    path = "/api/search?q=" .. pick(words) .. "&page=" .. math.random(1, 3)
  else
    local y = math.random(2015, 2025)
    path = "/api/graph?from=" .. y .. "-03&to=" .. y .. "-03&limit=100"
  end
  return wrk.format("GET", path)
end

delay = function()
  return delay_ms
end

-- wrk counts only socket errors and non-2xx/3xx; say how many answers were not 200
local not_ok = 0
response = function(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
