redis.call('HSETNX', KEYS[1], 'spent', ARGV[1])
redis.call('HSETNX', KEYS[1], 'alerted', ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return tonumber(redis.call('HGET', KEYS[1], 'spent'))
