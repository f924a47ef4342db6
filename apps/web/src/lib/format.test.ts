import { describe, expect, it } from 'vitest';
import {
  competitionLevel,
  formatMoney,
  formatPriceBand,
  formatRange,
  formatVolume,
} from './format';

describe('format', () => {
  it('formats volumes compactly and marks unknown values', () => {
    expect(formatVolume(2_400)).toBe('2.4K');
    expect(formatVolume(null)).toBe('—');
    expect(formatRange(1_600, 3_500)).toBe('likely 1.6K–3.5K a month');
    expect(formatMoney(0.5)).toBe('$0.50');
  });

  it('labels price bands with the decimals that tell them apart', () => {
    // Rounded to whole dollars, bands of a page of $1-$7 printables read "2–2", "4–4".
    expect(formatPriceBand(1.5, 2.08)).toBe('1.50–2.08');
    expect(formatPriceBand(20, 45.5)).toBe('20–46');
    expect(formatPriceBand(1.5, 2.08, 'fr')).toBe('1,50–2,08');
  });

  it('turns competition into a level', () => {
    expect(competitionLevel(0.1)).toBe('low');
    expect(competitionLevel(0.3)).toBe('medium');
    expect(competitionLevel(0.6)).toBe('high');
    expect(competitionLevel(0.9)).toBe('very high');
    expect(competitionLevel(null)).toBeNull();
  });
});
