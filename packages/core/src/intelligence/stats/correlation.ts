/** Pearson's correlation of two series of the same length; NaN when either is constant. */
export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The least-squares line through `ys` against 0, 1, 2 ...: its slope and R squared. */
export function lineFit(ys: number[]): { slope: number; r2: number } {
  const n = ys.length;
  const mt = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let sty = 0;
  let stt = 0;
  let syy = 0;
  ys.forEach((y, t) => {
    sty += (t - mt) * (y - my);
    stt += (t - mt) ** 2;
    syy += (y - my) ** 2;
  });
  const slope = stt === 0 ? 0 : sty / stt;
  return { slope, r2: syy === 0 ? 0 : (sty * sty) / (stt * syy) };
}
