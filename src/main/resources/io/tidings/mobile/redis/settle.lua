-- Settles claimed jobs: done, again later (in place, or split per device), or dead. A job whose claim is no
-- longer the settler's (its lease lapsed and another node took it) is left to that node.
-- ARGV: 1 P, 2 claimer, 3 dead letters created before this go, 4 dead letters kept at most, then per job: id,
-- attempts (as claimed), how many follow-ups, then per follow-up: platform, token ('' for the job's own
-- "every device"), due, dead (1/0), refund (1/0).
local claimer, dead_before, max_dead = ARGV[2], ARGV[3], tonumber(ARGV[4])
local any_dead = false
local i = 5
while i <= #ARGV do
  local id, attempts, follow_ups = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  i = i + 3
  local job = P .. id
  local mine = redis.call('HGET', job, 'w') == (claimer .. ':' .. attempts) and redis.call('ZSCORE', LEASE, id)
  local token = redis.call('HGET', job, 't') or ''
  local in_place = follow_ups == 1 and ARGV[i + 1] == token
  if mine then
    redis.call('ZREM', LEASE, id)
    redis.call('HDEL', job, 'w')
  end
  for _ = 1, follow_ups do
    local platform, next_token, due = ARGV[i], ARGV[i + 1], ARGV[i + 2]
    local dead, refund = ARGV[i + 3] == '1', ARGV[i + 4] == '1'
    i = i + 5
    if mine then
      local target, target_id = job, id
      local created = redis.call('HGET', job, 'cr')
      if not in_place then
        target_id = redis.call('INCR', IDS)
        target = P .. target_id
        redis.call('HSET', target, unpack(redis.call('HGETALL', job)))
        redis.call('HSET', target, 'p', platform, 't', next_token)
        redis.call('ZADD', AGE, created, target_id)
      end
      redis.call('HSET', target, 'du', due, 'a', refund and attempts - 1 or attempts)
      if dead then
        any_dead = true
        redis.call('ZADD', DEAD, created, target_id)
        redis.call('ZREM', AGE, target_id)
      else
        redis.call('ZADD', DUE, due, target_id)
        if next_token == '' and (refund and attempts - 1 or attempts) == 0 then
          local f = redis.call('HMGET', target, 'u', 's', 'k', 'co')
          redis.call('HSETNX', OPEN, merge_key(f[1], f[2], f[3], f[4]), target_id)
        end
      end
    end
  end
  if mine and not in_place then
    redis.call('DEL', job)
    redis.call('ZREM', AGE, id)
  end
end
if any_dead then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', DEAD, '-inf', '(' .. dead_before)) do
    redis.call('DEL', P .. id)
    redis.call('ZREM', DEAD, id)
  end
  local over = redis.call('ZCARD', DEAD) - max_dead
  if over > 0 then
    for _, id in ipairs(redis.call('ZRANGE', DEAD, 0, over - 1)) do
      redis.call('DEL', P .. id)
      redis.call('ZREM', DEAD, id)
    end
  end
end
return 0
