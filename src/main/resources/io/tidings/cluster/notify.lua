-- Tells every node holding sessions of a uid something about it (a group joined or left), and answers which of
-- them are alive, so the caller can wait for each to confirm (a node taken for dead is told too, not waited for).
-- KEYS: presence. ARGV: node channel prefix, message, dead nodes (" a b ").
local told, live = {}, {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  local node = node_of(field)
  if node and not told[node] then
    told[node] = true
    redis.call('PUBLISH', ARGV[1] .. node, ARGV[2])
    if not is_dead(ARGV[3], node) then
      live[#live + 1] = node
    end
  end
end
return live
