local me = 'r:' .. ARGV[1]
if tonumber(ARGV[2]) > 0 then redis.call('HSET', KEYS[1], me, ARGV[2]) else redis.call('HDEL', KEYS[1], me) end
if redis.call('HEXISTS', KEYS[1], 'spent') == 1 then redis.call('HINCRBY', KEYS[1], 'spent', ARGV[3]) end
return 1
