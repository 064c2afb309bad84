-- KEYS: meta, stream[, ages]. ARGV: new epoch, meta ttl (s), stream name. The position stays: the read mark goes to
-- the top, so nothing is unread and no seq is given twice.
local epoch, top, r = ensure_meta(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
local removed = redis.call('XLEN', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'r', top)
if KEYS[3] then
  redis.call('ZREM', KEYS[3], ARGV[3])
end
return removed
