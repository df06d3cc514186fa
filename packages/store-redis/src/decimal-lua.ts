/**
 * Lua functions for exact arithmetic on non-negative integers written as decimal strings, such
 * as budget amounts in minor units. Lua numbers are doubles and stop being exact at 2^53, so the
 * functions work on chunks of 15 digits: the sum of two chunks and a carry stays below 2 * 10^15,
 * which a double represents exactly. Amounts of any length stay exact.
 *
 * Inputs must be canonical (digits only, no leading zeros except "0"), as `bigint.toString()`
 * writes them, and every result is canonical too. `subtractDecimal` raises a script error when
 * the result would be negative.
 */
export const DECIMAL_LUA = `
local CHUNK_DIGITS = 15
local CHUNK_BASE = 1e15

-- Splits digits into numbers of up to 15 digits, least significant first.
local function toChunks(digits)
  local chunks = {}
  local stop = #digits
  while stop > 0 do
    local start = math.max(stop - CHUNK_DIGITS + 1, 1)
    chunks[#chunks + 1] = tonumber(string.sub(digits, start, stop))
    stop = start - 1
  end
  return chunks
end

local function fromChunks(chunks)
  local top = #chunks
  while top > 1 and chunks[top] == 0 do top = top - 1 end
  local parts = {string.format('%.0f', chunks[top] or 0)}
  for i = top - 1, 1, -1 do
    parts[#parts + 1] = string.format('%015.0f', chunks[i])
  end
  return table.concat(parts)
end

local function addDecimal(a, b)
  local x, y = toChunks(a), toChunks(b)
  local sum, carry = {}, 0
  for i = 1, math.max(#x, #y) do
    local chunk = (x[i] or 0) + (y[i] or 0) + carry
    carry = 0
    if chunk >= CHUNK_BASE then
      chunk = chunk - CHUNK_BASE
      carry = 1
    end
    sum[i] = chunk
  end
  if carry > 0 then sum[#sum + 1] = carry end
  return fromChunks(sum)
end

-- Returns -1, 0 or 1. Canonical strings of different lengths differ in magnitude.
local function compareDecimal(a, b)
  if #a ~= #b then
    if #a < #b then return -1 end
    return 1
  end
  local x, y = toChunks(a), toChunks(b)
  for i = #x, 1, -1 do
    if x[i] ~= y[i] then
      if x[i] < y[i] then return -1 end
      return 1
    end
  end
  return 0
end

local function subtractDecimal(a, b)
  if compareDecimal(a, b) < 0 then
    error(redis.error_reply('auditgate: negative total ' .. a .. ' - ' .. b .. '; the ledger keys were changed outside this store'))
  end
  local x, y = toChunks(a), toChunks(b)
  local difference, borrow = {}, 0
  for i = 1, #x do
    local chunk = x[i] - (y[i] or 0) - borrow
    borrow = 0
    if chunk < 0 then
      chunk = chunk + CHUNK_BASE
      borrow = 1
    end
    difference[i] = chunk
  end
  return fromChunks(difference)
end
`;
