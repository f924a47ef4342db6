/**
 * Ridge least squares by the normal equations and Gauss-Jordan elimination: the models here have
 * a handful of features, so a library would add weight without adding anything.
 */
export function fitLeastSquares(rows: number[][], targets: number[], ridge = 1e-3): number[] {
  const d = rows[0]?.length ?? 0;
  const a = Array.from({ length: d }, () => new Array<number>(d + 1).fill(0));
  rows.forEach((x, i) => {
    for (let j = 0; j < d; j++) {
      const row = a[j] as number[];
      row[d] = (row[d] as number) + (x[j] as number) * (targets[i] as number);
      for (let k = 0; k < d; k++) row[k] = (row[k] as number) + (x[j] as number) * (x[k] as number);
    }
  });
  for (let j = 1; j < d; j++)
    (a[j] as number[])[j] = ((a[j] as number[])[j] as number) + ridge * rows.length;
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++)
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number))
        pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const top = a[c] as number[];
    if (Math.abs(top[c] as number) < 1e-12) continue;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const row = a[r] as number[];
      const factor = (row[c] as number) / (top[c] as number);
      for (let k = c; k <= d; k++) row[k] = (row[k] as number) - factor * (top[k] as number);
    }
  }
  return a.map((row, i) =>
    Math.abs(row[i] as number) < 1e-12 ? 0 : (row[d] as number) / (row[i] as number),
  );
}

export function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** The q-quantile of sorted values (linear interpolation). */
export function quantileSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}
