-- What the pump and the gauges read. ARGV: 1 P, 2 now. Returns {earliest due (-1: none), 1 when a lease lapsed,
-- jobs waiting or being sent, the oldest one's creation time (0: none), dead letters}.
local first = redis.call('ZRANGE', DUE, 0, 0, 'WITHSCORES')
local lapsed = #redis.call('ZRANGEBYSCORE', LEASE, '-inf', ARGV[2], 'LIMIT', 0, 1)
local oldest = redis.call('ZRANGE', AGE, 0, 0, 'WITHSCORES')
return {first[2] and tonumber(first[2]) or -1, lapsed, redis.call('ZCARD', DUE) + redis.call('ZCARD', LEASE),
  oldest[2] and tonumber(oldest[2]) or 0, redis.call('ZCARD', DEAD)}
