/**
 * npm run bench:trend -- [--per-season 60] [--seed 42]
 *
 * How far the yearly change that a keyword page shows is from the truth, on series drawn as the
 * sandbox marketplace draws them: each season's monthly curve (joined week by week), a yearly
 * change drawn from N(0, 0.3) in log, weekly noise of 12%, and an end date anywhere in the year.
 * For 26 to 104 weeks of history, prints how often the analysis says one year cannot tell the
 * change from the season, and over the other series: the median and 90th percentile of
 * |log(estimated change / true change)|, how often the direction (up, flat, down at ±10%) is the
 * opposite one, and how often a change of more than 35% is called steady.
 */
import { parseArgs } from 'node:util';
import { analyzeTrend } from '@digitallz/core';
import { seasonalFactor } from '../packages/sandbox/src/market/season';
import vocabulary from '../packages/sandbox/src/market/vocabulary.json' with { type: 'json' };

const { values } = parseArgs({
  options: {
    'per-season': { type: 'string', default: '60' },
    seed: { type: 'string', default: '42' },
  },
});
const perSeason = Number(values['per-season']);
let state = Number(values.seed);
const uniform = () => {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return (state + 0.5) / 2_147_483_648;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
const WEEK = 7 * 86_400_000;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] as number;
const direction = (change: number) => (change > 0.1 ? 'up' : change < -0.1 ? 'down' : 'flat');

const seasons = Object.entries(vocabulary.seasons as Record<string, number[]>);
process.stdout.write(
  `${seasons.length} seasons x ${perSeason} series per length (seed ${values.seed})\n`,
);
for (const weeks of [26, 39, 51, 52, 56, 60, 65, 78, 104]) {
  const errors: number[] = [];
  let [opposite, missed, unknown] = [0, 0, 0];
  for (const [, curve] of seasons) {
    for (let k = 0; k < perSeason; k++) {
      const growth = normal() * 0.3;
      const last = Date.UTC(2026, 10, 30) - Math.floor(uniform() * 52) * WEEK;
      const points = Array.from({ length: weeks }, (_, i) => {
        const periodStart = new Date(last - (weeks - 1 - i) * WEEK).toISOString().slice(0, 10);
        const level = 200 * seasonalFactor(curve, periodStart) * Math.exp(normal() * 0.12);
        return {
          periodStart,
          value: Math.round(level * Math.exp((growth * (i - weeks + 1)) / 52)),
        };
      });
      const trend = analyzeTrend(points);
      if (trend?.yearlyChangeKnown === false) {
        unknown += 1;
        continue;
      }
      const estimated = (trend?.yearlyChangePct ?? 0) / 100;
      errors.push(Math.abs(Math.log(1 + estimated) - growth));
      const [said, truth] = [direction(estimated), direction(Math.exp(growth) - 1)];
      if (said !== 'flat' && truth !== 'flat' && said !== truth) opposite += 1;
      if (said === 'flat' && Math.abs(growth) > Math.log(1.35)) missed += 1;
    }
  }
  process.stdout.write(
    `${String(weeks).padStart(3)} weeks: cannot tell ${unknown}/${unknown + errors.length}; of the others: |log error| median ${errors.length ? quantile(errors, 0.5).toFixed(3) : '-'}, p90 ${errors.length ? quantile(errors, 0.9).toFixed(3) : '-'}; opposite direction ${opposite}, over 35% called steady ${missed}\n`,
  );
}
