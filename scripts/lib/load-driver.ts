/**
 * The load generator of bench:api, run as its own process so that it does not share the event
 * loop of what it measures: `tsx scripts/lib/load-driver.ts CONFIG.json` prints one JSON result.
 * Paths are drawn from the config's list with a Zipf distribution (rank r weighted 1 / r^s), or,
 * with `sweep`, each requested once in order (a cache filled before a Zipf run is measured).
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Request } from 'autocannon';
import { seededRandom, zipfRanks } from './zipf';

type Config = {
  url: string;
  paths: string[];
  zipf: number;
  connections: number;
  seconds: number;
  seed?: number;
  /** API keys, one per request in turn: the load of many paying users, quotas enforced. */
  apiKeys?: string[];
  /** Request every path once, in order, then stop (`seconds` is then only an upper bound). */
  sweep?: boolean;
};

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Config;
const rank = zipfRanks(config.paths.length, config.zipf, seededRandom(config.seed ?? 42));
let next = 0;
const pick = config.sweep
  ? () => config.paths[next++ % config.paths.length] as string
  : () => config.paths[rank()] as string;

const keys = config.apiKeys ?? [];
let turn = 0;
const nextKey = () => keys[turn++ % keys.length] as string;

const times: number[] = [];
let bytes = 0;
const statuses = new Map<number, number>();
const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    ...(config.sweep ? { amount: config.paths.length } : {}),
    requests: [
      {
        setupRequest: (request: Request) => ({
          ...request,
          path: pick(),
          ...(keys.length ? { headers: { ...request.headers, 'x-api-key': nextKey() } } : {}),
        }),
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
    process.stdout.write(
      `${JSON.stringify({
        requestsPerSecond: Math.round(times.length / result.duration),
        responses: times.length,
        p50: q(0.5),
        p95: q(0.95),
        p99: q(0.99),
        meanBytes: Math.round(bytes / Math.max(1, times.length)),
        statuses: Object.fromEntries(statuses),
      })}\n`,
    );
  },
);
instance.on('response', (_client, status, responseBytes, ms) => {
  times.push(ms);
  bytes += responseBytes;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
});
