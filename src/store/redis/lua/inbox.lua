-- A person's open inbox items, newest first, and how many are open, in one round trip.
-- KEYS[1] the open zset (item id by `at`), KEYS[2] the items hash; ARGV[1] the limit (>= 1).
-- Returns { total, item JSON... } (false for an id without a stored item, which commits never leave
-- behind). commit.lua does the same read for a Done click (`ri`): keep the two in step.
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local reply = { redis.call('ZCARD', KEYS[1]) }
for i, id in ipairs(ids) do
  reply[i + 1] = redis.call('HGET', KEYS[2], id)
end
return reply
