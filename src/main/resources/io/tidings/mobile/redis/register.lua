-- Registers a device (again), taking its token from any other uid; the uid's oldest beyond the cap are dropped.
-- KEYS: devices, the uid's zset, the order counter. ARGV: 1 key, 2 device, 3 max per uid, 4 channel, 5 zset prefix.
-- Returns the dropped devices.
local devices, mine, counter = KEYS[1], KEYS[2], KEYS[3]
local key, device, max, channel, of_prefix = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local earlier = redis.call('HGET', devices, key)
if earlier then
  redis.call('ZREM', of_prefix .. uid_of(earlier), key)
end
redis.call('HSET', devices, key, device)
redis.call('ZADD', mine, redis.call('INCR', counter), key)
redis.call('PUBLISH', channel, '+' .. device)
local dropped = {}
while redis.call('ZCARD', mine) > max do
  local oldest = redis.call('ZRANGE', mine, 0, 0)[1]
  table.insert(dropped, take(devices, of_prefix, channel, oldest))
end
return dropped
