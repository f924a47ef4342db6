import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { amazonCollector } from './amazon/client';
import { ebayCollector } from './ebay/client';
import { forgetEbayTokens } from './ebay/token';
import { etsyCollector } from './etsy/client';
import { fixture } from './fixtures';
import { parseRetryAfter } from './http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] =
  [];
let handler: Handler;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
  forgetEbayTokens();
});

const json =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

const etsy = { etsyApiKey: 'key-123' };
const ebay = { ebayClientId: 'id', ebayClientSecret: 'secret' };

describe('marketplace clients over HTTP', () => {
  it('asks Amazon autocomplete with the marketplace id and parses the answer', async () => {
    handler = json(200, fixture('amazon/api2017_suggestions_te_excerpt_closed.json'));
    const result = await amazonCollector.fetchSuggestions('te', {
      baseUrl: base,
      marketplace: 'de',
    });
    expect(result).toMatchObject({ platform: 'amazon', marketplace: 'DE', prefix: 'te' });
    expect(result.suggestions[0]).toEqual({ keyword: 'tent', position: 1 });
    const url = new URL(seen[0]?.url ?? '', base);
    expect(url.pathname).toBe('/api/2017/suggestions');
    expect(url.searchParams.get('mid')).toBe('A1PA6795UKMFR9');
    expect(url.searchParams.get('prefix')).toBe('te');
  });

  it('sends the Etsy API key and keywords', async () => {
    handler = json(200, fixture('etsy/api_v3_empty_listings_response.json'));
    const stats = await etsyCollector.fetchSearchStats('wedding planner', {
      baseUrl: base,
      credentials: etsy,
    });
    expect(stats.resultCount).toBe(0);
    expect(seen[0]?.headers['x-api-key']).toBe('key-123');
    expect(new URL(seen[0]?.url ?? '', base).searchParams.get('keywords')).toBe('wedding planner');
  });

  it('gets an eBay token once, caches it, and sends it with the marketplace header', async () => {
    handler = (req, res) =>
      req.url?.startsWith('/identity')
        ? json(
            200,
            JSON.stringify({
              access_token: 'tok-1',
              expires_in: 7200,
              token_type: 'Application Access Token',
            }),
          )(req, res)
        : json(200, fixture('ebay/browse_item_summary_search_drone_limit3_masked.json'))(req, res);
    await ebayCollector.fetchSearchStats('drone', { baseUrl: base, credentials: ebay });
    await ebayCollector.fetchSearchStats('drone', { baseUrl: base, credentials: ebay });
    expect(seen.map((r) => r.url.split('?')[0])).toEqual([
      '/identity/v1/oauth2/token',
      '/buy/browse/v1/item_summary/search',
      '/buy/browse/v1/item_summary/search',
    ]);
    expect(seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('id:secret').toString('base64')}`,
    );
    expect(seen[0]?.body).toContain('grant_type=client_credentials');
    expect(seen[1]?.headers.authorization).toBe('Bearer tok-1');
    expect(seen[1]?.headers['x-ebay-c-marketplace-id']).toBe('EBAY_US');
  });

  it('renews a rejected eBay token once', async () => {
    let token = 0;
    handler = (req, res) => {
      if (req.url?.startsWith('/identity')) {
        token++;
        return json(
          200,
          JSON.stringify({ access_token: `tok-${token}`, expires_in: 7200, token_type: 'x' }),
        )(req, res);
      }
      return req.headers.authorization === 'Bearer tok-1'
        ? json(401, '{"errors":[{"errorId":1001}]}')(req, res)
        : json(200, fixture('ebay/browse_item_summary_search_drone_limit3_masked.json'))(req, res);
    };
    const stats = await ebayCollector.fetchSearchStats('drone', {
      baseUrl: base,
      credentials: ebay,
    });
    expect(stats.resultCount).toBe(260_202);
    expect(token).toBe(2);
  });

  it('asks the Ads API for exact-match bid recommendations with the documented request', async () => {
    handler = json(
      200,
      fixture(
        'amazon/sp_theme_based_bid_recommendations_documented_example_keywords_response.json',
      ),
    );
    const credentials = {
      adsClientId: 'cid',
      adsAccessToken: 'tok',
      adsProfileId: '123',
      adsAsin: 'B000TEST01',
    };
    const bids = await amazonCollector.fetchBidEstimates?.(['sandals', 'shoe'], {
      baseUrl: base,
      credentials,
      marketplace: 'UK',
    });
    expect(bids?.[0]).toMatchObject({ keyword: 'sandals', suggested: 0.45, currency: 'GBP' });
    const request = seen[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/sp/targets/bid/recommendations');
    expect(request?.headers['amazon-advertising-api-scope']).toBe('123');
    expect(request?.headers['amazon-advertising-api-clientid']).toBe('cid');
    expect(request?.headers['content-type']).toBe(
      'application/vnd.spthemebasedbidrecommendation.v3+json',
    );
    const documented = JSON.parse(
      fixture('amazon/sp_theme_based_bid_recommendations_documented_example_keywords_request.json'),
    );
    const sent = JSON.parse(request?.body ?? '{}');
    expect(Object.keys(sent).sort()).toEqual(Object.keys(documented).sort());
    expect(sent.targetingExpressions).toEqual([
      { type: 'KEYWORD_EXACT_MATCH', value: 'sandals' },
      { type: 'KEYWORD_EXACT_MATCH', value: 'shoe' },
    ]);
  });

  it('refuses to call without credentials, permanently', async () => {
    await expect(etsyCollector.fetchSearchStats('x', { baseUrl: base })).rejects.toMatchObject({
      code: 'MARKETPLACE_CREDENTIALS_REQUIRED',
    });
    await expect(ebayCollector.fetchSearchStats('x', { baseUrl: base })).rejects.toMatchObject({
      code: 'MARKETPLACE_CREDENTIALS_REQUIRED',
    });
    await expect(amazonCollector.fetchSearchStats('x', { baseUrl: base })).rejects.toMatchObject({
      code: 'MARKETPLACE_CREDENTIALS_REQUIRED',
    });
    expect(seen).toHaveLength(0);
  });

  it.each([
    [
      '429 with Retry-After',
      json(429, '{}', { 'retry-after': '7' }),
      {
        code: 'MARKETPLACE_RATE_LIMITED',
        details: expect.objectContaining({ retryAfterMs: 7000 }),
      },
    ],
    ['401', json(401, '{"error":"Invalid API key"}'), { code: 'MARKETPLACE_AUTH_FAILED' }],
    ['403', json(403, '{"error":"forbidden"}'), { code: 'MARKETPLACE_AUTH_FAILED' }],
    ['404', json(404, '{"error":"not found"}'), { code: 'MARKETPLACE_REJECTED' }],
    ['500', json(500, '{"error":"boom"}'), { code: 'MARKETPLACE_UNAVAILABLE' }],
    [
      '503 HTML page',
      (_q: IncomingMessage, r: ServerResponse) => {
        r.writeHead(503, { 'content-type': 'text/html' });
        r.end('<html>down</html>');
      },
      { code: 'MARKETPLACE_UNAVAILABLE' },
    ],
    [
      '200 HTML page',
      (_q: IncomingMessage, r: ServerResponse) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        r.end('<html>captcha</html>');
      },
      { code: 'MARKETPLACE_BAD_PAYLOAD' },
    ],
    [
      'truncated JSON',
      json(200, '{"count": 3, "results": [{"listing_id": 1,'),
      { code: 'MARKETPLACE_BAD_PAYLOAD' },
    ],
    [
      'a body of the wrong shape',
      json(200, '{"count": "many"}'),
      { code: 'MARKETPLACE_BAD_PAYLOAD' },
    ],
  ])('maps %s to a clear error', async (_name, respond, expected) => {
    handler = respond as Handler;
    await expect(
      etsyCollector.fetchSearchStats('x', { baseUrl: base, credentials: etsy }),
    ).rejects.toMatchObject(expected);
  });

  it('times out a marketplace that does not answer', async () => {
    handler = () => {};
    await expect(
      etsyCollector.fetchSearchStats('x', { baseUrl: base, credentials: etsy, timeoutMs: 200 }),
    ).rejects.toMatchObject({
      code: 'MARKETPLACE_TIMEOUT',
    });
  });

  it('reports an unreachable marketplace as unavailable', async () => {
    await expect(
      etsyCollector.fetchSearchStats('x', { baseUrl: 'http://127.0.0.1:1', credentials: etsy }),
    ).rejects.toMatchObject({
      code: 'MARKETPLACE_UNAVAILABLE',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
