/**
 * npm run train:volume -- [--keywords 100000] [--seed 11]
 *
 * Calibrates the volume model on a sandbox world's hidden truth (a different seed from the one
 * bench:volume measures on) and writes packages/core/src/intelligence/volume/volume-model.json.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PLATFORMS } from '@digitallz/contracts';
import { fitVolumeModel, type VolumeSample } from '@digitallz/core';
import { startSandboxServer } from '@digitallz/sandbox';
import { observeMarket } from './lib/observe-market';

const { values } = parseArgs({
  options: {
    keywords: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '11' },
  },
});
const sandbox = await startSandboxServer({
  keywords: Number(values.keywords),
  seed: Number(values.seed),
  asOf: new Date('2026-11-23T00:00:00Z'),
});
const samples: VolumeSample[] = [];
for (const platform of PLATFORMS) {
  const observed = await observeMarket(sandbox, { platform, seeds: 400, budget: 60 });
  process.stdout.write(`${platform}: ${observed.length} keywords observed\n`);
  samples.push(...observed);
}
await sandbox.close();
const model = fitVolumeModel(samples, {
  version: `sandbox-${values.keywords}-seed${values.seed}`,
  calibratedOn: `sandbox world of ${Number(values.keywords).toLocaleString('en-US')} keywords (seed ${values.seed}), hidden truth`,
});
const path = new URL('../packages/core/src/intelligence/volume/volume-model.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(model, null, 2)}\n`);
process.stdout.write(`model written to ${path.pathname}\n`);
