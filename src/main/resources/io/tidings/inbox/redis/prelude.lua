-- Shared by every script of the Redis inbox (prepended to each). Layout, per stream unit (a uid, a group, "*"):
--   meta   hash  e = epoch, s = top seq, r = read up to (uid streams)
--   stream XADD entries with id "<seq>-0" and fields t (ts, ms), i (message id), f (the frame, seq and epoch in it)
-- A stream whose meta is gone (expired, evicted, lost) starts a new epoch, so no seq is ever given twice.

local function node_of(field)
  return string.match(field, '^(%S+) ')
end

-- dead is " a b " (space delimited, spaces around): the nodes whose liveness expired.
local function is_dead(dead, node)
  return string.find(dead, ' ' .. node .. ' ', 1, true) ~= nil
end

local function seq_of(id)
  return tonumber(string.match(id, '^(%d+)'))
end

-- The stream's epoch, top and read mark; creates them (a new epoch) when the meta is missing.
local function ensure_meta(meta, stream, new_epoch, meta_ttl)
  local m = redis.call('HMGET', meta, 'e', 's', 'r')
  local epoch, top, r = m[1], tonumber(m[2] or '0'), tonumber(m[3] or '0')
  if not epoch then
    epoch, top, r = new_epoch, 0, 0
    redis.call('HSET', meta, 'e', epoch, 's', 0, 'r', 0)
    redis.call('DEL', stream) -- messages of a forgotten epoch
  end
  redis.call('EXPIRE', meta, meta_ttl)
  return epoch, top, r
end

-- Drops messages older than cutoff (ms) from the head of the stream; true when it dropped any. The usual case, a
-- head within its age, reads one entry.
local function trim_old(stream, cutoff)
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  if #first == 0 or tonumber(first[1][2][2]) >= cutoff then
    return false
  end
  while true do
    local head = redis.call('XRANGE', stream, '-', '+', 'COUNT', 32)
    if #head == 0 then
      return true
    end
    for _, entry in ipairs(head) do
      if tonumber(entry[2][2]) >= cutoff then
        redis.call('XTRIM', stream, 'MINID', entry[1])
        return true
      end
    end
    redis.call('XTRIM', stream, 'MINID', tostring(seq_of(head[#head][1]) + 1))
  end
end

-- The lowest retained seq (top + 1 when none) and its time (0 when none).
local function first_of(stream, top)
  local entry = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  if #entry == 0 then
    return top + 1, 0
  end
  return seq_of(entry[1][1]), tonumber(entry[1][2][2])
end

-- {epoch, top, first, read mark, time of the first}: what head() answers.
local function head_of(meta, stream, cutoff, new_epoch, meta_ttl)
  local epoch, top, r = ensure_meta(meta, stream, new_epoch, meta_ttl)
  trim_old(stream, cutoff)
  local first, first_ts = first_of(stream, top)
  return {epoch, top, first, r, first_ts}
end
