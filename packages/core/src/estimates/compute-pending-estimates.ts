import type { Platform } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { VolumeModel } from '../intelligence/volume/volume-model';
import { computeKeywordEstimates } from './compute-keyword-estimates';
import { loadVolumeModel } from './load-volume-model';

export type ComputePendingInput = { platform?: Platform; marketplace?: string; batch: number };

/**
 * Estimates every keyword whose data changed, batch after batch until none is left, for one
 * platform and marketplace or for all of them (the scheduled sweep). `onBatch` hears of each
 * batch written, with its keywords (the job invalidates cached answers there). Without a model
 * given, each platform and marketplace uses the committed one calibrated on the volumes imported
 * for it.
 */
export async function computePendingEstimates(
  deps: { db: Db; clock: () => Date; model?: VolumeModel },
  input: ComputePendingInput,
  onBatch: (
    platform: Platform,
    marketplace: string,
    keywords: string[],
  ) => Promise<void> = async () => {},
): Promise<{ computed: number }> {
  const targets = input.platform
    ? [{ platform: input.platform, marketplace: input.marketplace ?? 'US' }]
    : await queryRows<{ platform: Platform; marketplace: string }>(
        deps.db,
        sql`select distinct platform, marketplace from keyword_data where source <> 'demo' order by 1, 2`,
      );
  let computed = 0;
  for (const target of targets) {
    const model = deps.model ?? (await loadVolumeModel(deps.db, target));
    for (;;) {
      const batch = await computeKeywordEstimates(
        { ...deps, model },
        { ...target, limit: input.batch },
      );
      computed += batch.computed;
      if (batch.computed > 0) await onBatch(target.platform, target.marketplace, batch.keywords);
      if (batch.computed < input.batch) break;
    }
  }
  return { computed };
}
