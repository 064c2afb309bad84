-- A chat session leaves a room: its seat goes, and the caller learns whether it was its uid's last seat there on
-- any node (an open room's membership then ends). KEYS: seats. ARGV: client id, uid. Returns 1 when it was the last.
redis.call('HDEL', KEYS[1], ARGV[1])
for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
  if string.match(value, '^%d+ %S+ (%S+) ') == ARGV[2] then
    return 0
  end
end
return 1
