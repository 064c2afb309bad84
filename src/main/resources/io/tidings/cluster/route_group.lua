-- How many sessions of a group's members a node holds (0: none, the node leaves the group's route), and the group
-- stream's position when it joins the route. KEYS: route, meta, stream. ARGV: node, sessions, new epoch, meta ttl.
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
local epoch, top = ensure_meta(KEYS[2], KEYS[3], ARGV[3], ARGV[4])
return {top, epoch}
