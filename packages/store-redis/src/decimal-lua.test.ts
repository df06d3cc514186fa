import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { DECIMAL_LUA } from './decimal-lua.js';

// Runs each operation on every pair of ARGV and returns the results as strings.
const EVALUATE = `${DECIMAL_LUA}
local results = {}
for i = 1, #ARGV, 2 do
  local a, b = ARGV[i], ARGV[i + 1]
  local difference = ''
  if compareDecimal(a, b) >= 0 then difference = subtractDecimal(a, b) end
  results[#results + 1] = addDecimal(a, b) .. ' ' .. compareDecimal(a, b) .. ' ' .. difference
end
return results
`;

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await testRedis();
  client = new Redis(redis.url);
});

afterAll(async () => {
  await client.quit();
  await redis.close();
});

/** A pseudo-random integer of 1 to 45 digits, from a seeded generator so failures repeat. */
function integers(count: number): bigint[] {
  let seed = 42;
  const next = (): number => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed >>> 8;
  };
  return Array.from({ length: count }, () => {
    const digits = Array.from({ length: 1 + (next() % 45) }, () => next() % 10).join('');
    return BigInt(digits);
  });
}

function expected(a: bigint, b: bigint): string {
  let comparison = 0;
  if (a < b) comparison = -1;
  if (a > b) comparison = 1;
  const difference = a >= b ? String(a - b) : '';
  return `${a + b} ${comparison} ${difference}`;
}

describe('DECIMAL_LUA', () => {
  const edges: [bigint, bigint][] = [
    [0n, 0n],
    [999_999_999_999_999n, 1n],
    [10n ** 15n, 1n],
    [10n ** 30n, 10n ** 30n - 1n],
    [2n ** 53n + 1n, 2n ** 53n],
    [2n ** 64n, 2n ** 64n],
    [1n, 10n ** 30n],
  ];

  it.each(edges)('adds, compares and subtracts %s and %s', async (a, b) => {
    const [result] = (await client.eval(EVALUATE, 0, String(a), String(b))) as string[];
    expect(result).toBe(expected(a, b));
  });

  it('matches bigint on 400 random pairs', async () => {
    const values = integers(800);
    const results = (await client.eval(EVALUATE, 0, ...values.map(String))) as string[];
    for (let i = 0; i < values.length; i += 2) {
      expect(results[i / 2]).toBe(expected(values[i]!, values[i + 1]!));
    }
  });

  it('raises on a negative difference', async () => {
    await expect(client.eval(`${DECIMAL_LUA} return subtractDecimal('1', '2')`, 0)).rejects.toThrow(/negative total 1 - 2/);
  });
});
