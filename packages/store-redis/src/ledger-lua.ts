import { DECIMAL_LUA } from './decimal-lua.js';

/**
 * Lua functions that every budget script runs on one ledger's keys (KEYS: totals, spends, holds,
 * deadlines; see `KeySpace.budgetLedger`). Time is the server's TIME in whole microseconds, and
 * amounts are decimal strings handled by {@link DECIMAL_LUA}.
 *
 * The totals hash keeps three running sums so that no step has to add up a set: `spent` (the
 * spends in the sorted set), `permanent` (spends made without a window, which never expire) and
 * `held` (reservations still held). Every change to a set changes its sum in the same script.
 *
 * A reservation id stays in the holds hash after it stops being held, marked `expired` or
 * `settled`. It stays until its forget time, which is its expiry plus its TTL once more. Until
 * then a second commit or release of the same id is recognized and changes nothing.
 */
export const LEDGER_LUA = `${DECIMAL_LUA}
local totalsKey, spendsKey, holdsKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

local function stamp(value)
  return string.format('%.0f', value)
end

local function serverNow()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end

-- A missing hash field reads as false, so an empty ledger has no scale and sums of '0'.
-- forgetAt is the latest forget time of any reservation id, which the keys must outlive.
local function readTotals()
  local fields = redis.call('HMGET', totalsKey, 'scale', 'window', 'spent', 'permanent', 'held', 'forgetAt')
  return {
    scale = fields[1],
    window = fields[2] or '',
    spent = fields[3] or '0',
    permanent = fields[4] or '0',
    held = fields[5] or '0',
    forgetAt = tonumber(fields[6] or '0'),
  }
end

local function writeTotals(totals)
  redis.call('HSET', totalsKey, 'scale', totals.scale, 'window', totals.window,
    'spent', totals.spent, 'permanent', totals.permanent, 'held', totals.held,
    'forgetAt', stamp(totals.forgetAt))
end

local function nextSerial()
  return stamp(redis.call('HINCRBY', totalsKey, 'serial', 1))
end

-- Moves reservations whose expiry is <= now out of the held sum, and forgets ids whose forget
-- time is <= now. Each id passes here at most twice, so the cost is amortized O(log n).
local function expireHolds(totals, now)
  local due = redis.call('ZRANGEBYSCORE', deadlinesKey, '-inf', stamp(now))
  for _, id in ipairs(due) do
    local record = redis.call('HGET', holdsKey, id)
    local amount, forgetAt = nil, nil
    if record then amount, forgetAt = string.match(record, '^held:(%d+):(%d+)$') end
    if amount then
      totals.held = subtractDecimal(totals.held, amount)
    end
    if amount and tonumber(forgetAt) > now then
      redis.call('HSET', holdsKey, id, 'expired:' .. forgetAt)
      redis.call('ZADD', deadlinesKey, forgetAt, id)
    else
      redis.call('HDEL', holdsKey, id)
      redis.call('ZREM', deadlinesKey, id)
    end
  end
end

-- Drops spends older than the cutoff; a spend at exactly the cutoff stays.
local function pruneSpends(totals, cutoff)
  local bound = '(' .. stamp(cutoff)
  local old = redis.call('ZRANGEBYSCORE', spendsKey, '-inf', bound)
  if #old == 0 then return end
  for _, member in ipairs(old) do
    totals.spent = subtractDecimal(totals.spent, string.match(member, ':(%d+)$'))
  end
  redis.call('ZREMRANGEBYSCORE', spendsKey, '-inf', bound)
end

-- Without a window every spend counts forever, so the spends collapse into the permanent sum.
local function foldSpends(totals)
  if totals.spent == '0' and redis.call('EXISTS', spendsKey) == 0 then return end
  totals.permanent = addDecimal(totals.permanent, totals.spent)
  totals.spent = '0'
  redis.call('DEL', spendsKey)
end

local function recordSpend(totals, now, amount)
  if amount == '0' then return end
  redis.call('ZADD', spendsKey, stamp(now), nextSerial() .. ':' .. amount)
  totals.spent = addDecimal(totals.spent, amount)
end

local function settleHold(id, forgetAt)
  redis.call('HSET', holdsKey, id, 'settled:' .. forgetAt)
  redis.call('ZADD', deadlinesKey, forgetAt, id)
end

-- Lets every key of the ledger expire 1 ms after the last thing in it stops mattering: the
-- newest spend leaving the window, and the last reservation id being forgotten. A permanent sum,
-- or spends without a window, keep the ledger forever.
local function refreshExpiry(totals, now)
  local keys = {totalsKey, spendsKey, holdsKey, deadlinesKey}
  local newestSpend = redis.call('ZRANGE', spendsKey, -1, -1, 'WITHSCORES')
  if totals.permanent ~= '0' or (totals.window == '' and newestSpend[2]) then
    for _, key in ipairs(keys) do redis.call('PERSIST', key) end
    return
  end

  local horizon = math.max(now, totals.forgetAt)
  if newestSpend[2] then
    horizon = math.max(horizon, tonumber(newestSpend[2]) + tonumber(totals.window))
  end
  local expireAt = stamp(math.floor(horizon / 1000) + 1)
  for _, key in ipairs(keys) do redis.call('PEXPIREAT', key, expireAt) end
end
`;
