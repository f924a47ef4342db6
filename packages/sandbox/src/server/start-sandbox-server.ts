import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformSchema } from '@digitallz/contracts';
import type { GenerateMarketWorldOptions, MarketKeyword } from '../market/generate-world';
import { createMarket, type Market } from '../market/market';
import { createRandom } from '../market/random';
import { decideFault, type FaultDecision, type Faults, FaultsSchema } from './faults';
import { amazonBidRecommendations, amazonCatalogSearch, amazonSuggestions } from './wire-amazon';
import { ebaySearch, ebayToken } from './wire-ebay';
import { etsyListings } from './wire-etsy';

export type SandboxServerOptions = GenerateMarketWorldOptions & {
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
};

export type SandboxServer = {
  url: string;
  market: Market;
  setFaults(faults: Partial<Faults>): void;
  stats(): Record<FaultDecision | 'requests', number>;
  close(): Promise<void>;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Route = (
  market: Market,
  params: URLSearchParams,
  req: IncomingMessage,
  origin: string,
  body: string,
) => Reply;

const ok = (body: unknown): Reply => ({ status: 200, body });
const unauthorized = (body: unknown): Reply => ({ status: 401, body });

/** The marketplace endpoints, by method and path, answering in each platform's wire format. */
const ROUTES: Record<string, Route> = {
  'GET /api/2017/suggestions': (market, params) => ok(amazonSuggestions(market, params)),
  'GET /catalog/2022-04-01/items': (market, params, req) =>
    req.headers['x-amz-access-token']
      ? ok(amazonCatalogSearch(market, params))
      : {
          status: 403,
          body: {
            errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }],
          },
        },
  'POST /sp/targets/bid/recommendations': (market, _params, req, _origin, body) =>
    req.headers['amazon-advertising-api-scope'] && req.headers.authorization
      ? ok(amazonBidRecommendations(market, safeJson(body)))
      : unauthorized({ code: 'UNAUTHORIZED', details: 'Not authorized to access scope' }),
  'GET /v3/application/listings/active': (market, params, req) =>
    req.headers['x-api-key']
      ? ok(etsyListings(market, params))
      : unauthorized({ error: 'Invalid API key' }),
  'POST /identity/v1/oauth2/token': (_market, _params, req) =>
    req.headers.authorization?.startsWith('Basic ')
      ? ok(ebayToken())
      : unauthorized({
          error: 'invalid_client',
          error_description: 'client authentication failed',
        }),
  'GET /buy/browse/v1/item_summary/search': (market, params, req, origin) =>
    req.headers.authorization?.startsWith('Bearer sandbox-')
      ? ok(ebaySearch(market, params, origin))
      : unauthorized({
          errors: [
            {
              errorId: 1001,
              domain: 'OAuth',
              category: 'REQUEST',
              message: 'Invalid access token',
            },
          ],
        }),
};

/**
 * The sandbox marketplace: one local HTTP server speaking the Amazon, Etsy and eBay wire formats,
 * backed by a deterministic simulated market, with fault knobs and its hidden truth exported.
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const market = createMarket(options);
  let faults = FaultsSchema.parse(options.faults ?? {});
  const roll = createRandom(options.seed ?? 7).next;
  const counts: Record<FaultDecision | 'requests', number> = {
    requests: 0,
    ok: 0,
    outage: 0,
    'auth-failed': 0,
    'rate-limited': 0,
    'server-error': 0,
    malformed: 0,
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => void handle(req, res, body));
  });

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const origin = `http://${req.headers.host ?? 'sandbox'}`;
    if (url.pathname.startsWith('/__') || url.pathname === '/health')
      return control(req, res, url, body);
    counts.requests++;
    const decision = decideFault(faults, roll);
    // A malformed answer is counted when one is served (below): an error reply stays as it is.
    if (decision !== 'malformed') counts[decision]++;
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (decision === 'outage') return res.destroy();
    if (decision === 'auth-failed') return send(res, 401, { error: 'Invalid credentials' });
    if (decision === 'rate-limited') {
      return send(
        res,
        429,
        { error: 'Too many requests' },
        { 'retry-after': String(faults.retryAfterSeconds) },
      );
    }
    if (decision === 'server-error') {
      res.writeHead(503, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>Service Unavailable</h1></body></html>');
    }
    const route = ROUTES[`${req.method} ${url.pathname}`];
    const reply = route
      ? route(market, url.searchParams, req, origin, body)
      : { status: 404, body: { error: `No route ${req.method} ${url.pathname}` } };
    if (decision === 'malformed' && reply.status === 200) {
      counts.malformed++;
      res.writeHead(200, { 'content-type': 'application/json' });
      // Cut short, always: a body under 40 characters (an empty result) was once sent whole,
      // valid, and counted as malformed.
      const text = JSON.stringify(reply.body);
      return res.end(text.slice(0, Math.min(40, text.length - 1)));
    }
    if (decision === 'malformed') counts.ok++;
    return send(res, reply.status, reply.body, reply.headers);
  };

  const control = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => {
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/__faults' && req.method === 'POST') {
      const parsed = FaultsSchema.partial().safeParse(safeJson(body));
      if (!parsed.success) return send(res, 400, { error: parsed.error.message });
      faults = { ...faults, ...parsed.data };
      return send(res, 200, faults);
    }
    if (url.pathname === '/__faults') return send(res, 200, faults);
    if (url.pathname === '/__stats') return send(res, 200, counts);
    if (url.pathname === '/__truth') {
      const platform = PlatformSchema.safeParse(url.searchParams.get('platform'));
      const truth = platform.success
        ? market.truth(platform.data, url.searchParams.get('keyword') ?? '')
        : undefined;
      return truth ? send(res, 200, truth) : send(res, 404, { error: 'unknown keyword' });
    }
    if (url.pathname === '/__truth.ndjson') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      return streamTruth(res, market.records());
    }
    return send(res, 404, { error: 'unknown control route' });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    market,
    setFaults: (next) => {
      faults = FaultsSchema.parse({ ...faults, ...next });
    },
    stats: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams every record as NDJSON, waiting for the socket to drain (millions of lines). */
async function streamTruth(res: ServerResponse, records: Iterable<MarketKeyword>) {
  let buffer = '';
  for (const { weekly: _weekly, ...rest } of records) {
    buffer += `${JSON.stringify(rest)}\n`;
    if (buffer.length < 64_000) continue;
    if (!res.write(buffer)) await new Promise((resolve) => res.once('drain', resolve));
    buffer = '';
    if (res.destroyed) return;
  }
  res.end(buffer);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
