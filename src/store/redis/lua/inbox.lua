-- A person's open inbox items, newest first, in one round trip.
-- KEYS[1] the open zset (item id by `at`), KEYS[2] the items hash; ARGV[1] the limit (>= 1).
-- Returns the items' JSON (false for an id without a stored item, which commits never leave behind).
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local items = {}
for i, id in ipairs(ids) do
  items[i] = redis.call('HGET', KEYS[2], id)
end
return items
