/**
 * Where a study's journal lives, from what a user wrote (`storage:` in a config, `--storage`): a file
 * path, or a Redis URL `redis://[user:password@]host:port[/db][?prefix=P]` (`rediss://` for TLS), whose
 * log has Optuna's JournalRedisStorage layout under the prefix. Pure: the URL is checked here, so a
 * typo is a positioned config problem, not a connection error at run time.
 */
export type StorageLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'redis'; readonly url: string; readonly host: string; readonly port: number; readonly db: number; readonly prefix: string; readonly tls: boolean; readonly username: string | null; readonly password: string | null };

/** A storage text that cannot be a location (a malformed URL); the message says what is wrong. */
export class StorageLocationError extends Error {
  override name = 'StorageLocationError';
}

const REDIS_SCHEME = /^rediss?:\/\//i;
const DEFAULT_REDIS_PORT = 6379;

export function isStorageUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

/** A file path stays a path (resolve it yourself); a URL must be a Redis one Tuneboard can use. */
export function parseStorageLocation(text: string): StorageLocation {
  if (!isStorageUrl(text)) return { kind: 'file', path: text };
  if (!REDIS_SCHEME.test(text)) throw new StorageLocationError(`'${schemeOf(text)}' storage is not supported: use a journal file path, or redis://host:port[/db][?prefix=name] (rediss:// for TLS)`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StorageLocationError(`not a valid Redis URL (expected redis://[user:password@]host:port[/db][?prefix=name])`);
  }
  const port = url.port === '' ? DEFAULT_REDIS_PORT : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new StorageLocationError(`the Redis database '${dbText}' is not a number (redis://host:port/0 … /15)`);
  if (url.hostname === '') throw new StorageLocationError('the Redis URL names no host (redis://host:port)');
  const unknown = [...url.searchParams.keys()].filter((key) => key !== 'prefix');
  if (unknown.length > 0) throw new StorageLocationError(`unknown Redis URL option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}: only ?prefix=name is read`);
  return {
    kind: 'redis',
    url: text,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db: dbText === '' ? 0 : Number(dbText),
    prefix: url.searchParams.get('prefix') ?? '',
    tls: url.protocol.toLowerCase() === 'rediss:',
    username: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
  };
}

/** The location as it may be shown: a URL without its password. */
export function describeStorageLocation(location: StorageLocation): string {
  if (location.kind === 'file') return location.path;
  const auth = location.username !== null ? `${location.username}@` : location.password !== null ? '***@' : '';
  const prefix = location.prefix === '' ? '' : `?prefix=${encodeURIComponent(location.prefix)}`;
  return `${location.tls ? 'rediss' : 'redis'}://${auth}${location.host.includes(':') ? `[${location.host}]` : location.host}:${location.port}/${location.db}${prefix}`;
}

function schemeOf(text: string): string {
  return text.slice(0, text.indexOf('://'));
}
