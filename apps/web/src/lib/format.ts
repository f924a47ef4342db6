const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatVolume(value: number | null): string {
  return value === null ? '—' : compact.format(value);
}

export function formatRange(low: number | null, high: number | null): string | undefined {
  return low === null || high === null
    ? undefined
    : `likely ${compact.format(low)}–${compact.format(high)} a month`;
}

export function formatMoney(value: number | null): string {
  return value === null ? '—' : money.format(value);
}

export type CompetitionLevel = 'low' | 'medium' | 'high' | 'very high';

export function competitionLevel(value: number | null): CompetitionLevel | null {
  if (value === null) return null;
  if (value < 0.25) return 'low';
  if (value < 0.5) return 'medium';
  if (value < 0.75) return 'high';
  return 'very high';
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A price band's label in the reader's language, with the decimals that tell its ends apart:
 * cents for bands narrower than 10 (a band of $1.50 to $2.00 is not "2–2"), whole units beyond.
 */
export function formatPriceBand(from: number, to: number, locale = 'en-US'): string {
  const digits = to - from < 10 ? 2 : 0;
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${number.format(from)}–${number.format(to)}`;
}
