import { describe, expect, it } from 'vitest';
import { renderEventEmail } from './render-event-email';

const item = { title: 'Hausse des recherches', body: 'Plus 40 %', link: '/keywords/etsy/planner' };
const render = (locale: string, appUrl: string) =>
  renderEventEmail({ to: 'a@b.c', locale, appUrl, items: [item] });

describe('renderEventEmail', () => {
  it('writes a label and its text as each language does', () => {
    const fr = render('fr', 'https://app.example/');
    expect(fr.subject).toBe('Digitallz : Hausse des recherches');
    expect(fr.text).toContain('Ouvrir Digitallz : https://app.example/notifications');
    expect(fr.html).toContain('<html lang="fr">');
    const en = render('en', 'https://app.example');
    expect(en.subject).toBe('Digitallz: Hausse des recherches');
    expect(en.text).toContain('Open Digitallz: https://app.example/notifications');
    expect(en.text).toContain('  https://app.example/keywords/etsy/planner');
  });
});
