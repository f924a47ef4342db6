/**
 * npm run bench:compute -- [--keywords 1000000]
 *
 * Throughput of the estimates: volume with its interval, competition, CPC, trend and seasonality
 * over a year of weekly history, difficulty, opportunity and reason, for a million keywords of a
 * sandbox world, in one process. Prints the time for all of them (target: under 2 minutes).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { estimateKeyword, type KeywordFacts, type VolumeModel } from '@digitallz/core';
import { createMarket, lastWeekStarts } from '@digitallz/sandbox';
import model from '../packages/core/src/intelligence/volume/volume-model.json' with {
  type: 'json',
};

const { values } = parseArgs({ options: { keywords: { type: 'string', default: '1000000' } } });
const wanted = Number(values.keywords);
const out = (line: string) => process.stdout.write(`${line}\n`);

let started = Date.now();
const market = createMarket({
  keywords: Math.ceil(wanted / 2),
  asOf: new Date('2026-11-23T00:00:00Z'),
});
out(
  `sandbox world ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${market.size.toLocaleString('en-US')} keyword x platform records`,
);

// A year of weekly history per keyword: 500 seasonal shapes, shared by reference (what matters
// here is the arithmetic, not the memory of a million series).
const weeks = lastWeekStarts(new Date('2026-11-23T00:00:00Z'), 52);
const shapes = Array.from({ length: 500 }, (_, s) =>
  weeks.map((periodStart, w) => ({
    periodStart,
    value: Math.round(100 * (1 + 0.5 * Math.sin((w + s) / 8)) * (1 + (s % 7) / 20) ** (w / 52)),
  })),
);

started = Date.now();
let computed = 0;
let checksum = 0;
for (const k of market.records()) {
  if (computed === wanted) break;
  const facts: KeywordFacts = {
    keyword: k.keyword,
    platform: k.platform,
    autocomplete: {
      bestPosition: 1 + (computed % 10),
      shortestPrefix: Math.min(k.keyword.length, 3 + (computed % 9)),
      prefixCount: 1 + (computed % 5),
    },
    listingCount: k.listingCount,
    listingsShown: Math.min(100, k.listingCount),
    strength: {
      favouritesMedian: k.platform === 'etsy' ? k.searchVolume : null,
      reviewsMedian: 40,
      salesRankMedian: k.platform === 'amazon' ? 5_000_000 / (1 + k.searchVolume / 20) : null,
      topSellerShare: 0.1,
    },
    price: { min: k.priceMin, median: k.priceMedian, max: k.priceMax },
    bid: null,
    history: shapes[computed % shapes.length] ?? [],
  };
  const e = estimateKeyword(model as VolumeModel, facts);
  checksum += e.volume.volume + e.scores.opportunity;
  computed++;
}
const seconds = (Date.now() - started) / 1000;
out(
  `estimates for ${computed.toLocaleString('en-US')} keywords in ${seconds.toFixed(1)} s = ${Math.round(computed / seconds).toLocaleString('en-US')}/s (checksum ${checksum}); RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
);
out(`machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`);
