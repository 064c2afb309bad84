-- KEYS: meta, stream. ARGV: cutoff (ms), new epoch, meta ttl (s).
return head_of(KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2], ARGV[3])
