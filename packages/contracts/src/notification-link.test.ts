import { describe, expect, it } from 'vitest';
import { notificationLink } from './notification-link';

describe('notificationLink', () => {
  it('takes an alert to its keyword, a new related keyword to the new one', () => {
    const at = { keyword: 'wedding planner', platform: 'etsy', marketplace: 'UK' };
    expect(
      notificationLink({ type: 'keyword.alert', data: { rule: 'volume_change', ...at } }),
    ).toBe('/keywords/etsy/wedding%20planner?marketplace=UK');
    expect(
      notificationLink({
        type: 'keyword.alert',
        data: { rule: 'new_related', ...at, related: 'wedding planner pdf' },
      }),
    ).toBe('/keywords/etsy/wedding%20planner%20pdf?marketplace=UK');
  });

  it('takes batches, imports and plan changes to their pages, and nothing else anywhere', () => {
    expect(notificationLink({ type: 'batch.completed', data: { batchId: 'b-1' } })).toBe(
      '/batches/b-1',
    );
    expect(notificationLink({ type: 'import.failed', data: { importId: 3 } })).toBe('/imports');
    expect(notificationLink({ type: 'subscription.changed', data: {} })).toBe('/account');
    expect(notificationLink({ type: 'keyword.alert', data: {} })).toBeNull();
    expect(notificationLink({ type: 'webhook.test', data: {} })).toBeNull();
  });
});
