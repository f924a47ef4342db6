import { describe, expect, it } from 'vitest';
import { renderEventEmail } from './render-event-email';

const item = { title: 'Hausse des recherches', body: 'Plus 40 %', link: '/keywords/etsy/planner' };

describe('renderEventEmail', () => {
  it('writes a label and its text as each language does', () => {
    const fr = renderEventEmail({
      to: 'a@b.c',
      locale: 'fr',
      appUrl: 'https://app.example/',
      items: [item],
    });
    expect(fr.subject).toBe('Digitallz : Hausse des recherches');
    expect(fr.text).toContain('Ouvrir Digitallz : https://app.example/notifications');
    expect(fr.html).toContain('<html lang="fr">');
    const en = renderEventEmail({
      to: 'a@b.c',
      locale: 'en',
      appUrl: 'https://app.example',
      items: [item],
    });
    expect(en.subject).toBe('Digitallz: Hausse des recherches');
    expect(en.text).toContain('Open Digitallz: https://app.example/notifications');
    expect(en.text).toContain('  https://app.example/keywords/etsy/planner');
  });
});
