-- Shared by the job store's scripts (after the inbox's prelude). Layout, all in the {push} unit, P = the jobs'
-- prefix (ARGV[1]):
--   P<id>   hash  o origin, u uid, s stream, q seq, e epoch, c count, ti title, bo body, co collapse key, k kind,
--                 cr created, du due, a attempts, p platform, t token (p and t only once split per device),
--                 w the claim holding it ("<node>/<instance>:<attempt>"); absent fields are null
--   KEYS[1] due    zset  id by due time: waiting, unclaimed
--   KEYS[2] lease  zset  id by the time its claim lapses: being sent by the node in w
--   KEYS[3] open   hash  merge key -> the id of the open job (not yet tried, for every device) it joins
--   KEYS[4] dead   zset  id by created: dead letters
--   KEYS[5] age    zset  id by created: every job waiting or being sent (the oldest job's age)
--   KEYS[6] ids    counter
local P = ARGV[1]
local DUE, LEASE, OPEN, DEAD, AGE, IDS = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]

local function merge_key(uid, stream, kind, collapse)
  return uid .. '\n' .. stream .. '\n' .. kind .. '\n' .. (collapse or '')
end

-- An optional argument: '' for null, else the value after a '=' mark.
local function opt(value)
  if value == '' then
    return false
  end
  return string.sub(value, 2)
end

local function set_opt(job, field, value)
  if value then
    redis.call('HSET', job, field, value)
  else
    redis.call('HDEL', job, field)
  end
end
