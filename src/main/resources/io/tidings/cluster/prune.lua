-- Removes a node's entries from a uid's presence (the node died, or restarts under the same id).
-- KEYS: presence. ARGV: node. Returns how many were removed.
local removed = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if node_of(field) == ARGV[1] then
    redis.call('HDEL', KEYS[1], field)
    removed = removed + 1
  end
end
return removed
