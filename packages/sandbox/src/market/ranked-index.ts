const BLOCK = 1_024;
/** Each block keeps its best this many positions; larger asks fall back to a scan. */
const KEEP = 40;

/** The highest values of any range of a fixed array, for autocomplete over millions of keywords. */
export type RankedIndex = {
  /** Positions in [lo, hi) with the `limit` highest values, highest first (ties: lower position). */
  topIn(lo: number, hi: number, limit: number): number[];
};

/**
 * Block decomposition: every block of 1,024 positions keeps its 40 best, sorted. A range query
 * scans its two partial blocks and walks each full block's list only while it beats the current
 * k-th best, so a prefix matching millions of keywords costs a few thousand reads.
 */
export function createRankedIndex(values: Int32Array): RankedIndex {
  const blocks = Math.ceil(values.length / BLOCK);
  const best = new Int32Array(blocks * KEEP).fill(-1);
  for (let b = 0; b < blocks; b++) {
    const top: number[] = [];
    const end = Math.min(values.length, (b + 1) * BLOCK);
    for (let i = b * BLOCK; i < end; i++) offer(top, i, values, KEEP);
    best.set(top, b * KEEP);
  }

  return {
    topIn(lo, hi, limit) {
      const top: number[] = [];
      if (limit > KEEP || hi - lo < 2 * BLOCK) {
        for (let i = lo; i < hi; i++) offer(top, i, values, limit);
        return top;
      }
      const firstFull = Math.ceil(lo / BLOCK);
      const lastFull = Math.floor(hi / BLOCK);
      for (let i = lo; i < firstFull * BLOCK; i++) offer(top, i, values, limit);
      for (let b = firstFull; b < lastFull; b++) {
        for (let k = b * KEEP; k < (b + 1) * KEEP; k++) {
          const position = best[k] as number;
          if (position < 0 || !offer(top, position, values, limit)) break;
        }
      }
      for (let i = lastFull * BLOCK; i < hi; i++) offer(top, i, values, limit);
      return top;
    },
  };
}

/** Inserts `position` into the sorted `top` if it makes the cut; false when it does not. */
function offer(top: number[], position: number, values: Int32Array, limit: number): boolean {
  const value = values[position] as number;
  if (top.length === limit && value <= (values[top[limit - 1] as number] as number)) return false;
  let at = top.length;
  while (at > 0 && (values[top[at - 1] as number] as number) < value) at--;
  top.splice(at, 0, position);
  if (top.length > limit) top.pop();
  return true;
}
