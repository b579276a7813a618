-- A mix of the API's read queries for wrk (scripts/load-test.sh). Each connection waits
-- DELAY_MS between requests, so connections × 1000 / (DELAY_MS + latency) sets the offered
-- rate. Actors are the states the synthetic store favours and a few others, people by
-- surname, case form, Latin spelling and Wikidata item, names no store holds (made up
-- per request, in Cyrillic and Latin letters), and the search box's suggestions for the
-- first letters of a name; words are in its texts. Deterministic per thread.
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
-- people as users type them: surnames, case forms, Latin spellings, Wikidata items
local people = {"Алиев", "Алиевым", "Aliyev", "Пашинян", "Пашиняном", "Pashinyan", "Лавров",
  "Lavrov", "Эрдоган", "Erdogan", "Ильхам Алиев", "Q57371", "Байрамов", "Bayramov", "Мирзоян",
  "Макрон", "Macron", "Шольц", "Путин", "Putin"}
local cyrillic = {"а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н", "о", "п",
  "р", "с", "т", "у", "ф", "х", "ц", "ш", "ы", "э", "ю", "я"}
local latin = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "k", "l", "m", "n", "o", "p", "r",
  "s", "t", "u", "v", "z"}
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

local function encode(s)
  return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- a name no store holds: 5 to 10 random letters, the first upper-case when Latin
local function made_up(letters, n)
  local t = {}
  for i = 1, n do t[i] = letters[math.random(#letters)] end
  return table.concat(t)
end
local counter = 0

local function pick(t) return t[math.random(#t)] end

threads = {}
setup = function(thread)
  counter = counter + 1
  thread:set("seed", counter)
  table.insert(threads, thread)
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
  elseif r <= 35 then
    path = "/api/actors/" .. pick(states)
  elseif r <= 40 then
    path = "/api/actors/" .. encode(pick(people))
  elseif r <= 46 then
    -- unknown names: the look-up that scanned every entity before (issue #14)
    if math.random(2) == 1 then
      path = "/api/actors/" .. encode(made_up(cyrillic, math.random(5, 10)))
    else
      path = "/api/actors/" .. encode(string.upper(made_up(latin, 1)) .. made_up(latin, math.random(4, 9)))
    end
  elseif r <= 50 then
    -- what the search box asks as one types
    local letters = math.random(2) == 1 and cyrillic or latin
    path = "/api/actors?limit=8&q=" .. encode(made_up(letters, math.random(2, 4)))
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

-- wrk counts only socket errors and non-2xx/3xx; say how the answers went, by status
-- class: 300 is a name several actors share, 404 a name no store holds (both expected)
c200, c300, c404, c4xx, c5xx = 0, 0, 0, 0, 0
response = function(status, headers, body)
  if status == 200 then c200 = c200 + 1
  elseif status == 300 then c300 = c300 + 1
  elseif status == 404 then c404 = c404 + 1
  elseif status < 500 then c4xx = c4xx + 1
  else c5xx = c5xx + 1 end
end

done = function(summary, latency, requests)
  local t = {c200 = 0, c300 = 0, c404 = 0, c4xx = 0, c5xx = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  io.write(string.format("answers: 200 %d, 300 %d, 404 %d, other 4xx %d, 5xx %d\n",
    t.c200, t.c300, t.c404, t.c4xx, t.c5xx))
end
