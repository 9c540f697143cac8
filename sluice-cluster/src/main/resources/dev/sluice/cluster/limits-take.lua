-- Takes a call's place among the calls at once of every scope that has such a limit, one request from every
-- requests-per-minute bucket and the call's tokens from every tokens-per-minute bucket: all of it or nothing.
-- KEYS: the places hashes (ARGV[2] of them: node id -> that node's calls), then the buckets, then the live nodes' zset.
-- ARGV: this node's id, the number of places hashes, each one's limit, then for each bucket its capacity and amount.
-- A bucket is a hash {tokens, refill_at}: refilled whole every minute from its first take (as Bucket4j's intervally
-- refilled buckets on one node); a missing bucket is full. Its tokens may be below zero after a settlement that
-- took more than was reserved (a debt paid by the next refill).
-- Answers {0, tokens left in each bucket...}, {1, i} when places hash i is full, {2, j, ms to its refill} when bucket
-- j has too few tokens.
local PERIOD = 60000
local node, places = ARGV[1], tonumber(ARGV[2])
local buckets = #KEYS - 1 - places
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local state = {}
for j = 1, buckets do
  local cap = tonumber(ARGV[2 + places + 2 * j - 1])
  local want = tonumber(ARGV[2 + places + 2 * j])
  local got = redis.call('HMGET', KEYS[places + j], 'tokens', 'refill_at')
  local tokens, refill_at = tonumber(got[1]), tonumber(got[2])
  if not tokens or not refill_at then
    tokens, refill_at = cap, now + PERIOD
  elseif now >= refill_at then
    local periods = math.floor((now - refill_at) / PERIOD) + 1
    tokens = math.min(cap, tokens + periods * cap)
    refill_at = refill_at + periods * PERIOD
  end
  if tokens < want then
    return {2, j, refill_at - now}
  end
  state[j] = {tokens - want, refill_at}
end

local live = redis.call('ZRANGE', KEYS[#KEYS], 0, -1)
local alive = {}
for _, id in ipairs(live) do alive[id] = true end
for i = 1, places do
  local total = 0
  local counts = redis.call('HGETALL', KEYS[i])
  for k = 1, #counts, 2 do
    if counts[k] ~= node and not alive[counts[k]] then
      redis.call('HDEL', KEYS[i], counts[k]) -- a node that stopped beating took its calls with it
    else
      total = total + tonumber(counts[k + 1])
    end
  end
  if total + 1 > tonumber(ARGV[2 + i]) then
    return {1, i}
  end
end

for i = 1, places do
  redis.call('HINCRBY', KEYS[i], node, 1)
  redis.call('EXPIRE', KEYS[i], 86400)
end
local answer = {0}
for j = 1, buckets do
  redis.call('HSET', KEYS[places + j], 'tokens', state[j][1], 'refill_at', state[j][2])
  redis.call('PEXPIRE', KEYS[places + j], state[j][2] - now + PERIOD)
  answer[j + 1] = state[j][1]
end
return answer
