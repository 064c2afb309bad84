-- Removes every session of the uid from presence at once and returns them, so their nodes can close them (a
-- node taken for dead is told too: it may be alive), with how many were on live nodes; /api/online answers 0
-- from then on. KEYS: presence. ARGV: dead nodes (" a b "). Returns {live count, field...}.
local fields = redis.call('HKEYS', KEYS[1])
local live = 0
for _, field in ipairs(fields) do
  local node = node_of(field)
  if node and not is_dead(ARGV[1], node) then
    live = live + 1
  end
end
redis.call('DEL', KEYS[1])
table.insert(fields, 1, live)
return fields
