-- Adds jobs, each merged into the open job of its uid, stream, kind and collapse key when there is one (its seq
-- rises, its count grows, its text is the newest; its due time stays). ARGV: 1 P, then per job 10 values: uid,
-- stream, seq, epoch, title, body, collapse (optional: '' or '=' value), kind, created, due.
for b = 2, #ARGV, 10 do
  local uid, stream, seq, epoch = ARGV[b], ARGV[b + 1], tonumber(ARGV[b + 2]), ARGV[b + 3]
  local title, body, collapse = opt(ARGV[b + 4]), opt(ARGV[b + 5]), opt(ARGV[b + 6])
  local kind, created, due = ARGV[b + 7], ARGV[b + 8], ARGV[b + 9]
  local mk = merge_key(uid, stream, kind, collapse)
  local id = redis.call('HGET', OPEN, mk)
  if id and redis.call('EXISTS', P .. id) == 1 then
    local job = P .. id
    if seq > tonumber(redis.call('HGET', job, 'q')) then
      redis.call('HSET', job, 'q', seq)
    end
    redis.call('HSET', job, 'e', epoch)
    redis.call('HINCRBY', job, 'c', 1)
    set_opt(job, 'ti', title)
    set_opt(job, 'bo', body)
  else
    id = redis.call('INCR', IDS)
    local job = P .. id
    redis.call('HSET', job, 'o', id, 'u', uid, 's', stream, 'q', seq, 'e', epoch, 'c', 1, 'k', kind, 'cr', created,
      'du', due, 'a', 0)
    set_opt(job, 'ti', title)
    set_opt(job, 'bo', body)
    set_opt(job, 'co', collapse)
    redis.call('ZADD', DUE, due, id)
    redis.call('ZADD', AGE, created, id)
    redis.call('HSET', OPEN, mk, id)
  end
end
return 0
