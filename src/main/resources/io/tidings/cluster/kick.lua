-- Removes every session of the uid from presence at once and returns the live ones' fields, so their nodes can
-- close them; /api/online answers 0 from then on. KEYS: presence. ARGV: dead nodes (" a b ").
local all = redis.call('HKEYS', KEYS[1])
local live = {}
for _, field in ipairs(all) do
  local node = node_of(field)
  if node and not is_dead(ARGV[1], node) then
    live[#live + 1] = field
  end
end
redis.call('DEL', KEYS[1])
return live
