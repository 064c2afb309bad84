-- Removes a node's seats from a room (the node died, or restarts under the same id, or puts its seats back).
-- KEYS: seats. ARGV: node. Returns the removed field, value pairs.
local removed = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.match(all[i + 1], '^%d+ (%S+) ') == ARGV[1] then
    redis.call('HDEL', KEYS[1], all[i])
    removed[#removed + 1] = all[i]
    removed[#removed + 1] = all[i + 1]
  end
end
return removed
