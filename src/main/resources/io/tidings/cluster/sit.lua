-- A chat session sits down in a room: its seat joins the room's seats hash, ordered after everyone there, and the
-- caller hears everyone seated (its client_list). KEYS: seats. ARGV: client id, node, uid, name (the name last: it
-- may hold spaces). Returns the hash's field, value pairs, the new seat among them.
local now = redis.call('TIME')
local order = tonumber(now[1]) * 1000000 + tonumber(now[2])
for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
  local o = tonumber(string.match(value, '^(%d+)'))
  if o >= order then
    order = o + 1
  end
end
redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f', order) .. ' ' .. ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[4])
return redis.call('HGETALL', KEYS[1])
