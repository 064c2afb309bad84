-- KEYS: meta, stream. ARGV: up to, cutoff (ms), new epoch, meta ttl (s). Never backwards, never past the top.
local epoch, top, r = ensure_meta(KEYS[1], KEYS[2], ARGV[3], ARGV[4])
local up_to = math.min(tonumber(ARGV[1]), top)
if up_to > r then
  redis.call('HSET', KEYS[1], 'r', up_to)
end
return head_of(KEYS[1], KEYS[2], tonumber(ARGV[2]), ARGV[3], ARGV[4])
