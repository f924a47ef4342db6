import { createHash } from 'node:crypto';
import { type Cache, dataVersion, keywordVersion } from '@digitallz/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * Keep this GET route's 200 answers, keyed by URL and a data version: the platform's (`true`),
     * or, for answers about one keyword alone (`'keyword'`: its `:keyword` param and `marketplace`
     * query), that keyword's own, so that collecting other keywords leaves them cached.
     */
    responseCache?: boolean | 'keyword';
  }
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    /** `hits`: answers served whole (`sharedHits` of them found in Redis); `entries`: held here. */
    responseCacheStats(): { hits: number; sharedHits: number; entries: number };
  }
}

export type ResponseCacheOptions = { maxEntries?: number; maxBytes?: number; ttlSeconds?: number };

/** The answer and the headers its route set (not those of the hooks before it, nor per-request ones). */
type Entry = { payload: Buffer; headers: Record<string, string> };

/**
 * An answer's bytes, in memory of their own: a hit writes them as they are (no UTF-8 encoding per
 * answer), they live outside V8's heap (whose size, and so the process's RSS, grows with what is
 * live in it), and they are not a slice of Node's shared 8 KB pool, which one long-lived entry
 * would keep whole.
 */
function bytes(text: string): Buffer {
  const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  buffer.write(text);
  return buffer;
}

/** Headers that belong to one request (its id, its caller's quota), never replayed from the cache. */
const PER_REQUEST = new Set([
  'x-request-id',
  'content-length',
  'date',
  'connection',
  'set-cookie',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'x-searches-remaining',
]);

const platformOf = (request: FastifyRequest) =>
  (request.params as { platform?: unknown }).platform ??
  (request.query as { platform?: unknown }).platform;

/**
 * The version part of a request's key, or null when the request is not one to cache (a
 * parameter the route will refuse: its 400 is never kept).
 */
async function versionOf(
  cache: Cache,
  request: FastifyRequest,
  kind: true | 'keyword',
): Promise<string | null> {
  const platform = platformOf(request);
  if (typeof platform !== 'string') return null;
  if (kind !== 'keyword') return String(await dataVersion(cache, platform));
  // Normalized as the writers' are (`keywordVersion`); a value the route refuses reads a version
  // no one moves, and its 400 is never kept.
  const { keyword } = request.params as { keyword?: unknown };
  const marketplace = (request.query as { marketplace?: unknown }).marketplace ?? 'US';
  if (typeof keyword !== 'string' || typeof marketplace !== 'string') return null;
  const { key } = await keywordVersion(cache, { platform, marketplace, keyword });
  return `k${key}`;
}

/**
 * An answer shape: a short hash of a route's documented 200 schema. It is part of every key, so
 * that a release that changes a shape never serves answers of the old one that Redis still holds
 * (API processes of a new release would answer related keywords without their new `closeness`
 * for up to the TTL).
 */
export function answerShape(schema: unknown): string {
  return createHash('sha256').update(describeSchema(schema)).digest('hex').slice(0, 12);
}

function describeSchema(schema: unknown): string {
  if (!(schema instanceof z.ZodType)) return JSON.stringify(schema ?? null);
  try {
    return JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));
  } catch {
    // A schema JSON Schema cannot hold (the OpenAPI document would have refused it first).
    return 'unrepresentable';
  }
}

type RouteOptions = FastifyRequest['routeOptions'];

/** Each route's answer shape (by its config, one object per route), hashed on its first request. */
const shapes = new WeakMap<object, string>();
function shapeOf(route: RouteOptions): string {
  let shape = shapes.get(route.config);
  if (shape === undefined) {
    const responses = route.schema?.response as Record<number, unknown> | undefined;
    shape = answerShape(responses?.[200]);
    shapes.set(route.config, shape);
  }
  return shape;
}

/** An answer's key: its data version, its shape and its URL. */
export const answerKey = (version: string, shape: string, url: string) =>
  `${version}|${shape}|${url}`;

/** Where the shared copy of an answer lives in Redis. */
export const sharedKey = (key: string) => `resp:${key}`;

/**
 * An entry as Redis keeps it: its headers as JSON on the first line (JSON has no raw newline),
 * then the answer as it was sent, so that a hit from Redis parses a few headers, not the answer.
 */
const encode = (headers: Entry['headers'], payload: string) =>
  `${JSON.stringify(headers)}\n${payload}`;
const decode = (text: string): Entry | undefined => {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    return { headers: JSON.parse(text.slice(0, newline)), payload: bytes(text.slice(newline + 1)) };
  } catch {
    return undefined;
  }
};

/**
 * Answers already serialized, in two tiers: the hottest in this process, and, with Redis, every
 * answer any API process computed in the last `ttlSeconds`. A hit skips validation, the use case
 * and serialization; a hit from Redis costs one GET and no parse of the answer. Keys carry the
 * data version the answer depends on (the platform's, or the keyword's own), so new data is
 * served at once in the process that learnt of it and within the version's local TTL elsewhere.
 * Within one version an answer does not change, so entries live as long as the answers of the
 * data cache (`ttlSeconds`, 300 s; one taken from Redis then lives that long here too); in this
 * process they are bounded by entries and bytes. The auth and quota hooks run before this one:
 * a hit still checks the caller and spends their quota; answers cached here are the same for
 * every caller. A disabled cache (`kind` none) turns this one off too.
 */
export default fp(async function responseCache(
  app: FastifyInstance,
  options: ResponseCacheOptions,
) {
  const ttlSeconds = options.ttlSeconds ?? 300;
  const ttl = ttlSeconds * 1000;
  const cache = app.deps.cache;
  if (ttl <= 0 || cache.kind === 'none') {
    app.decorate('responseCacheStats', () => ({ hits: 0, sharedHits: 0, entries: 0 }));
    return;
  }
  // Embedded, the data cache is in this process too: this LRU is the only tier.
  const shared = cache.kind === 'redis';
  // Bounded by entries and by size; expired answers are purged every second.
  const lru = new LRUCache<string, Entry>({
    max: options.maxEntries ?? 10_000,
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.payload.byteLength + 256,
    ttl,
  });
  let hits = 0;
  let sharedHits = 0;
  /** A miss's key, and the headers the hooks before the route had set (they are not replayed). */
  const misses = new WeakMap<FastifyRequest, { key: string; hooks: Set<string> }>();
  const purge = setInterval(() => lru.purgeStale(), 1_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  app.decorate('responseCacheStats', () => ({ hits, sharedHits, entries: lru.size }));
  app.addHook('onRequest', async (request, reply) => {
    // Built anew at each read (fastify's getter): read once.
    const route = request.routeOptions;
    const kind = route.config.responseCache;
    if (!kind || request.method !== 'GET') return;
    const version = await versionOf(cache, request, kind);
    if (version === null) return;
    const key = answerKey(version, shapeOf(route), request.url);
    let hit = lru.get(key);
    if (!hit && shared) {
      const text = await cache.getText(sharedKey(key));
      hit = text === undefined ? undefined : decode(text);
      if (hit) {
        sharedHits++;
        lru.set(key, hit);
      }
    }
    if (!hit) {
      misses.set(request, { key, hooks: new Set(Object.keys(reply.getHeaders())) });
      return;
    }
    hits++;
    return reply.headers(hit.headers).send(hit.payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const miss = misses.get(request);
    if (miss && reply.statusCode === 200 && typeof payload === 'string') {
      const { key, hooks } = miss;
      // Only what the route set: security, CORS and quota headers are set anew on every request.
      const headers = Object.fromEntries(
        Object.entries(reply.getHeaders())
          .filter(([name]) => !hooks.has(name) && !PER_REQUEST.has(name))
          .map(([name, value]) => [name, String(value)]),
      );
      lru.set(key, { payload: bytes(payload), headers });
      // Not awaited: the answer leaves now; a failed write is counted by the cache and forgotten.
      if (shared) void cache.setText(sharedKey(key), encode(headers, payload), ttlSeconds);
    }
    done(null, payload);
  });
});
