local me = 'r:' .. ARGV[1]
local out = {}
for i = 1, #KEYS do
  if redis.call('HINCRBY', KEYS[i], me, -tonumber(ARGV[2])) <= 0 then redis.call('HDEL', KEYS[i], me) end
  local crossed, spent = 0, 0
  if redis.call('HEXISTS', KEYS[i], 'spent') == 1 then
    spent = redis.call('HINCRBY', KEYS[i], 'spent', ARGV[3])
    local limit = tonumber(ARGV[3 + i])
    local told = tonumber(redis.call('HGET', KEYS[i], 'alerted') or '0')
    for _, t in ipairs({50, 80, 100}) do
      if t > told and spent * 100 >= t * limit then crossed = t end
    end
    if crossed > 0 then redis.call('HSET', KEYS[i], 'alerted', crossed) end
  end
  out[#out + 1] = crossed
  out[#out + 1] = spent
end
return out
