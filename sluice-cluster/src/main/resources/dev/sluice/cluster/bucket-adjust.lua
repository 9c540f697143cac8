-- Settles a tokens-per-minute bucket once a call's real usage is known: ARGV[1] tokens back into it (below zero:
-- taken from it, even past empty) and ARGV[2] its capacity, which it never exceeds. A bucket that has expired is left
-- alone: the minute the call was counted in is over. Refilled first, as limits-take.lua does.
local PERIOD = 60000
local got = redis.call('HMGET', KEYS[1], 'tokens', 'refill_at')
local tokens, refill_at = tonumber(got[1]), tonumber(got[2])
if not tokens or not refill_at then
  return 0
end
local cap = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now >= refill_at then
  local periods = math.floor((now - refill_at) / PERIOD) + 1
  tokens = math.min(cap, tokens + periods * cap)
  refill_at = refill_at + periods * PERIOD
end
tokens = math.min(cap, tokens + tonumber(ARGV[1]))
redis.call('HSET', KEYS[1], 'tokens', tokens, 'refill_at', refill_at)
redis.call('PEXPIRE', KEYS[1], refill_at - now + PERIOD)
return tokens
