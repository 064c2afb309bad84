-- Stores a message in its stream (when asked) and hands it to the nodes that hold its recipients, in one atomic
-- step: whatever a node receives is stored, and the seq order of a stream is the order nodes receive it in.
-- KEYS: meta, stream, route, idempotency record[, ages]
--   route: the uid's presence hash ("<node> <session>" -> ...), the group's routing hash (node -> member
--   sessions), or the nodes hash (node -> "<deadline> <sessions> <instance>") for everyone; meta again for none.
-- ARGV: 1 kind (u, g, a, or n: store only), 2 stream name, 3 message id, 4 ts, 5 frame, 6 store (1/0),
--   7 max per stream, 8 cutoff (ms), 9 stream ttl (s), 10 meta ttl (s), 11 new epoch, 12 now (ms),
--   13 key window (ms), 14 key record ttl (s), 15 has key (1/0), 16 channel (node channel prefix; the broadcast
--   channel for a), 17 dead nodes (" a b "), 18 has ages (1/0), 19 what a live envelope names (the stream, or a
--   chat address: "r:<group> <except>", "c:<client id> <room>", "h:<uid>"), 20 room only (1/0: a stored chat say,
--   for the room's chat sessions alone; its entry gets o=1 and its envelope starts R)
--   kind c: route is a room's seats hash, the address names the client id; only its node receives it
-- Returns {seq (0 when not stored), epoch, delivered, duplicate (1/0), id}.
--
-- The script runs a batch of such publishes (the ones waiting for this Redis, sent together: PublishBatches.java):
-- ARGV[1] is their count; each then has its key count and its 20 arguments in ARGV, its keys in KEYS, in order.
-- It returns their five values one after the other; a publish that failed returns {-1, error, 0, 0, ''} in its
-- place, and the others still count (but what a failed publish wrote before its error stays written: Redis undoes
-- nothing).
local function publish(KEYS, ARGV)
  local meta, stream, route, record = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
  local kind, name, id, ts, frame = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
  local now = tonumber(ARGV[12])

  if ARGV[15] == '1' then
    local earlier = redis.call('HMGET', record, 'i', 's', 'e', 'd', 't')
    if earlier[1] and now - tonumber(earlier[5]) <= tonumber(ARGV[13]) then
      return {tonumber(earlier[2]), earlier[3], tonumber(earlier[4]), 1, earlier[1]}
    end
  end

  local seq, epoch, envelope = 0, '', nil
  if ARGV[6] == '1' then
    local top
    epoch, top = ensure_meta(meta, stream, ARGV[11], ARGV[10])
    seq = redis.call('HINCRBY', meta, 's', 1)
    local open = string.sub(frame, 1, -2)
    if not string.match(open, '^%s*{%s*$') then
      open = open .. ','
    end
    local positioned = open .. '"seq":' .. seq .. ',"epoch":"' .. epoch .. '"}'
    if ARGV[20] == '1' then
      redis.call('XADD', stream, 'MAXLEN', ARGV[7], seq .. '-0', 't', ts, 'i', id, 'f', positioned, 'o', '1')
    else
      redis.call('XADD', stream, 'MAXLEN', ARGV[7], seq .. '-0', 't', ts, 'i', id, 'f', positioned)
    end
    local aged_out = trim_old(stream, tonumber(ARGV[8]))
    redis.call('EXPIRE', stream, ARGV[9])
    -- The age index moves only when the stream's first message does: a new stream, one at its length limit, or one
    -- whose oldest messages aged out.
    if ARGV[18] == '1' then
      local length = redis.call('XLEN', stream)
      if length == 1 or length >= tonumber(ARGV[7]) or aged_out then
        local _, first_ts = first_of(stream, seq)
        redis.call('ZADD', KEYS[5], first_ts, name)
      end
    end
    envelope = (ARGV[20] == '1' and 'R|' or 'S|') .. name .. '|' .. seq .. '|' .. epoch .. '|' .. positioned
  else
    envelope = 'L|' .. ARGV[19] .. '|' .. frame
  end

  -- Every node on the route receives it, even one taken for dead (it may only be slow to beat); only sessions of
  -- live nodes count as delivered.
  local delivered, dead, channel = 0, ARGV[17], ARGV[16]
  if kind == 'u' then
    local nodes = {}
    for _, field in ipairs(redis.call('HKEYS', route)) do
      local node = node_of(field)
      if node then
        nodes[node] = true
        if not is_dead(dead, node) then
          delivered = delivered + 1
        end
      end
    end
    for node in pairs(nodes) do
      redis.call('PUBLISH', channel .. node, envelope)
    end
  elseif kind == 'g' then
    local pairs_ = redis.call('HGETALL', route)
    for i = 1, #pairs_, 2 do
      local sessions = tonumber(pairs_[i + 1])
      if sessions > 0 then
        redis.call('PUBLISH', channel .. pairs_[i], envelope)
        if not is_dead(dead, pairs_[i]) then
          delivered = delivered + sessions
        end
      end
    end
  elseif kind == 'c' then
    local seat = redis.call('HGET', route, string.match(ARGV[19], '^c:(%S+)'))
    local node = seat and string.match(seat, '^%d+ (%S+) ')
    if node then
      redis.call('PUBLISH', channel .. node, envelope)
      if not is_dead(dead, node) then
        delivered = 1
      end
    end
  elseif kind == 'a' then
    local nodes = redis.call('HGETALL', route)
    for i = 1, #nodes, 2 do
      if not is_dead(dead, nodes[i]) then
        delivered = delivered + tonumber(string.match(nodes[i + 1], '^%d+ (%d+)'))
      end
    end
    redis.call('PUBLISH', channel, envelope)
  end

  if ARGV[15] == '1' then
    redis.call('HSET', record, 'i', id, 's', seq, 'e', epoch, 'd', delivered, 't', now)
    redis.call('EXPIRE', record, ARGV[14])
  end
  return {seq, epoch, delivered, 0, id}
end

local replies, k, a = {}, 1, 2
for _ = 1, tonumber(ARGV[1]) do
  local count = tonumber(ARGV[a])
  local ok, reply = pcall(publish, {unpack(KEYS, k, k + count - 1)}, {unpack(ARGV, a + 1, a + 20)})
  for i = 1, 5 do
    if ok and reply[i] == nil then
      ok, reply = false, 'publish left value ' .. i .. ' out'
    end
  end
  if not ok then
    reply = {-1, type(reply) == 'table' and (reply.err or 'error') or tostring(reply), 0, 0, ''}
  end
  for i = 1, 5 do
    replies[#replies + 1] = reply[i]
  end
  k, a = k + count, a + 21
end
return replies
