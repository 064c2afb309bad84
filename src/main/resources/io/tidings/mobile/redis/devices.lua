-- Shared by the device registry's scripts (after the inbox's prelude). Layout, all in the {push} unit:
--   devices  hash  "platform:token" -> "registered|platform|env|topic|token|uid" (a token belongs to one uid)
--   per uid  zset  "platform:token" by registration order (a counter: the newest is never the one dropped)
-- Every change is published on the device channel ("+<device>" or "-<platform:token>"), in the order it was made,
-- so each node's copy of the registry follows; a node that was not subscribed reads the whole hash again.

local function uid_of(device)
  return string.match(device, '^[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|(.*)$')
end

local function registered_of(device)
  return tonumber(string.match(device, '^(%d+)|'))
end

-- Removes a device by its key; returns the device or false.
local function take(devices, of_prefix, channel, key)
  local device = redis.call('HGET', devices, key)
  if not device then
    return false
  end
  redis.call('HDEL', devices, key)
  redis.call('ZREM', of_prefix .. uid_of(device), key)
  redis.call('PUBLISH', channel, '-' .. key)
  return device
end
