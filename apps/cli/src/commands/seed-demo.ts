import { collectDemo, createCollectionDeps, type MarketplaceAccess } from '@digitallz/core';
import { keywordData, sql } from '@digitallz/db';
import { type MarketKeyword, type SandboxServer, startSandboxServer } from '@digitallz/sandbox';
import { type Env, print } from '../env';
import { describeDatabase, openDatabase } from '../open-database';

export type SeedDemoCommandOptions = {
  keywords: number;
  force: boolean;
  quiet?: boolean;
  /** The running sandbox marketplace; without one, a private one is started for the seed. */
  sandbox?: SandboxServer;
};

const unlimited = { perSecond: 100_000, burst: 100_000 };
/**
 * Weeks of the sandbox's series behind the demo data: two years, so that the demo's trends tell
 * growth from the season and its forecasts follow the season (one year cannot).
 */
export const DEMO_WEEKS = 104;

/**
 * Migrates, then collects the demo data from the sandbox marketplace (its first `keywords`
 * keywords, on every platform they sell on), unless keyword history is already there (or with
 * --force, which first removes the demo and sandbox rows).
 */
export async function seedDemoCommand(env: Env, options: SeedDemoCommandOptions) {
  const database = await openDatabase(env);
  const log = options.quiet ? () => {} : print;
  const asOf = new Date();
  const sandbox =
    options.sandbox ??
    (await startSandboxServer({ asOf, keywords: options.keywords, weeks: DEMO_WEEKS }));
  try {
    await database.migrate();
    if (options.force)
      await database.db
        .delete(keywordData)
        .where(sql`${keywordData.source} in ('demo', 'sandbox')`);
    const started = Date.now();
    const access: MarketplaceAccess = { baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS };
    const result = await collectDemo({
      collection: createCollectionDeps({
        db: database.db,
        archiveDir: `${env.DATA_DIR}/archive`,
        limits: { amazon: unlimited, etsy: unlimited, ebay: unlimited },
        marketplaces: { amazon: access, etsy: access, ebay: access },
        source: 'sandbox',
      }),
      records: firstKeywords(sandbox.market.records(), options.keywords),
      asOf,
      onProgress: (message) => log(`  ${message}`),
    });
    if (result.seeded) {
      log(
        `demo data loaded: ${result.keywords} keywords of the three platforms collected from the sandbox marketplace, ` +
          `${result.history} weekly volumes before them, ${result.estimated} estimates ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)}s (${describeDatabase(env)})`,
      );
    } else {
      log(`keyword history already present, demo data left as it is (use --force to reload)`);
    }
    return result;
  } finally {
    if (!options.sandbox) await sandbox.close();
    await database.close();
  }
}

/** The sandbox accepts any credentials of the right shape. */
const SANDBOX_CREDENTIALS = {
  etsyApiKey: 'sandbox',
  ebayClientId: 'sandbox',
  ebayClientSecret: 'sandbox',
  spApiAccessToken: 'sandbox',
  adsClientId: 'sandbox',
  adsAccessToken: 'sandbox',
  adsProfileId: 'sandbox',
  adsAsin: 'B0SANDBOX1',
};

/** The records of the market's first `count` distinct keywords. */
function* firstKeywords(records: Iterable<MarketKeyword>, count: number) {
  const seen = new Set<string>();
  for (const record of records) {
    if (!seen.has(record.keyword)) {
      if (seen.size === count) return;
      seen.add(record.keyword);
    }
    yield record;
  }
}
