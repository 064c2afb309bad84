-- Tells every live node holding sessions of a uid something about it (a group joined or left), and answers which
-- nodes it told, so the caller can wait for each to confirm. KEYS: presence. ARGV: node channel prefix, message,
-- dead nodes (" a b ").
local told, nodes = {}, {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  local node = node_of(field)
  if node and not is_dead(ARGV[3], node) and not told[node] then
    told[node] = true
    nodes[#nodes + 1] = node
    redis.call('PUBLISH', ARGV[1] .. node, ARGV[2])
  end
end
return nodes
