import { ValidationError } from '@auditgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../test/redis-server.js';
import { openRedisStore } from './open.js';

let server: PrivateRedis;
beforeAll(async () => {
  server = await startPrivateRedis();
});
afterAll(async () => {
  await server.remove();
});

describe('openRedisStore URLs', () => {
  it('opens a numbered database', async () => {
    const store = await openRedisStore(`${server.url}/3`);
    await store.close();
  });

  it.each(['/abc', '/-1', '/1.5', '?keyPrefix=x:', '/0?db=2'])('rejects %s', async (suffix) => {
    await expect(openRedisStore(`${server.url}${suffix}`)).rejects.toBeInstanceOf(ValidationError);
  });

  it('rejects a database the server does not have, instead of using database 0', async () => {
    await expect(openRedisStore(`${server.url}/99`)).rejects.toThrow(/cannot use database 99/);
  });
});
