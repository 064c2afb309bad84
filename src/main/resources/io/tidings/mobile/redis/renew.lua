-- Extends the leases of jobs still held by the claims named. ARGV: 1 P, 2 until, then pairs: id, claim.
for i = 3, #ARGV, 2 do
  if redis.call('HGET', P .. ARGV[i], 'w') == ARGV[i + 1] then
    redis.call('ZADD', LEASE, 'XX', ARGV[2], ARGV[i])
  end
end
return 0
