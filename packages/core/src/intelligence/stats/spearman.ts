import { pearson } from './correlation';

/** Ranks from 1, ties sharing their average rank. */
export function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (
      end + 1 < order.length &&
      (order[end + 1] as readonly [number, number])[0] ===
        (order[k] as readonly [number, number])[0]
    )
      end++;
    for (let j = k; j <= end; j++)
      ranks[(order[j] as readonly [number, number])[1]] = (k + end) / 2 + 1;
    k = end + 1;
  }
  return ranks;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled). */
export function spearman(a: number[], b: number[]): number {
  return pearson(averageRanks(a), averageRanks(b));
}
