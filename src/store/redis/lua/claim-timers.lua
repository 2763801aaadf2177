-- Claims due timers atomically: two replicas calling at once never get the same timer.
-- KEYS[1] the timers zset (timer id by due time); ARGV[1] now, ARGV[2] lease end, ARGV[3] limit.
-- A claimed timer is re-scored to the lease end: invisible to other claims until then, and due again
-- afterwards if the claimer crashed before cancelling it (a retry, not a loss).
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
return due
