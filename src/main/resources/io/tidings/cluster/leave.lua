-- Removes a uid from a group; an emptied group is forgotten. KEYS: members, groups of the uid, counters.
-- ARGV: uid, group. Returns 1 when the uid was a member.
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('HINCRBY', KEYS[3], 'memberships', -1)
if redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'groups', -1)
end
return 1
