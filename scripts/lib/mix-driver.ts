/**
 * The load generator of reliability:load, in its own process: `tsx scripts/lib/mix-driver.ts
 * CONFIG.json`. Sends a weighted mix of operations (each a list of requests drawn at random) at
 * a fixed overall rate with autocannon, prints one JSON line per interval on stdout
 * (`{"interval": ...}`) and a last one with the totals (`{"total": ...}`): requests, rate,
 * p50/p95/p99, statuses, per operation and overall.
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Request } from 'autocannon';
import { seededRandom } from './zipf';

export type MixRequest = {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Sent without an API key (sign-in). */
  anonymous?: boolean;
};
/**
 * `skew`: request i of n is drawn as floor(n * u^skew) for a uniform u, so the first requests
 * are the most frequent (1: uniform; 3: a head-heavy mix like real keyword traffic).
 */
export type MixOperation = { name: string; weight: number; skew?: number; requests: MixRequest[] };
export type MixConfig = {
  url: string;
  connections: number;
  seconds: number;
  /** Requests per second over all connections; 0 for as fast as the server answers. */
  rate: number;
  intervalSeconds: number;
  operations: MixOperation[];
  /** One per request in turn (x-api-key), unless the request is anonymous. */
  apiKeys: string[];
};
export type MixFigures = {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  /** Requests that got no answer (connection errors, timeouts) or a 5xx. */
  errors: number;
};
export type MixReport = MixFigures & { operations: Record<string, MixFigures>; seconds: number };

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as MixConfig;
const totalWeight = config.operations.reduce((sum, op) => sum + op.weight, 0);
const random = seededRandom(7);
const pickOperation = () => {
  let target = random() * totalWeight;
  for (const op of config.operations) {
    target -= op.weight;
    if (target <= 0) return op;
  }
  return config.operations.at(-1) as MixOperation;
};
let turn = 0;

type Sample = { op: string; ms: number; status: number };
let samples: Sample[] = [];
const all: Sample[] = [];

function figures(list: Sample[], seconds: number): MixFigures {
  const times = list.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const statuses: Record<string, number> = {};
  for (const s of list) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    requests: list.length,
    perSecond: Math.round(list.length / Math.max(seconds, 0.001)),
    p50: Math.round(q(0.5) * 10) / 10,
    p95: Math.round(q(0.95) * 10) / 10,
    p99: Math.round(q(0.99) * 10) / 10,
    statuses,
    errors: list.filter((s) => s.status === 0 || s.status >= 500).length,
  };
}

function report(list: Sample[], seconds: number): MixReport {
  const operations: Record<string, MixFigures> = {};
  for (const op of config.operations)
    operations[op.name] = figures(
      list.filter((s) => s.op === op.name),
      seconds,
    );
  return { ...figures(list, seconds), operations, seconds };
}

type Context = { op?: string; start?: number };
const record = (context: Context, status: number) => {
  const sample = { op: context.op ?? '?', ms: performance.now() - (context.start ?? 0), status };
  samples.push(sample);
  all.push(sample);
};

const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    ...(config.rate > 0 ? { overallRate: config.rate } : {}),
    timeout: 10,
    requests: [
      {
        setupRequest: (request: Request, context: Context) => {
          const op = pickOperation();
          const index = Math.floor(op.requests.length * random() ** (op.skew ?? 1));
          const chosen = op.requests[index] as MixRequest;
          context.op = op.name;
          context.start = performance.now();
          const key = config.apiKeys[turn++ % config.apiKeys.length] as string;
          const auth = chosen.anonymous ? {} : { 'x-api-key': key };
          return {
            ...request,
            method: chosen.method,
            path: chosen.path,
            body: chosen.body,
            headers: {
              ...(chosen.body ? { 'content-type': 'application/json' } : {}),
              ...auth,
              ...chosen.headers,
            },
          };
        },
        onResponse: (status: number, _body: string, context: Context) => record(context, status),
      },
    ],
  },
  (error) => {
    if (error) throw error;
    clearInterval(ticker);
    process.stdout.write(`${JSON.stringify({ total: report(all, config.seconds) })}\n`);
  },
);
// Requests that never got an answer count as errors, under the operation that sent them.
instance.on('reqError', () => {
  samples.push({ op: 'connection', ms: 0, status: 0 });
  all.push({ op: 'connection', ms: 0, status: 0 });
});
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  process.stdout.write(`${JSON.stringify({ interval: report(samples, (now - last) / 1000) })}\n`);
  samples = [];
  last = now;
}, config.intervalSeconds * 1000);
