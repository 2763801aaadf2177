-- One atomic commit in ONE round trip. Built by src/store/redis/commit-args.ts from the store-neutral
-- plan in src/store/commit-plan.ts; the in-memory store runs the same plan (keep them in step).
--
-- Every key is declared in KEYS. ARGV[1] is a JSON plan holding only numbers: k* are indexes into
-- KEYS, a* indexes into ARGV, where the values (ids, scores, JSON documents) travel untouched, so
-- no user text ever goes through cjson.
--   o  = [onceK, ttlA]                           idempotency key: present = 'duplicate', else set
--   g  = [roomK, dealA, stateK, versionA, configK, configVersionA]
--                                                the state decided on is still stored, else 'stale'
--   d  = [stateK, expectedA, nextA, jsonA]       deal compare-and-set (absent v = "0")
--   c  = [configK, expectedA, nextA, jsonA]      workspace config compare-and-set
--   r  = [itemsK, idA]                           the inbox item must still be open, else 'gone'
--   b  = [[roomK, dealA], ...]                   bind: room must be unbound or bound to that deal
--   u  = [[roomK, dealA], ...]                   unbind: only if still bound to that deal
--   h  = [[handoffsK, idA, jsonA], ...]
--   e  = [[streamK, categoryK or 0, jsonA], ...] timeline appends
--   ir = [[openK, itemsK, idA], ...]             inbox removals
--   ia = [[openK, itemsK, idA, scoreA, jsonA], ...]
--   tc = [[timersK, idA], ...]                   timers cancelled
--   ta = [[timersK, idA, scoreA], ...]           timers scheduled (ZADD: same id = one timer)
--   w  = [wsDealsK, scoreA, dealA]               the deal in its home workspace's index
--   ci = [codeK, dealA, ttlA]                    a link code issued (stored by hash, expiring)
--   cu = [codeK, dealA]                          a link code used: must hold dealA, else 'gone'
--   ri = [openK, itemsK, limitA]                 after the writes, read an inbox as inbox.lua does
--
-- Returns { 'conflict', reason } and writes nothing, or { 'ok', entryId, ... } with, for ri, one
-- more element: the inbox page { total, item JSON... } (a table, where entry ids are strings).

local plan = cjson.decode(ARGV[1])
local K, A = KEYS, ARGV

-- Checks: all of them before any write, so a refused commit leaves no trace.
local o, d, c, g = plan.o, plan.d, plan.c, plan.g
if o and redis.call('EXISTS', K[o[1]]) == 1 then
  return { 'conflict', 'duplicate' }
end
if g and (redis.call('GET', K[g[1]]) ~= A[g[2]]
    or (redis.call('HGET', K[g[3]], 'v') or '0') ~= A[g[4]]
    or (redis.call('HGET', K[g[5]], 'v') or '0') ~= A[g[6]]) then
  return { 'conflict', 'stale' }
end
if d and (redis.call('HGET', K[d[1]], 'v') or '0') ~= A[d[2]] then
  return { 'conflict', 'version' }
end
if c and (redis.call('HGET', K[c[1]], 'v') or '0') ~= A[c[2]] then
  return { 'conflict', 'config-version' }
end
local r = plan.r
if r and redis.call('HEXISTS', K[r[1]], A[r[2]]) == 0 then
  return { 'conflict', 'gone' }
end
local cu = plan.cu
if cu and redis.call('GET', K[cu[1]]) ~= A[cu[2]] then
  return { 'conflict', 'gone' }
end
for _, b in ipairs(plan.b) do
  local bound = redis.call('GET', K[b[1]])
  if bound and bound ~= A[b[2]] then
    return { 'conflict', 'room-taken' }
  end
end

-- Writes.
if o then
  redis.call('SET', K[o[1]], '1', 'PX', A[o[2]])
end
if d then
  redis.call('HSET', K[d[1]], 'v', A[d[3]], 'j', A[d[4]])
end
for _, h in ipairs(plan.h) do
  redis.call('HSET', K[h[1]], A[h[2]], A[h[3]])
end
local result = { 'ok' }
for _, e in ipairs(plan.e) do
  local id = redis.call('XADD', K[e[1]], '*', 'j', A[e[3]])
  if e[2] ~= 0 then
    -- Same id in the category stream, and only the id: timeline.lua reads bodies from the full
    -- stream, so an entry's text is stored once. Cursors of a filtered page are valid everywhere.
    redis.call('XADD', K[e[2]], id, 'r', '')
  end
  result[#result + 1] = id
end
-- Removals before additions (rooms, inbox, timers): "remove then add the same id" keeps it.
for _, u in ipairs(plan.u) do
  if redis.call('GET', K[u[1]]) == A[u[2]] then
    redis.call('DEL', K[u[1]])
  end
end
for _, b in ipairs(plan.b) do
  redis.call('SET', K[b[1]], A[b[2]])
end
for _, r in ipairs(plan.ir) do
  redis.call('ZREM', K[r[1]], A[r[3]])
  redis.call('HDEL', K[r[2]], A[r[3]])
end
for _, a in ipairs(plan.ia) do
  redis.call('ZADD', K[a[1]], A[a[4]], A[a[3]])
  redis.call('HSET', K[a[2]], A[a[3]], A[a[5]])
end
for _, t in ipairs(plan.tc) do
  redis.call('ZREM', K[t[1]], A[t[2]])
end
for _, t in ipairs(plan.ta) do
  redis.call('ZADD', K[t[1]], A[t[3]], A[t[2]])
end
local w = plan.w
if w then
  redis.call('ZADD', K[w[1]], A[w[2]], A[w[3]])
end
if c then
  redis.call('HSET', K[c[1]], 'v', A[c[3]], 'j', A[c[4]])
end
local ci = plan.ci
if ci then
  redis.call('SET', K[ci[1]], A[ci[2]], 'PX', A[ci[3]])
end
if cu then
  -- Kept until it expires, so a second try says "already used" rather than "unknown".
  redis.call('SET', K[cu[1]], 'used:' .. A[cu[2]], 'KEEPTTL')
end
local ri = plan.ri
if ri then
  -- The same read as inbox.lua (keep them in step): a Done click's answer without a second trip.
  local ids = redis.call('ZREVRANGE', K[ri[1]], 0, tonumber(A[ri[3]]) - 1)
  local page = { redis.call('ZCARD', K[ri[1]]) }
  for i, id in ipairs(ids) do
    page[i + 1] = redis.call('HGET', K[ri[2]], id)
  end
  result[#result + 1] = page
end
return result
