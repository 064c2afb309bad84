-- A node says it is alive for ttl more milliseconds, with its live session count (for the "all" push's answer);
-- answers every node's liveness as Redis's clock sees it.
-- KEYS: nodes. ARGV: node, sessions, ttl (ms), instance. Returns {node, alive (1/0), instance, ...}.
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f', ms + tonumber(ARGV[3])) .. ' ' .. ARGV[2] .. ' ' .. ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
local result = {}
for i = 1, #all, 2 do
  local deadline, _, instance = string.match(all[i + 1], '^(%d+) (%d+) (%S+)')
  result[#result + 1] = all[i]
  result[#result + 1] = (tonumber(deadline) > ms) and 1 or 0
  result[#result + 1] = instance
end
return result
