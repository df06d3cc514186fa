import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConnectionHealth } from './connection-health.js';
import type { RedisClient } from './scripts.js';

/** Stands in for an ioredis client: the events and the status field that the monitor reads. */
class FakeClient extends EventEmitter {
  status = 'connecting';
}

function monitor(): { client: FakeClient; health: ConnectionHealth } {
  const client = new FakeClient();
  return { client, health: new ConnectionHealth(client as unknown as RedisClient) };
}

describe('ConnectionHealth', () => {
  it('reports no failure before the first attempt fails', () => {
    const { health } = monitor();
    expect(health.failure).toBeNull();
  });

  it('reports the error while reconnecting', () => {
    const { client, health } = monitor();
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    client.emit('error', refused);
    client.status = 'reconnecting';
    expect(health.failure).toBe(refused);
  });

  it('clears the failure once ready', () => {
    const { client, health } = monitor();
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:1'));
    client.status = 'ready';
    client.emit('ready');
    client.status = 'close';
    expect(health.failure).toBeNull();
  });

  it('ignores an error while the connection is ready', () => {
    const { client, health } = monitor();
    client.status = 'ready';
    client.emit('error', new Error('a late error'));
    expect(health.failure).toBeNull();
  });

  it('stops listening after detach', () => {
    const { client, health } = monitor();
    health.detach();
    expect(client.listenerCount('error')).toBe(0);
    expect(client.listenerCount('ready')).toBe(0);
  });
});
