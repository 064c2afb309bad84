-- A node says it is alive for ttl more milliseconds, with its live session count (for the "all" push's answer),
-- and hears every node's liveness as Redis's clock sees it.
-- KEYS: nodes. ARGV: node, sessions, ttl (ms), instance (random per start).
-- Returns {was (1: this instance was alive until now; 0: it was not, or it is new; 2: another instance was
-- alive under this node id), node, alive (1/0), ...}.
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local was = 0
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
  local deadline, _, instance = string.match(previous, '^(%d+) (%d+) (%S+)')
  if tonumber(deadline) > ms then
    was = (instance == ARGV[4]) and 1 or 2
  end
end
redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f', ms + tonumber(ARGV[3])) .. ' ' .. ARGV[2] .. ' ' .. ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
local result = {was}
for i = 1, #all, 2 do
  local deadline = string.match(all[i + 1], '^(%d+)')
  result[#result + 1] = all[i]
  result[#result + 1] = (tonumber(deadline) > ms) and 1 or 0
end
return result
