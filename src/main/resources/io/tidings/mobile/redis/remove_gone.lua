-- Removes a device its provider says is gone since ARGV[2] (epoch ms), unless it was registered after that.
-- KEYS: devices. ARGV: 1 key, 2 since, 3 channel, 4 zset prefix. Returns 1 when it was removed.
local device = redis.call('HGET', KEYS[1], ARGV[1])
if not device or registered_of(device) > tonumber(ARGV[2]) then
  return 0
end
take(KEYS[1], ARGV[4], ARGV[3], ARGV[1])
return 1
