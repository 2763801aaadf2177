-- One timeline page in ONE round trip, for the full stream and for filtered views alike.
--
-- KEYS[1]  the index stream: the category stream of a filter, or the full stream itself
-- KEYS[2]  the full stream, which alone holds entry bodies
-- ARGV[1]  'rev' (XREVRANGE) or 'fwd' (XRANGE);  ARGV[2], ARGV[3] the range;  ARGV[4] COUNT
-- ARGV[5]  '' (no edge fact), or 'rev'/'fwd' with ARGV[6], ARGV[7] the edge range (COUNT 1)
--
-- Why: a category stream stores only the ids of its entries (field r), not a second copy of the
-- body, which halves Redis memory per entry; bodies are looked up here by id, O(page × log n).
-- Returns { { {id, {field, value, ...}}, ... }, edgeCount }.

local index, full = KEYS[1], KEYS[2]
local function range(dir, from, to, count)
  if dir == 'rev' then
    return redis.call('XREVRANGE', index, from, to, 'COUNT', count)
  end
  return redis.call('XRANGE', index, from, to, 'COUNT', count)
end

local page = range(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
local edge = 0
if ARGV[5] ~= '' then
  edge = #range(ARGV[5], ARGV[6], ARGV[7], 1)
end
if index ~= full then
  for i, record in ipairs(page) do
    local body = redis.call('XRANGE', full, record[1], record[1])
    -- A body missing from the full stream would mean a broken commit; surface it, don't hide it.
    page[i] = body[1] or { record[1], {} }
  end
end
return { page, edge }
