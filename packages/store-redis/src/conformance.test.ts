import { describeStoreConformance } from '@auditgate/store-conformance';
import { afterAll, beforeAll } from 'vitest';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { RedisStore } from './redis-store.js';

let redis: TestRedis;
let run = 0;

beforeAll(async () => {
  redis = await testRedis();
});

afterAll(async () => {
  await redis.close();
});

describeStoreConformance('RedisStore', () => {
  // A key prefix per test gives each test an empty store on the same server.
  const keyPrefix = `${redis.keyPrefix}${++run}:`;
  return {
    store: new RedisStore({ url: redis.url, keyPrefix }),
    reopen: async () => new RedisStore({ url: redis.url, keyPrefix }),
  };
});
