import type { AppendRecord } from '@auditgate/core';
import { encodeMember, SEQUENCE_DIGITS } from './member.js';
import type { RedisScript } from './scripts.js';

/** Values per record in the append script's arguments: id, seq, ts, prev_hash, entry_hash, member. */
export const APPEND_FIELDS = 6;

/**
 * Appends a batch to one trail if it continues the stored tail, all or nothing.
 *
 * KEYS: entries, ids, tail. ARGV: six values per record (see {@link APPEND_FIELDS}); an empty
 * string stands for a null hash. Records whose id is already in the ids set are skipped, so a
 * batch whose reply was lost can be sent again. The remaining records must continue the tail
 * without a gap, name the previous entry's hash when they carry a prev_hash, and keep ts from
 * going down. Every check runs before the first write, so a rejected batch changes nothing.
 *
 * Replies `{'OK', written}`, or `{'CONFLICT', field, sent, stored}` where stored is the previous
 * entry's value as a string ('' when the trail is empty or the hash is null). Numbers stay in
 * the strings the caller sent, because Lua 5.1 formats doubles with 14 digits and would round
 * large sequences and fine-grained timestamps.
 */
export const APPEND_SCRIPT: RedisScript = {
  name: 'auditgateAppend',
  numberOfKeys: 3,
  lua: `
local tail = redis.call('HMGET', KEYS[3], 'seq', 'hash', 'ts')
local previousSeq = tail[1] or ''
local previousHash = tail[2] or ''
local previousTs = tail[3] or ''

-- A record whose id is stored was stored at the same sequence, because a retry resends the
-- very records it sent. So a batch that starts past the tail holds no stored record, and the
-- id lookups are needed only when it does not.
if #ARGV == 0 then return {'OK', 0} end
local fresh = {}
if previousSeq ~= '' and tonumber(ARGV[2]) <= tonumber(previousSeq) then
  for i = 1, #ARGV, ${APPEND_FIELDS} do
    if not redis.call('ZSCORE', KEYS[2], ARGV[i]) then
      fresh[#fresh + 1] = i
    end
  end
else
  for i = 1, #ARGV, ${APPEND_FIELDS} do
    fresh[#fresh + 1] = i
  end
end

for _, i in ipairs(fresh) do
  local seq, ts, prevHash = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local expected = 0
  if previousSeq ~= '' then expected = tonumber(previousSeq) + 1 end
  if tonumber(seq) ~= expected then
    return {'CONFLICT', 'sequence', seq, previousSeq}
  end
  if prevHash ~= '' and prevHash ~= previousHash then
    return {'CONFLICT', 'prev_hash', prevHash, previousHash}
  end
  if previousTs ~= '' and tonumber(ts) < tonumber(previousTs) then
    return {'CONFLICT', 'ts', ts, previousTs}
  end
  previousSeq, previousHash, previousTs = seq, ARGV[i + 4], ts
end

-- One variadic ZADD per key instead of two calls per record.
local entries, ids = {}, {}
for _, i in ipairs(fresh) do
  entries[#entries + 1] = ARGV[i + 2]
  entries[#entries + 1] = ARGV[i + 5]
  ids[#ids + 1] = ARGV[i + 1]
  ids[#ids + 1] = ARGV[i]
end
if #fresh > 0 then
  redis.call('ZADD', KEYS[1], unpack(entries))
  redis.call('ZADD', KEYS[2], unpack(ids))
  redis.call('HSET', KEYS[3], 'seq', previousSeq, 'hash', previousHash, 'ts', previousTs)
end
return {'OK', #fresh}
`,
};

/** Builds the append script's arguments: six strings per record, in the order it reads them. */
export function appendArgs(records: readonly AppendRecord[]): string[] {
  return records.flatMap(({ id, entry }) => [
    id,
    String(entry.sequence),
    String(entry.ts),
    entry.prevHash ?? '',
    entry.entryHash ?? '',
    encodeMember(entry),
  ]);
}

/**
 * Removes a trail's entries up to and including a boundary member, deletes their record ids,
 * and stores the boundary as the trail's anchor, in one step.
 *
 * KEYS: entries, ids, anchor. ARGV: boundary member, its seq, hash ('' for null) and ts.
 * Replies with the number of entries removed, or -1 when the boundary is gone (another process
 * pruned or cleared the trail since the caller read it) so that the caller reads again.
 */
export const PRUNE_SCRIPT: RedisScript = {
  name: 'auditgatePrune',
  numberOfKeys: 3,
  lua: `
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then return -1 end
local removed = redis.call('ZREMRANGEBYRANK', KEYS[1], 0, rank)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
redis.call('HSET', KEYS[3], 'seq', ARGV[2], 'hash', ARGV[3], 'ts', ARGV[4])
return removed
`,
};

/**
 * Returns up to ARGV[2] members that follow member ARGV[1] in a trail's entries set.
 *
 * KEYS: entries. Finding the position and reading the page in one step keeps a concurrent prune
 * from shifting ranks in between. When the member is gone, pruning removed it together with
 * every member before it, so the page starts at the first remaining member.
 */
export const PAGE_SCRIPT: RedisScript = {
  name: 'auditgatePage',
  numberOfKeys: 1,
  lua: `
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
local start = 0
if rank then start = rank + 1 end
return redis.call('ZRANGE', KEYS[1], start, start + tonumber(ARGV[2]) - 1)
`,
};

/**
 * Finds the ranks of a trail's entries that match a time range and a first sequence, then
 * returns those entries or their count, in one step.
 *
 * KEYS: entries. ARGV: after ('-inf' or a number), before ('+inf' or a number), fromSequence
 * ('' for none), offset, count (-1 for all), and 'range' or 'count'.
 *
 * Ranks follow from two facts. Members sort by ts and then by sequence, so ZCOUNT of the scores
 * below a bound is the rank of the first member at or above it. A trail's stored sequences are
 * contiguous, because appends leave no gaps and pruning removes a prefix, so the member with a
 * given sequence sits at that sequence minus the first member's.
 */
export const RANGE_SCRIPT: RedisScript = {
  name: 'auditgateRange',
  numberOfKeys: 1,
  lua: `
local key = KEYS[1]
local start = 0
if ARGV[1] ~= '-inf' then start = redis.call('ZCOUNT', key, '-inf', '(' .. ARGV[1]) end
if ARGV[3] ~= '' then
  local first = redis.call('ZRANGE', key, 0, 0)[1]
  if first then
    local bySequence = tonumber(ARGV[3]) - tonumber(string.sub(first, 1, ${SEQUENCE_DIGITS}))
    if bySequence > start then start = bySequence end
  end
end
start = start + tonumber(ARGV[4])

local stop
if ARGV[2] ~= '+inf' then
  stop = redis.call('ZCOUNT', key, '-inf', '(' .. ARGV[2]) - 1
else
  stop = redis.call('ZCARD', key) - 1
end
local count = tonumber(ARGV[5])
if count >= 0 and start + count - 1 < stop then stop = start + count - 1 end

if ARGV[6] == 'count' then
  if stop < start then return 0 end
  return stop - start + 1
end
if stop < start then return {} end
return redis.call('ZRANGE', key, start, stop)
`,
};
