import { dataVersion } from '@digitallz/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyContextConfig {
    /** Keep this GET route's 200 answers in memory, keyed by URL and the platform's data version. */
    responseCache?: boolean;
  }
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  interface FastifyInstance {
    responseCacheStats(): { hits: number; entries: number };
  }
}

export type ResponseCacheOptions = { maxEntries?: number; maxBytes?: number; ttlSeconds?: number };

/** The answer and the headers its route set (not the per-request ones). */
type Entry = { payload: string; headers: Record<string, string> };

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
 * The hottest answers, already serialized, in this process: a hit skips validation, the use case
 * and serialization. Keys carry the platform's data version, so new data is served at once in the
 * process that learnt of it and within the version's local TTL elsewhere. Within one version an
 * answer does not change, so entries live as long as the answers of the shared cache
 * (`ttlSeconds`, 300 s), bounded by entries and bytes. The auth and quota hooks run before this
 * one: a hit still checks the caller and spends their quota; answers cached here are the same for
 * every caller.
 */
export default fp(async function responseCache(
  app: FastifyInstance,
  options: ResponseCacheOptions,
) {
  const ttl = (options.ttlSeconds ?? 300) * 1000;
  if (ttl <= 0) {
    app.decorate('responseCacheStats', () => ({ hits: 0, entries: 0 }));
    return;
  }
  // Bounded by entries and by size; expired answers are purged every second.
  const lru = new LRUCache<string, Entry>({
    max: options.maxEntries ?? 10_000,
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.payload.length + 256,
    ttl,
  });
  let hits = 0;
  const keys = new WeakMap<FastifyRequest, string>();
  const purge = setInterval(() => lru.purgeStale(), 1_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  app.decorate('responseCacheStats', () => ({ hits, entries: lru.size }));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.responseCache || request.method !== 'GET') return;
    const platform = platformOf(request);
    if (typeof platform !== 'string') return;
    const key = `${await dataVersion(app.deps.cache, platform)}|${request.url}`;
    const hit = lru.get(key);
    if (!hit) {
      keys.set(request, key);
      return;
    }
    hits++;
    return reply.headers(hit.headers).send(hit.payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const key = keys.get(request);
    if (key && reply.statusCode === 200 && typeof payload === 'string')
      lru.set(key, {
        payload,
        headers: Object.fromEntries(
          Object.entries(reply.getHeaders())
            .filter(([name]) => !PER_REQUEST.has(name))
            .map(([name, value]) => [name, String(value)]),
        ),
      });
    done(null, payload);
  });
});
