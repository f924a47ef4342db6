import type { Platform } from '@digitallz/contracts';
import {
  AppError,
  type BidEstimate,
  COLLECTORS,
  type Credentials,
  expandSuggestions,
  type FetchOptions,
  marketplaceAccessFrom,
  type SearchStats,
} from '@digitallz/core';
import { startSandboxServer } from '@digitallz/sandbox';
import { type Env, print } from '../env';

export type CollectOptions = {
  platform: Platform;
  keyword: string;
  marketplace: string;
  baseUrl?: string;
  sandbox: boolean;
  expand: boolean;
  budget: number;
  json: boolean;
};

/** Collects one keyword from a marketplace (real, a given base URL, or a sandbox started here) and prints it. */
export async function collectCommand(env: Env, options: CollectOptions): Promise<number> {
  const sandbox = options.sandbox
    ? await startSandboxServer({ asOf: new Date(), keywords: 5_000 })
    : null;
  try {
    const fetchOptions: FetchOptions = {
      baseUrl:
        sandbox?.url ?? options.baseUrl ?? marketplaceAccessFrom(env)[options.platform].baseUrl,
      marketplace: options.marketplace,
      credentials: sandbox ? SANDBOX_CREDENTIALS : credentialsFrom(env),
    };
    const collector = COLLECTORS[options.platform];
    const { suggestions } = await collector.fetchSuggestions(options.keyword, fetchOptions);
    const expansion = options.expand
      ? await expandSuggestions(
          async (prefix) => (await collector.fetchSuggestions(prefix, fetchOptions)).suggestions,
          {
            seed: options.keyword,
            budget: options.budget,
          },
        )
      : null;
    let stats: SearchStats | null = null;
    let statsError: { code: string; message: string } | null = null;
    try {
      stats = await collector.fetchSearchStats(options.keyword, fetchOptions);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'MARKETPLACE_CREDENTIALS_REQUIRED'))
        throw error;
      statsError = { code: error.code, message: error.message };
    }
    const bids = collector.fetchBidEstimates
      ? await collector
          .fetchBidEstimates(
            [...new Set([options.keyword, ...suggestions.map((s) => s.keyword)])],
            fetchOptions,
          )
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'MARKETPLACE_CREDENTIALS_REQUIRED')
              return null;
            throw error;
          })
      : null;
    const result = {
      platform: options.platform,
      marketplace: options.marketplace.toUpperCase(),
      keyword: options.keyword,
      suggestions,
      stats,
      statsError,
      bids,
      expansion,
    };
    if (options.json) print(JSON.stringify(result, null, 2));
    else printHuman(result);
    return 0;
  } finally {
    await sandbox?.close();
  }
}

const SANDBOX_CREDENTIALS: Credentials = {
  adsClientId: 'sandbox',
  adsAccessToken: 'sandbox',
  adsProfileId: 'sandbox',
  adsAsin: 'B0SANDBOX1',
  etsyApiKey: 'sandbox',
  ebayClientId: 'sandbox',
  ebayClientSecret: 'sandbox',
  spApiAccessToken: 'sandbox',
};

function credentialsFrom(env: Env): Credentials {
  const access = marketplaceAccessFrom(env);
  return { ...access.amazon.credentials, ...access.etsy.credentials, ...access.ebay.credentials };
}

function printHuman(result: {
  platform: string;
  marketplace: string;
  keyword: string;
  suggestions: { keyword: string; position: number }[];
  stats: SearchStats | null;
  statsError: { message: string } | null;
  bids: BidEstimate[] | null;
  expansion: Awaited<ReturnType<typeof expandSuggestions>> | null;
}) {
  print(`${result.platform} ${result.marketplace} "${result.keyword}"`);
  if (result.stats) {
    const { resultCount, price, sellerCount, listings } = result.stats;
    print(`  competing listings: ${resultCount?.toLocaleString('en-US') ?? 'unknown'}`);
    if (price)
      print(
        `  prices: ${price.min}–${price.max} ${price.currency} (median ${price.median}) over the top ${listings.length}`,
      );
    print(`  sellers in the top ${listings.length}: ${sellerCount}`);
  } else if (result.statsError) {
    print(`  search statistics skipped: ${result.statsError.message}`);
  }
  for (const b of result.bids ?? []) {
    print(`  suggested bid "${b.keyword}": ${b.suggested} ${b.currency} (${b.low}–${b.high})`);
  }
  print(`  suggestions for "${result.keyword}":`);
  for (const s of result.suggestions) print(`    ${String(s.position).padStart(2)}. ${s.keyword}`);
  if (result.expansion) {
    const { requests, keywords, unexplored } = result.expansion;
    print(
      `  expansion: ${keywords.length} keywords from ${requests} requests (${unexplored} prefixes left unexplored)`,
    );
    for (const k of keywords.slice(0, 50))
      print(
        `    ${k.keyword}  (best position ${k.bestPosition}, from ${k.shortestPrefix} letters, under ${k.prefixCount} prefixes)`,
      );
  }
}
