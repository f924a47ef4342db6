import { describe, expect, it } from 'vitest';
import { type Baseline, checkAlertRule, type RuleInput } from './check-alert-rule';

const base: Baseline = {
  searchVolume: 1_000,
  competition: 0.4,
  trending: false,
  volumeAt: '2026-11-01T00:00:00.000Z',
  competitionAt: '2026-11-01T00:00:00.000Z',
};
const input = (
  current: Partial<RuleInput['current']>,
  extra: Partial<RuleInput> = {},
): RuleInput => ({
  keyword: 'wedding planner',
  platform: 'etsy',
  marketplace: 'US',
  baseline: base,
  current: { searchVolume: 1_000, competition: 0.4, trending: false, ...current },
  seasonality: null,
  now: new Date('2026-11-24T12:00:00Z'),
  ...extra,
});

describe('checkAlertRule', () => {
  it('fires on a volume change at or beyond the threshold, either way, and explains it', () => {
    const rule = { kind: 'volume_change' as const, threshold: 25 };
    expect(checkAlertRule(rule, input({ searchVolume: 1_240 }))).toBeNull();
    const up = checkAlertRule(rule, input({ searchVolume: 1_250 }));
    expect(up?.title).toBe('"wedding planner" search volume rose 25%');
    expect(up?.body).toBe(
      'Estimated monthly searches for "wedding planner" on Etsy US rose from 1,000 to 1,250 since Nov 1, 2026. Your rule: changes of 25% or more.',
    );
    expect(checkAlertRule(rule, input({ searchVolume: 600 }))?.title).toBe(
      '"wedding planner" search volume fell 40%',
    );
    expect(checkAlertRule(rule, input({ searchVolume: null }))).toBeNull();
  });

  it('fires on a competition rise in points, not on a fall', () => {
    const rule = { kind: 'competition_jump' as const, threshold: 15 };
    expect(checkAlertRule(rule, input({ competition: 0.54 }))).toBeNull();
    expect(checkAlertRule(rule, input({ competition: 0.2 }))).toBeNull();
    expect(checkAlertRule(rule, input({ competition: 0.6 }))?.body).toContain(
      'went from 40 to 60 out of 100',
    );
  });

  it('fires when trending starts or stops, with a key per day and state', () => {
    const rule = { kind: 'trending' as const, threshold: 1 };
    expect(checkAlertRule(rule, input({ trending: false }))).toBeNull();
    expect(checkAlertRule(rule, input({ trending: true }))?.dedupe).toBe(
      'trending:true:2026-11-24',
    );
    const stopped = checkAlertRule(rule, {
      ...input({ trending: false }),
      baseline: { ...base, trending: true },
    });
    expect(stopped?.title).toBe('"wedding planner" is no longer trending');
  });

  it('fires within the days ahead of the next seasonal peak, once per peak', () => {
    const rule = { kind: 'seasonal_peak' as const, threshold: 30 };
    const index = Array.from({ length: 12 }, (_, m) => (m === 1 ? 3 : 0.8));
    const february = { peakMonths: [2], index };
    // 1 February is 69 days after 24 November: too early; on 10 January it is 22 days away.
    expect(checkAlertRule(rule, input({}, { seasonality: february }))).toBeNull();
    const near = checkAlertRule(
      rule,
      input({}, { seasonality: february, now: new Date('2027-01-10T00:00:00Z') }),
    );
    expect(near?.title).toBe('"wedding planner" peaks in February: 22 days to go');
    expect(near?.dedupe).toBe('seasonal_peak:2027-02');
    expect(near?.body).toContain('about 3.0x an average month');
    expect(checkAlertRule(rule, input({}, { seasonality: null }))).toBeNull();
  });
});
