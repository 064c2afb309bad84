-- Removes the uid's device with this token (any platform). KEYS: devices, the uid's zset. ARGV: 1 token,
-- 2 channel, 3 zset prefix. Returns 1 when there was one.
local suffix = ':' .. ARGV[1]
for _, key in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if string.sub(key, -#suffix) == suffix then
    take(KEYS[1], ARGV[3], ARGV[2], key)
    return 1
  end
end
return 0
