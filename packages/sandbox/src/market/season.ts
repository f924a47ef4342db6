/** Milliseconds in a day. */
const DAY = 86_400_000;

/**
 * A season's demand factor for the week starting `periodStart` (an ISO Monday): the monthly
 * curve (12 factors, January first) read as each month's middle and joined by straight lines,
 * taken at the middle of the week. Demand so rises and falls over the weeks around a holiday
 * instead of jumping at the turn of a month: the week after Thanksgiving is already below its
 * peak, as it is in the real world, not at November's height until December begins.
 */
export function seasonalFactor(curve: readonly number[], periodStart: string): number {
  const middle = new Date(Date.parse(`${periodStart}T00:00:00Z`) + 3.5 * DAY);
  const year = middle.getUTCFullYear();
  const month = middle.getUTCMonth();
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const inMonth = (middle.getUTCDate() - 1 + middle.getUTCHours() / 24) / days;
  // Months from the middle of January.
  const position = month + inMonth - 0.5;
  const below = Math.floor(position);
  const share = position - below;
  const at = (m: number) => curve[((m % 12) + 12) % 12] ?? 1;
  return at(below) * (1 - share) + at(below + 1) * share;
}
