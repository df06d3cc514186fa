import { ValidationError } from '@auditgate/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '@auditgate/core';
import { startPrivateRedis, type PrivateRedis } from '../test/redis-server.js';
import { RedisStore } from './redis-store.js';
import { bindScript, type RedisScript } from './scripts.js';

const INCREMENT: RedisScript = {
  name: 'auditgateTestIncrement',
  numberOfKeys: 1,
  lua: "return redis.call('INCRBY', KEYS[1], ARGV[1])",
};

// SCRIPT FLUSH empties the cache of every client of a server, so these tests never run on a shared one.
let redis: PrivateRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startPrivateRedis();
  client = new Redis(redis.url, { enableAutoPipelining: true });
});

afterAll(async () => {
  await client.quit();
  await redis.remove();
});

describe('bindScript', () => {
  it('runs a script again after SCRIPT FLUSH', async () => {
    const increment = bindScript(client, INCREMENT);
    const key = 'counter';
    expect(await increment([key], [2])).toBe(2);

    await client.script('FLUSH');
    expect(await increment([key], [3])).toBe(5);
  });

  it('runs scripts sent in one tick through one auto-pipeline', async () => {
    const increment = bindScript(client, INCREMENT);
    await client.script('FLUSH');
    const keys = [1, 2, 3].map((n) => `{tag}:n${n}`);

    expect(await Promise.all(keys.map((key) => increment([key], [1])))).toEqual([1, 1, 1]);
  });

  it('binds the same script twice', () => {
    expect(() => bindScript(client, INCREMENT)).not.toThrow();
  });

  it('rejects another script under a bound name', () => {
    expect(() => bindScript(client, { ...INCREMENT, lua: 'return 1' })).toThrow(ValidationError);
  });

  it('rejects the wrong number of keys', async () => {
    const increment = bindScript(client, INCREMENT);
    await expect(increment(['a', 'b'], [1])).rejects.toThrow(/takes 1 keys, got 2/);
  });
});

describe('RedisStore after SCRIPT FLUSH', () => {
  it('records the next entry', async () => {
    const trail = 'billing:actiongate@user:42';
    const engine = new Engine({ store: new RedisStore({ url: redis.url }) });
    await engine.record({ trail, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'x' });

    await client.script('FLUSH');
    const decision = await engine.record({ trail, verdict: 'BLOCK', gateType: 'actiongate', gateIdentity: 'x' });
    expect(decision.status).toBe('RECORDED');
    expect(decision.entry?.sequence).toBe(1);
    expect(await engine.count({ trail })).toBe(2);
    await engine.close();
  });
});
