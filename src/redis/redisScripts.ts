/**
 * Lua scripts sent by their SHA1 (EVALSHA) once Redis has them, through ioredis's defineCommand: the
 * journal's scripts are about a kilobyte each, and sending and hashing the source on every append, lock
 * and poll was a large share of a trial's CPU (client and server) with many processes on one Redis.
 * ioredis sends the source (EVAL) the first time on each connection, and again if Redis answers
 * NOSCRIPT (a restart flushed its script cache).
 */
import type Redis from 'ioredis';

export type RedisScript = (...args: (string | number)[]) => Promise<unknown>;

/** The script `lua` with `numberOfKeys` keys, defined once per client under `name`. */
export function redisScript(client: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  const commands = client as unknown as Record<string, RedisScript | undefined>;
  if (commands[name] === undefined) client.defineCommand(name, { numberOfKeys, lua });
  const command = commands[name] as RedisScript;
  return (...args) => command.apply(client, args);
}
