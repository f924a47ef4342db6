import { describe, expect, it } from 'vitest';
import { slackMessage } from './slack-message';

const alert = {
  id: 'evt_1',
  type: 'keyword.alert' as const,
  createdAt: '2026-11-25T09:00:00.000Z',
  title: '"wedding planner" is trending',
  body: 'Searches for "wedding planner" on Etsy US …',
  data: {
    rule: 'trending',
    keyword: 'wedding planner',
    platform: 'etsy',
    marketplace: 'US',
    trending: true,
  },
};

describe('slackMessage', () => {
  it("writes the event in its owner's language, linked to its page", () => {
    const fr = slackMessage(alert, 'https://app.example/', 'fr');
    expect(fr.text.startsWith('« wedding planner » est en tendance : ')).toBe(true);
    expect(fr.blocks[1]?.elements?.[0]?.text).toBe(
      'keyword.alert · <https://app.example/keywords/etsy/wedding%20planner?marketplace=US|Ouvrir dans Digitallz>',
    );
  });

  it('keeps the stored text of an event without figures, linked to the inbox', () => {
    const test = {
      ...alert,
      type: 'webhook.test' as const,
      title: 'Test event',
      body: 'x',
      data: {},
    };
    const en = slackMessage(test, 'https://app.example');
    expect(en.text).toBe('Test event: x');
    expect(en.blocks[1]?.elements?.[0]?.text).toBe(
      'webhook.test · <https://app.example/notifications|Open in Digitallz>',
    );
  });
});
