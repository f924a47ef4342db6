import { type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTORS } from './registry';
import type { FetchOptions } from './types';

let sandbox: SandboxServer;
let options: FetchOptions;

beforeAll(async () => {
  sandbox = await startSandboxServer({ asOf: new Date('2026-11-24T00:00:00Z'), keywords: 2_000 });
  options = {
    baseUrl: sandbox.url,
    credentials: {
      etsyApiKey: 'k',
      ebayClientId: 'id',
      ebayClientSecret: 's',
      spApiAccessToken: 't',
    },
  };
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.setFaults({ rate429: 0, rate5xx: 0, malformedRate: 0, outage: false }));

describe('collectors against the sandbox marketplace', () => {
  it('reads Amazon autocomplete ranked by the hidden volume', async () => {
    const { suggestions } = await COLLECTORS.amazon.fetchSuggestions('wedding', options);
    expect(suggestions.length).toBeGreaterThan(3);
    const volumes = suggestions.map(
      (s) => sandbox.market.truth('amazon', s.keyword)?.searchVolume ?? -1,
    );
    expect(volumes.every((v) => v > 0)).toBe(true);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
  });

  it.each(['amazon', 'etsy', 'ebay'] as const)(
    'reads %s search statistics that match the hidden truth',
    async (platform) => {
      const keyword =
        [...sandbox.market.records()].find((k) => k.platform === platform && k.listingCount > 50)
          ?.keyword ?? '';
      const stats = await COLLECTORS[platform].fetchSearchStats(keyword, options);
      expect(stats.resultCount).toBe(sandbox.market.truth(platform, keyword)?.listingCount);
      expect(stats.listings.length).toBeGreaterThan(0);
      if (platform !== 'amazon') expect(stats.price?.currency).toBe('USD');
    },
  );

  it('derives Etsy and eBay suggestions from what the listings show', async () => {
    const etsy = await COLLECTORS.etsy.fetchSuggestions('wedding', options);
    expect(etsy.suggestions.every((s) => s.keyword.startsWith('wedding'))).toBe(true);
    const ebay = await COLLECTORS.ebay.fetchSuggestions('planner', options);
    expect(ebay.suggestions.every((s) => s.keyword.startsWith('planner'))).toBe(true);
  });

  it.each([
    [
      { rate429: 1, retryAfterSeconds: 3 },
      {
        code: 'MARKETPLACE_RATE_LIMITED',
        details: expect.objectContaining({ retryAfterMs: 3_000 }),
      },
    ],
    [{ rate5xx: 1 }, { code: 'MARKETPLACE_UNAVAILABLE' }],
    [{ malformedRate: 1 }, { code: 'MARKETPLACE_BAD_PAYLOAD' }],
    [{ outage: true }, { code: 'MARKETPLACE_UNAVAILABLE' }],
  ])('turns the fault %o into a clear error', async (faults, expected) => {
    sandbox.setFaults(faults);
    await expect(COLLECTORS.amazon.fetchSuggestions('wed', options)).rejects.toMatchObject(
      expected,
    );
  });
});
