-- A session opens: records it in the uid's presence and applies the session policy cluster-wide, in one step, so
-- that concurrent logins on any nodes are ordered by Redis alone. The newest session is the one registered last.
-- KEYS: presence, meta, stream. ARGV: field ("<node> <session>"), value ("<openedAt> <address>"), sessions
-- allowed per uid (1 under "newest"), new epoch, meta ttl (s). Entries of nodes that look dead count like any
-- other: a node is only taken for dead by its heartbeat, and a survivor clears a dead node's entries itself.
-- Returns {top, epoch, displaced field...}: the stream's position when the session joined, and the sessions that
-- it replaces (the oldest beyond the allowance), already removed from presence.
local presence = KEYS[1]
local now = redis.call('TIME')
local order = tonumber(now[1]) * 1000000 + tonumber(now[2])
local all = redis.call('HGETALL', presence)
local entries = {}
for i = 1, #all, 2 do
  local field, value = all[i], all[i + 1]
  if field ~= ARGV[1] then
    local o = tonumber(string.match(value, '^(%d+)'))
    if o >= order then
      order = o + 1
    end
    entries[#entries + 1] = {field, o}
  end
end
redis.call('HSET', presence, ARGV[1], string.format('%.0f', order) .. ' ' .. ARGV[2])
table.sort(entries, function(a, b) return a[2] < b[2] end)
local result = {}
local epoch, top = ensure_meta(KEYS[2], KEYS[3], ARGV[4], ARGV[5])
result[1] = top
result[2] = epoch
for i = 1, #entries + 1 - tonumber(ARGV[3]) do
  redis.call('HDEL', presence, entries[i][1])
  result[#result + 1] = entries[i][1]
end
return result
