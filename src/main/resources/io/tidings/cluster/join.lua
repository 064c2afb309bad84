-- Adds a uid to a group within the three limits, atomically (one hash tag holds all membership data).
-- KEYS: members of the group, groups of the uid, counters. ARGV: uid, group, max groups, max members, max
-- memberships. Returns 0 joined, 1 already a member, 2 too many groups, 3 group full, 4 too many memberships.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return 1
end
local size = redis.call('SCARD', KEYS[1])
if size >= tonumber(ARGV[4]) then
  return 3
end
local counts = redis.call('HMGET', KEYS[3], 'groups', 'memberships')
if size == 0 and tonumber(counts[1] or '0') >= tonumber(ARGV[3]) then
  return 2
end
if tonumber(counts[2] or '0') >= tonumber(ARGV[5]) then
  return 4
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
if size == 0 then
  redis.call('HINCRBY', KEYS[3], 'groups', 1)
end
redis.call('HINCRBY', KEYS[3], 'memberships', 1)
return 0
