-- Claims up to ARGV[3] jobs due at ARGV[2], oldest due first, for the claimer ARGV[5] until ARGV[4] (its lease),
-- counting the attempt. A job whose lease lapsed (its node died or stalled) is due again first.
-- Returns per job 16 values: id, then o u s q e c ti bo co k cr du a p t ('' for null, else '=' value).
local now, max, lease_until, claimer = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local lapsed = redis.call('ZRANGEBYSCORE', LEASE, '-inf', now, 'WITHSCORES')
for i = 1, #lapsed, 2 do
  redis.call('ZREM', LEASE, lapsed[i])
  redis.call('HDEL', P .. lapsed[i], 'w')
  redis.call('ZADD', DUE, lapsed[i + 1], lapsed[i])
end
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', DUE, '-inf', now, 'LIMIT', 0, max)) do
  local job = P .. id
  redis.call('ZREM', DUE, id)
  if redis.call('EXISTS', job) == 1 then
    redis.call('ZADD', LEASE, lease_until, id)
    local attempts = redis.call('HINCRBY', job, 'a', 1)
    redis.call('HSET', job, 'w', claimer .. ':' .. attempts)
    local f = redis.call('HMGET', job, 'o', 'u', 's', 'q', 'e', 'c', 'ti', 'bo', 'co', 'k', 'cr', 'du', 'a', 'p', 't')
    if not f[15] then
      local mk = merge_key(f[2], f[3], f[10], f[9])
      if redis.call('HGET', OPEN, mk) == id then
        redis.call('HDEL', OPEN, mk) -- tried: later messages start a job of their own
      end
    end
    table.insert(out, id)
    for i = 1, 15 do
      table.insert(out, f[i] and ('=' .. f[i]) or '')
    end
  end
end
return out
