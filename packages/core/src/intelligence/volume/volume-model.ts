import { PLATFORMS, type Platform } from '@digitallz/contracts';
import { dot, fitLeastSquares, quantileSorted } from '../least-squares';
import {
  type EvidenceKind,
  evidenceKind,
  type VolumeEvidence,
  volumeFeatures,
} from './volume-features';

export const EVIDENCE_KINDS: EvidenceKind[] = ['full', 'autocomplete', 'search', 'none'];

/** One regression of log10 monthly searches, with the spread of its errors. */
export type VolumeFit = {
  coefficients: number[];
  /** 10th and 90th percentiles of the training residuals (log10): the 80% interval. */
  residualP10: number;
  residualP90: number;
  samples: number;
};

export type VolumeModel = {
  version: string;
  /** What the model was calibrated on (sandbox truth, imported reports). */
  calibratedOn: string;
  platforms: Record<Platform, Partial<Record<EvidenceKind, VolumeFit>>>;
};

export type VolumeSample = { evidence: VolumeEvidence; volume: number };

/** The evidence a sample would give with less observed: a full sample trains every model. */
function weaker(evidence: VolumeEvidence, kind: EvidenceKind): VolumeEvidence | null {
  const have = evidenceKind(evidence);
  if (have === kind) return evidence;
  if (have !== 'full' && kind !== 'none') return null;
  return {
    ...evidence,
    autocomplete: kind === 'autocomplete' || kind === 'full' ? evidence.autocomplete : null,
    search: kind === 'search' || kind === 'full' ? evidence.search : null,
  };
}

/** Fits one regression per platform and evidence kind on samples with a known volume. */
export function fitVolumeModel(
  samples: VolumeSample[],
  meta: { version: string; calibratedOn: string },
  minSamples = 50,
): VolumeModel {
  const platforms = Object.fromEntries(PLATFORMS.map((p) => [p, {}])) as VolumeModel['platforms'];
  for (const platform of PLATFORMS) {
    for (const kind of EVIDENCE_KINDS) {
      const rows: number[][] = [];
      const targets: number[] = [];
      for (const sample of samples) {
        if (sample.evidence.platform !== platform || sample.volume <= 0) continue;
        const evidence = weaker(sample.evidence, kind);
        if (!evidence) continue;
        rows.push(volumeFeatures(evidence, kind));
        targets.push(Math.log10(sample.volume));
      }
      if (rows.length < minSamples) continue;
      const coefficients = fitLeastSquares(rows, targets);
      const residuals = rows.map((x, i) => (targets[i] as number) - dot(coefficients, x));
      residuals.sort((a, b) => a - b);
      platforms[platform][kind] = {
        coefficients: coefficients.map((c) => Math.round(c * 1e6) / 1e6),
        residualP10: Math.round(quantileSorted(residuals, 0.1) * 1e4) / 1e4,
        residualP90: Math.round(quantileSorted(residuals, 0.9) * 1e4) / 1e4,
        samples: rows.length,
      };
    }
  }
  return { ...meta, platforms };
}
