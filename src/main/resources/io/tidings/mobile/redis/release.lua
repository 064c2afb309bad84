-- A node starting again under its id takes back at once what its earlier life held (that life is over): its
-- claims are due again now. ARGV: 1 P, 2 "<node>/", 3 now. Returns how many.
local released = 0
for _, id in ipairs(redis.call('ZRANGE', LEASE, 0, -1)) do
  local claim = redis.call('HGET', P .. id, 'w')
  if claim and string.sub(claim, 1, #ARGV[2]) == ARGV[2] then
    redis.call('ZREM', LEASE, id)
    redis.call('HDEL', P .. id, 'w')
    redis.call('ZADD', DUE, ARGV[3], id)
    released = released + 1
  end
end
return released
