import type { CallOutcome } from '@auditgate/actiongate';
import { RedisStoreError } from './errors.js';
import type { RedisScript } from './scripts.js';

/**
 * Decides one call of an action gate and records it when allowed, in one step on the server's
 * clock (TIME, in whole microseconds), so that clients with skewed clocks share one window.
 *
 * KEYS: calls. ARGV: maxCalls, window in µs ('' for none), cooldown in µs, and a tag that makes
 * the member unique when two calls get the same microsecond.
 *
 * The steps and their order match the memory store. First drop calls older than now - window
 * (a call at exactly now - window stays). Then reject with COOLDOWN while the newest call is
 * younger than the cooldown, reject with RATE_LIMIT when maxCalls calls remain, and otherwise
 * record the call.
 * Pruning, ZCARD and reading the newest call cost O(log n) plus the calls removed, so a check
 * does not slow down as the history grows.
 *
 * The key expires one millisecond after its newest call leaves the window, so idle gates vanish.
 * Without a window it never expires, because every call counts forever.
 *
 * Replies `{reason, callsInWindow, sinceLast}`: reason is '' when allowed, and sinceLast is the
 * µs since the newest call before this one ('' when there is none).
 */
export const ACTION_CHECK_SCRIPT: RedisScript = {
  name: 'auditgateActionCheck',
  numberOfKeys: 1,
  lua: `
local calls = KEYS[1]
local maxCalls = tonumber(ARGV[1])
local window = ARGV[2]
local cooldown = tonumber(ARGV[3])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

if window ~= '' then
  redis.call('ZREMRANGEBYSCORE', calls, '-inf', '(' .. string.format('%.0f', now - tonumber(window)))
end

local count = redis.call('ZCARD', calls)
local newest = redis.call('ZRANGE', calls, -1, -1, 'WITHSCORES')
local last = nil
local sinceLast = ''
if newest[2] then
  last = tonumber(newest[2])
  sinceLast = string.format('%.0f', now - last)
end

local reason = ''
if cooldown > 0 and last and now - last < cooldown then
  reason = 'COOLDOWN'
elseif count >= maxCalls then
  reason = 'RATE_LIMIT'
else
  local stamp = string.format('%.0f', now)
  redis.call('ZADD', calls, stamp, stamp .. ':' .. ARGV[4])
  count = count + 1
  if not last or now > last then last = now end
end

if count > 0 then
  if window == '' then
    redis.call('PERSIST', calls)
  else
    redis.call('PEXPIREAT', calls, string.format('%.0f', math.floor((last + tonumber(window)) / 1000) + 1))
  end
end

return {reason, count, sinceLast}
`,
};

/**
 * Turns the action script's reply into the gate's outcome, with times in seconds.
 *
 * @throws {RedisStoreError} with code REDIS_UNEXPECTED_REPLY when the reply has another form.
 */
export function callOutcomeFromReply(reply: unknown): CallOutcome {
  if (!Array.isArray(reply) || reply.length !== 3) throw unexpected(reply);
  const [reason, callsInWindow, sinceLast] = reply as unknown[];
  if (typeof callsInWindow !== 'number' || typeof sinceLast !== 'string') throw unexpected(reply);

  const timeSinceLast = sinceLast === '' ? null : Number(sinceLast) / 1_000_000;
  switch (reason) {
    case '':
      return { allowed: true, reason: null, callsInWindow, timeSinceLast };
    case 'COOLDOWN':
    case 'RATE_LIMIT':
      return { allowed: false, reason, callsInWindow, timeSinceLast };
    default:
      throw unexpected(reply);
  }
}

function unexpected(reply: unknown): RedisStoreError {
  return new RedisStoreError('REDIS_UNEXPECTED_REPLY', `the action check script returned ${JSON.stringify(reply)}; expected [reason, callsInWindow, sinceLast]`);
}
