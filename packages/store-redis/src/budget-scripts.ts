import { LEDGER_LUA } from './ledger-lua.js';
import type { RedisScript } from './scripts.js';

/**
 * Checks a spend request against a ledger and, when it fits, records the amount as spent or
 * holds it as a reservation, in one step on the server's clock.
 *
 * KEYS: totals, spends, holds, deadlines. ARGV: amount and maxSpend (decimal strings of minor
 * units), window in µs ('' for none), scale, and the hold in µs ('' for a spend).
 *
 * The steps match the memory store: drop reservations whose expiry is <= now, drop spends older
 * than now - window (or fold them into the permanent sum when there is no window), then reject
 * when spent + amount > maxSpend. A reservation expires at now + hold and its id is forgotten one
 * hold later. Its id is the server time in µs, `-`, and a serial of the ledger, so ids stay unique
 * after the ledger's keys expire and are created again.
 *
 * Replies `{'ALLOW', spentInWindow, reservationId or ''}`, `{'BLOCK', spentInWindow, ''}`, or
 * `{'SCALE_MISMATCH', storedScale}` before changing anything when the ledger keeps another scale.
 */
export const BUDGET_CHECK_SCRIPT: RedisScript = {
  name: 'auditgateBudgetCheck',
  numberOfKeys: 4,
  lua: `${LEDGER_LUA}
local amount, maxSpend, window, scale, holdFor = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local totals = readTotals()
if totals.scale and totals.scale ~= scale then
  return {'SCALE_MISMATCH', totals.scale}
end
totals.scale = scale
totals.window = window

local now = serverNow()
expireHolds(totals, now)
if window == '' then
  foldSpends(totals)
else
  pruneSpends(totals, now - tonumber(window))
end

local spent = addDecimal(addDecimal(totals.permanent, totals.spent), totals.held)
local requested = addDecimal(spent, amount)
local outcome
if compareDecimal(requested, maxSpend) > 0 then
  outcome = {'BLOCK', spent, ''}
elseif holdFor == '' then
  if window == '' then
    totals.permanent = addDecimal(totals.permanent, amount)
  else
    recordSpend(totals, now, amount)
  end
  outcome = {'ALLOW', requested, ''}
else
  local id = stamp(now) .. '-' .. nextSerial()
  local expiresAt = now + tonumber(holdFor)
  local forgetAt = expiresAt + tonumber(holdFor)
  redis.call('HSET', holdsKey, id, 'held:' .. amount .. ':' .. stamp(forgetAt))
  redis.call('ZADD', deadlinesKey, stamp(expiresAt), id)
  totals.forgetAt = math.max(totals.forgetAt, forgetAt)
  totals.held = addDecimal(totals.held, amount)
  outcome = {'ALLOW', requested, id}
end

writeTotals(totals)
refreshExpiry(totals, now)
return outcome
`,
};

/**
 * Replaces a held reservation by its actual cost, spent now.
 *
 * KEYS: as {@link BUDGET_CHECK_SCRIPT}. ARGV: reservation id, actual cost (decimal string).
 *
 * Replies `{'SETTLED'}` when the reservation was held. Replies `{'EXCEEDS', heldAmount}` and
 * changes nothing about the reservation when the actual cost is above the held amount. Replies
 * `{'EXPIRED'}` otherwise. A reservation that expired unsettled, or an id this ledger does not
 * remember, still records the actual cost, because the action ran. An id that was already
 * committed or released records nothing. A ledger with no keys at all records nothing, as the
 * memory store does for a ledger it has never seen.
 */
export const BUDGET_COMMIT_SCRIPT: RedisScript = {
  name: 'auditgateBudgetCommit',
  numberOfKeys: 4,
  lua: `${LEDGER_LUA}
local id, actual = ARGV[1], ARGV[2]
local totals = readTotals()
if not totals.scale then
  return {'EXPIRED'}
end

local now = serverNow()
expireHolds(totals, now)

local record = redis.call('HGET', holdsKey, id)
local outcome = {'EXPIRED'}
if not record then
  recordSpend(totals, now, actual)
else
  local amount, forgetAt = string.match(record, '^held:(%d+):(%d+)$')
  local expiredForgetAt = string.match(record, '^expired:(%d+)$')
  if amount and compareDecimal(actual, amount) > 0 then
    outcome = {'EXCEEDS', amount}
  elseif amount then
    totals.held = subtractDecimal(totals.held, amount)
    recordSpend(totals, now, actual)
    settleHold(id, forgetAt)
    outcome = {'SETTLED'}
  elseif expiredForgetAt then
    recordSpend(totals, now, actual)
    settleHold(id, expiredForgetAt)
  end
end

writeTotals(totals)
refreshExpiry(totals, now)
return outcome
`,
};

/**
 * Gives a held reservation back to the budget.
 *
 * KEYS: as {@link BUDGET_CHECK_SCRIPT}. ARGV: reservation id.
 *
 * Replies `{'SETTLED'}` when the reservation was held, otherwise `{'EXPIRED'}` and changes no
 * sum. Releasing a reservation that expired unsettled marks it settled, so a later commit of the
 * same id records nothing.
 */
export const BUDGET_RELEASE_SCRIPT: RedisScript = {
  name: 'auditgateBudgetRelease',
  numberOfKeys: 4,
  lua: `${LEDGER_LUA}
local id = ARGV[1]
local totals = readTotals()
if not totals.scale then
  return {'EXPIRED'}
end

local now = serverNow()
expireHolds(totals, now)

local record = redis.call('HGET', holdsKey, id) or ''
local amount, forgetAt = string.match(record, '^held:(%d+):(%d+)$')
local expiredForgetAt = string.match(record, '^expired:(%d+)$')
local outcome = {'EXPIRED'}
if amount then
  totals.held = subtractDecimal(totals.held, amount)
  settleHold(id, forgetAt)
  outcome = {'SETTLED'}
elseif expiredForgetAt then
  settleHold(id, expiredForgetAt)
end

writeTotals(totals)
refreshExpiry(totals, now)
return outcome
`,
};
