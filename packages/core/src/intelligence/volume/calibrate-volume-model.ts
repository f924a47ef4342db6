import { PLATFORMS, type Platform } from '@digitallz/contracts';
import { dot, quantileSorted } from '../least-squares';
import { type EvidenceKind, evidenceKind, volumeFeatures } from './volume-features';
import { EVIDENCE_KINDS, type VolumeModel, type VolumeSample } from './volume-model';

/** Fewer known volumes than this say nothing reliable about a level. */
export const MIN_CALIBRATION_SAMPLES = 10;

export type CalibrationReport = Partial<
  Record<Platform, { samples: number; offsets: Partial<Record<EvidenceKind, number>> }>
>;

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Moves a trained model onto the level of volumes the user knows (imported reports): each
 * evidence kind's intercept shifts by the median log10 error on the samples of that kind, or of
 * the platform when a kind has too few. The shape of the model (what ranks above what) is kept,
 * since a few hundred report rows cannot retrain it; the 80% interval widens when the known
 * volumes scatter more around the shifted model than the training data did.
 */
export function calibrateVolumeModel(
  model: VolumeModel,
  samples: VolumeSample[],
  source: string,
): { model: VolumeModel; report: CalibrationReport } {
  const platforms = structuredClone(model.platforms);
  const report: CalibrationReport = {};
  for (const platform of PLATFORMS) {
    const errors = new Map<EvidenceKind, number[]>(EVIDENCE_KINDS.map((k) => [k, []]));
    for (const sample of samples) {
      if (sample.evidence.platform !== platform || sample.volume <= 0) continue;
      const kind = evidenceKind(sample.evidence);
      const fit = model.platforms[platform][kind];
      if (!fit) continue;
      const predicted = dot(fit.coefficients, volumeFeatures(sample.evidence, kind));
      errors.get(kind)?.push(Math.log10(sample.volume) - predicted);
    }
    const pooled = [...errors.values()].flat().sort((a, b) => a - b);
    if (pooled.length < MIN_CALIBRATION_SAMPLES) continue;
    const pooledOffset = quantileSorted(pooled, 0.5);
    const offsets: Partial<Record<EvidenceKind, number>> = {};
    for (const kind of EVIDENCE_KINDS) {
      const fit = platforms[platform][kind];
      if (!fit) continue;
      const own = (errors.get(kind) ?? []).sort((a, b) => a - b);
      const offset =
        own.length >= MIN_CALIBRATION_SAMPLES ? quantileSorted(own, 0.5) : pooledOffset;
      const centred = (own.length >= MIN_CALIBRATION_SAMPLES ? own : pooled).map((e) => e - offset);
      fit.coefficients[0] = round((fit.coefficients[0] ?? 0) + offset, 6);
      fit.residualP10 = round(Math.min(fit.residualP10, quantileSorted(centred, 0.1)), 4);
      fit.residualP90 = round(Math.max(fit.residualP90, quantileSorted(centred, 0.9)), 4);
      offsets[kind] = round(offset, 4);
    }
    report[platform] = { samples: pooled.length, offsets };
  }
  const calibrated = Object.keys(report).length > 0;
  return {
    model: calibrated
      ? {
          ...model,
          version: `${model.version}+calibrated`,
          calibratedOn: `${model.calibratedOn}; then ${source}`,
          platforms,
        }
      : model,
    report,
  };
}
