import { ValidationError } from '@auditgate/core';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, parseRedisUrl, type Connection } from './options.js';

const opened: Connection[] = [];

afterEach(() => {
  for (const connection of opened.splice(0)) connection.client.disconnect();
});

function open(options: Parameters<typeof connect>[0]): Connection {
  const connection = connect(options);
  opened.push(connection);
  return connection;
}

describe('connect', () => {
  it('creates a client with bounded timeouts', () => {
    const { client, owned, target, commandTimeoutMs } = open({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 250, connectTimeoutMs: 400 });
    const options = (client as Redis).options;
    expect(owned).toBe(true);
    expect(target).toBe('127.0.0.1:1');
    expect(commandTimeoutMs).toBe(250);
    expect(options.commandTimeout).toBe(250);
    expect(options.connectTimeout).toBe(400);
    expect(options.maxRetriesPerRequest).toBe(1);
    expect(options.enableAutoPipelining).toBe(true);
  });

  it('keeps a passed client', () => {
    const client = new Redis('redis://127.0.0.1:1', { lazyConnect: true, commandTimeout: 700 });
    const connection = open({ client });
    expect(connection.client).toBe(client);
    expect(connection.owned).toBe(false);
    expect(connection.commandTimeoutMs).toBe(700);
  });

  it('leaves the password out of the target', () => {
    expect(open({ url: 'redis://user:secret@127.0.0.1:1/0' }).target).toBe('127.0.0.1:1');
  });

  it('rejects url together with client', () => {
    const client = new Redis({ lazyConnect: true });
    expect(() => connect({ url: 'redis://127.0.0.1:1', client })).toThrow(/either url or client/);
    expect(() => connect({ client, commandTimeoutMs: 5 })).toThrow(/commandTimeoutMs/);
  });

  it.each([0, -1, 1.5, Number.NaN, '100'])('rejects timeout %s', (value) => {
    expect(() => connect({ commandTimeoutMs: value as number })).toThrow(ValidationError);
    expect(() => connect({ connectTimeoutMs: value as number })).toThrow(/connectTimeoutMs/);
  });
});

describe('parseRedisUrl', () => {
  it('accepts redis and rediss', () => {
    expect(parseRedisUrl('redis://localhost:6380').port).toBe('6380');
    expect(parseRedisUrl('rediss://cache.example:6380').protocol).toBe('rediss:');
  });

  it('rejects other schemes', () => {
    expect(() => parseRedisUrl('http://localhost')).toThrow(/unsupported scheme http:/);
  });

  it('keeps the password out of its message', () => {
    expect(() => parseRedisUrl('redis//user:secret@host')).toThrow(ValidationError);
    expect(() => parseRedisUrl('redis//user:secret@host')).not.toThrow(/secret/);
  });
});
