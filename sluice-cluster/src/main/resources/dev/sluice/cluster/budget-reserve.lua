local n = #KEYS - 1
local me = 'r:' .. ARGV[1]
local micros = tonumber(ARGV[2])
local committed = {}
for i = 1, n do
  local s = redis.call('HGET', KEYS[i], 'spent')
  if not s then return {-1, i} end
  committed[i] = tonumber(s)
end
local refused = 0
for i = 1, n do
  local fields = redis.call('HGETALL', KEYS[i])
  for j = 1, #fields, 2 do
    local f = fields[j]
    if string.sub(f, 1, 2) == 'r:' then
      if f ~= me and not redis.call('ZSCORE', KEYS[#KEYS], string.sub(f, 3)) then
        redis.call('HDEL', KEYS[i], f)
      else
        committed[i] = committed[i] + tonumber(fields[j + 1])
      end
    end
  end
  if refused == 0 and committed[i] + micros > tonumber(ARGV[2 + i]) then refused = i end
end
local out = {refused == 0 and 1 or 0, refused}
for i = 1, n do
  if refused == 0 then
    redis.call('HINCRBY', KEYS[i], me, micros)
    committed[i] = committed[i] + micros
  end
  out[#out + 1] = committed[i]
end
return out
