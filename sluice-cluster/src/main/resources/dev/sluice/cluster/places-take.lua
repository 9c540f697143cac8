local nodes = KEYS[#KEYS]
for i = 1, #KEYS - 1 do
  local total = 0
  local counts = redis.call('HGETALL', KEYS[i])
  for j = 1, #counts, 2 do
    if counts[j] ~= ARGV[1] and not redis.call('ZSCORE', nodes, counts[j]) then
      redis.call('HDEL', KEYS[i], counts[j])
    else
      total = total + tonumber(counts[j + 1])
    end
  end
  if total + 1 > tonumber(ARGV[i + 1]) then
    for k = 1, i - 1 do redis.call('HINCRBY', KEYS[k], ARGV[1], -1) end
    return i
  end
  redis.call('HINCRBY', KEYS[i], ARGV[1], 1)
  redis.call('EXPIRE', KEYS[i], 86400)
end
return 0
