import type { VolumeBasis } from '@digitallz/contracts';
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
  /** What the estimate rests on, as figures: a client writes `explanation` in its reader's language from them. */
  basis: VolumeBasis;
  /** One sentence a seller can read: what the estimate rests on. */
  explanation: string;
};

/** The observations a volume estimate rests on (none of them: the word count alone). */
function volumeBasis(evidence: VolumeEvidence): VolumeBasis {
  const ac = evidence.autocomplete;
  const s = evidence.search;
  return {
    autocomplete: ac
      ? { position: ac.bestPosition, prefixLength: ac.shortestPrefix, prefixes: ac.prefixCount }
      : null,
    listingCount: s ? s.listingCount : null,
    favouritesMedian: s ? s.favouritesMedian : null,
    salesRankMedian: s ? s.salesRankMedian : null,
  };
}

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
  const basis = volumeBasis(evidence);
  return {
    volume,
    low: Math.min(low, volume),
    high,
    evidence: kind,
    basis,
    explanation: explain(basis, low, high),
  };
}

function explain(basis: VolumeBasis, low: number, high: number): string {
  const parts: string[] = [];
  const ac = basis.autocomplete;
  if (ac)
    parts.push(
      `suggested at position ${ac.position} after typing ${ac.prefixLength} characters, under ${ac.prefixes} prefix${ac.prefixes === 1 ? '' : 'es'}`,
    );
  if (basis.listingCount !== null) {
    parts.push(`${fmt(basis.listingCount)} competing listings`);
    if (basis.favouritesMedian !== null)
      parts.push(`top listings' median ${fmt(basis.favouritesMedian)} favourites`);
    if (basis.salesRankMedian !== null)
      parts.push(`top listings' median Best Sellers Rank ${fmt(basis.salesRankMedian)}`);
  }
  const from = parts.length ? parts.join('; ') : 'no marketplace observation yet (word count only)';
  return `From ${from}. 80% range ${fmt(low)}-${fmt(high)} searches a month.`;
}
