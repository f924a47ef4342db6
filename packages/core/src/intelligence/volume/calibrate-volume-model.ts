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
 * the platform's samples with evidence when a kind has too few. The shape of the model (what
 * ranks above what) is kept, since a few hundred report rows cannot retrain it; the 80% interval
 * widens when the known volumes scatter more around the shifted model than the training data did.
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
    // The kinds with evidence pooled, for a kind with too few samples of its own. Not 'none':
    // its fit is a prior (the usual volume of a keyword nothing is known of), and how far a
    // report's keywords stand above it says nothing of the level of the fits on evidence (a
    // report of 100,000 keywords not collected yet moved every estimate of the platform 500x).
    const backed = EVIDENCE_KINDS.filter((kind) => kind !== 'none')
      .flatMap((kind) => errors.get(kind) ?? [])
      .sort((a, b) => a - b);
    const offsets: Partial<Record<EvidenceKind, number>> = {};
    for (const kind of EVIDENCE_KINDS) {
      const fit = platforms[platform][kind];
      if (!fit) continue;
      const own = (errors.get(kind) ?? []).sort((a, b) => a - b);
      const basis =
        own.length >= MIN_CALIBRATION_SAMPLES
          ? own
          : backed.length >= MIN_CALIBRATION_SAMPLES
            ? backed
            : null;
      if (!basis) continue;
      const offset = quantileSorted(basis, 0.5);
      const centred = basis.map((e) => e - offset);
      fit.coefficients[0] = round((fit.coefficients[0] ?? 0) + offset, 6);
      fit.residualP10 = round(Math.min(fit.residualP10, quantileSorted(centred, 0.1)), 4);
      fit.residualP90 = round(Math.max(fit.residualP90, quantileSorted(centred, 0.9)), 4);
      offsets[kind] = round(offset, 4);
    }
    if (Object.keys(offsets).length === 0) continue;
    // The known volumes the offsets came from: those with evidence, and those without when
    // there were enough of them for an offset of their own.
    const none = errors.get('none')?.length ?? 0;
    report[platform] = {
      samples: backed.length + (none >= MIN_CALIBRATION_SAMPLES ? none : 0),
      offsets,
    };
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
