-- What one command reads before deciding, in ONE round trip (loadRoom and loadDeal).
--
-- KEYS[1]  the workspace config hash
-- loadDeal: KEYS[2] the deal state hash, KEYS[3] the deal handoffs hash
-- loadRoom: KEYS[2] the room string; ARGV[1], ARGV[2] the deal state / handoffs key TEMPLATES
--
-- Why templates: for loadRoom the deal id is only known once the room key has been read, inside
-- this script, so its keys cannot be declared in KEYS without a second round trip. keys.ts builds the
-- templates (with the '%ID%' slot) so the key layout still lives in one place; this script only
-- escapes the id exactly as keys.ts escapeSegment does and fills it in. (Cluster caveat: keys not
-- declared in KEYS are only safe on a single Redis, which is what Dealroom runs on.)
--
-- Returns { dealId | false, stateJson | false, { field, json, ... } handoffs, configJson | false }.

local function escape_segment(s)
  return (string.gsub(s, '[%%:{}]', function(c)
    return string.format('%%%02X', string.byte(c))
  end))
end

local function fill(template, id)
  local s, e = string.find(template, '%ID%', 1, true)
  return string.sub(template, 1, s - 1) .. escape_segment(id) .. string.sub(template, e + 1)
end

local config = redis.call('HGET', KEYS[1], 'j')
local deal_id, state_key, handoffs_key = false, nil, nil
if #KEYS == 3 then
  state_key, handoffs_key = KEYS[2], KEYS[3]
else
  deal_id = redis.call('GET', KEYS[2])
  if deal_id then
    state_key, handoffs_key = fill(ARGV[1], deal_id), fill(ARGV[2], deal_id)
  end
end

if not state_key then
  return { false, false, {}, config }
end
return { deal_id, redis.call('HGET', state_key, 'j'), redis.call('HGETALL', handoffs_key), config }
