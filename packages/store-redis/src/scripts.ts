import { ValidationError } from '@auditgate/core';
import type { Cluster, Redis } from 'ioredis';

/** A standalone or cluster client from ioredis. */
export type RedisClient = Redis | Cluster;

/** A Lua script and how many of its arguments are keys. */
export interface RedisScript {
  /**
   * The method name the script gets on the client. Use a prefix such as `auditgate` so that it
   * cannot clash with another library's scripts or with a Redis command.
   */
  readonly name: string;
  readonly lua: string;
  /** How many leading arguments are keys; in a cluster they must all hash to one slot. */
  readonly numberOfKeys: number;
}

/** Calls a bound script with its keys, then its other arguments. */
export type ScriptCaller = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

const definedScripts = new WeakMap<RedisClient, Map<string, string>>();

/**
 * Registers a script on a client with ioredis's `defineCommand` and returns a function that runs
 * it. ioredis sends the source with EVAL the first time on each connection and the script's SHA1
 * with EVALSHA after that. When Redis replies NOSCRIPT (after SCRIPT FLUSH, a restart or a
 * failover), ioredis resends the source, so callers never see NOSCRIPT.
 *
 * Bind every script before the client sends commands with `enableAutoPipelining`: ioredis copies
 * the client's scripts into each auto-pipeline when it creates one, so a script defined while a
 * pipeline is filling would be missing from it.
 *
 * @throws {ValidationError} when another script with the same name but different source is
 *   already bound to this client. The returned function rejects with ValidationError when given
 *   the wrong number of keys.
 */
export function bindScript(client: RedisClient, script: RedisScript): ScriptCaller {
  let scripts = definedScripts.get(client);
  if (scripts === undefined) {
    scripts = new Map();
    definedScripts.set(client, scripts);
  }

  const known = scripts.get(script.name);
  if (known === undefined) {
    client.defineCommand(script.name, { lua: script.lua, numberOfKeys: script.numberOfKeys });
    scripts.set(script.name, script.lua);
  } else if (known !== script.lua) {
    throw new ValidationError('script.name', `${script.name} is already bound to this client with different Lua source; give the new script another name`);
  }

  // defineCommand adds the method at run time, so the client's type does not declare it.
  const method = (client as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[script.name]!;
  return (keys, args) => {
    if (keys.length !== script.numberOfKeys) {
      return Promise.reject(new ValidationError('keys', `script ${script.name} takes ${script.numberOfKeys} keys, got ${keys.length}`));
    }
    return method.call(client, ...keys, ...args);
  };
}
