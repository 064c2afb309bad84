-- A node puts its sessions of a uid back into presence after it lost touch with Redis (a restart of Redis, a
-- partition, a stall that made it look dead): its entries become exactly the sessions it holds (entries of
-- sessions that closed meanwhile go, missing ones come back with their order), and the session policy is applied:
-- if a newer session of the uid opened elsewhere meanwhile, the restored older ones are the ones displaced.
-- KEYS: presence. ARGV: sessions allowed per uid, this node, then field, value ("order openedAt address")
-- pairs. Returns the displaced fields.
local presence = KEYS[1]
local mine = {}
for i = 3, #ARGV, 2 do
  mine[ARGV[i]] = true
  redis.call('HSETNX', presence, ARGV[i], ARGV[i + 1])
end
local all = redis.call('HGETALL', presence)
local entries = {}
for i = 1, #all, 2 do
  if node_of(all[i]) == ARGV[2] and not mine[all[i]] then
    redis.call('HDEL', presence, all[i])
  else
    entries[#entries + 1] = {all[i], tonumber(string.match(all[i + 1], '^(%d+)'))}
  end
end
table.sort(entries, function(a, b) return a[2] < b[2] end)
local displaced = {}
for i = 1, #entries - tonumber(ARGV[1]) do
  redis.call('HDEL', presence, entries[i][1])
  displaced[#displaced + 1] = entries[i][1]
end
return displaced
