/**
 * npm run bench:volume -- [--keywords 100000] [--seed 7]
 *
 * How well the volume estimates recover a sandbox world's hidden truth. The committed model was
 * calibrated on another world (npm run train:volume, seed 11); this one is measured through the
 * real collectors over HTTP, exactly as the pipeline would see it. Prints Spearman rank
 * correlation, the median absolute error of log10 volume and the 80% interval coverage.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { PLATFORMS } from '@digitallz/contracts';
import {
  type EvidenceKind,
  estimateVolume,
  quantileSorted,
  spearman,
  type VolumeModel,
  type VolumeSample,
} from '@digitallz/core';
import { startSandboxServer } from '@digitallz/sandbox';
import model from '../packages/core/src/intelligence/volume/volume-model.json' with {
  type: 'json',
};
import { observeMarket } from './lib/observe-market';

const { values } = parseArgs({
  options: {
    keywords: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '7' },
  },
});
const out = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
const sandbox = await startSandboxServer({
  keywords: Number(values.keywords),
  seed: Number(values.seed),
  asOf: new Date('2026-11-23T00:00:00Z'),
});
out(
  `world: ${Number(values.keywords).toLocaleString('en-US')} keywords, ${sandbox.market.size.toLocaleString('en-US')} records (seed ${values.seed}); model: ${(model as VolumeModel).calibratedOn}`,
);

const report = (label: string, samples: VolumeSample[], kind?: EvidenceKind) => {
  const rows = samples.map((s) => {
    const evidence = kind === 'autocomplete' ? { ...s.evidence, search: null } : s.evidence;
    return { estimate: estimateVolume(model as VolumeModel, evidence), truth: s.volume };
  });
  if (rows.length === 0) return;
  const rho = spearman(
    rows.map((r) => r.estimate.volume),
    rows.map((r) => r.truth),
  );
  const errors = rows
    .map((r) => Math.abs(Math.log10(r.estimate.volume) - Math.log10(r.truth)))
    .sort((a, b) => a - b);
  const covered = rows.filter((r) => r.truth >= r.estimate.low && r.truth <= r.estimate.high);
  out(
    `${label.padEnd(28)} n=${String(rows.length).padStart(6)}  spearman=${rho.toFixed(3)}  median |log10 error|=${quantileSorted(errors, 0.5).toFixed(3)}  80% coverage=${((100 * covered.length) / rows.length).toFixed(1)}%`,
  );
};

const all: VolumeSample[] = [];
for (const platform of PLATFORMS) {
  const samples = await observeMarket(sandbox, { platform, seeds: 400, budget: 60 });
  all.push(...samples);
  report(`${platform} (autocomplete+search)`, samples);
  report(`${platform} (autocomplete only)`, samples, 'autocomplete');
}
report('all platforms', all);
await sandbox.close();
out(
  `${((Date.now() - started) / 1000).toFixed(0)} s; machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}`,
);
