import { AppError } from '../../errors';
import { dot } from '../least-squares';
import {
  type EvidenceKind,
  evidenceKind,
  type VolumeEvidence,
  volumeFeatures,
} from './volume-features';
import type { VolumeModel } from './volume-model';

export type VolumeEstimate = {
  /** Estimated monthly searches. */
  volume: number;
  /** 80% interval. */
  low: number;
  high: number;
  evidence: EvidenceKind;
  /** One sentence a seller can read: what the estimate rests on. */
  explanation: string;
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Monthly searches of one keyword with its 80% interval, from what the pipeline observed. */
export function estimateVolume(model: VolumeModel, evidence: VolumeEvidence): VolumeEstimate {
  const kind = evidenceKind(evidence);
  const fit = model.platforms[evidence.platform]?.[kind];
  if (!fit) throw new AppError('INTERNAL', `No ${kind} volume model for ${evidence.platform}`);
  const log = dot(fit.coefficients, volumeFeatures(evidence, kind));
  const volume = Math.max(1, Math.round(10 ** log));
  const low = Math.max(0, Math.round(10 ** (log + fit.residualP10)));
  const high = Math.max(volume, Math.round(10 ** (log + fit.residualP90)));
  return {
    volume,
    low: Math.min(low, volume),
    high,
    evidence: kind,
    explanation: explain(evidence, low, high),
  };
}

function explain(evidence: VolumeEvidence, low: number, high: number): string {
  const parts: string[] = [];
  const ac = evidence.autocomplete;
  if (ac)
    parts.push(
      `suggested at position ${ac.bestPosition} after typing ${ac.shortestPrefix} characters, under ${ac.prefixCount} prefix${ac.prefixCount === 1 ? '' : 'es'}`,
    );
  const s = evidence.search;
  if (s) {
    parts.push(`${fmt(s.listingCount)} competing listings`);
    if (s.favouritesMedian !== null)
      parts.push(`top listings' median ${fmt(s.favouritesMedian)} favourites`);
    if (s.salesRankMedian !== null)
      parts.push(`top listings' median Best Sellers Rank ${fmt(s.salesRankMedian)}`);
  }
  const basis = parts.length
    ? parts.join('; ')
    : 'no marketplace observation yet (word count only)';
  return `From ${basis}. 80% range ${fmt(low)}-${fmt(high)} searches a month.`;
}
