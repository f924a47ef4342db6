import type { Email } from '../mail/mailer';
import copy from './email-copy.json';
import { labelled, messageLocale } from './format-message';

/** An event as emailed: its text, and the web app's page about it (a path) when it has one. */
type Item = { title: string; body: string; link?: string | null };

/** One event (its own subject) or a digest of several, as text and HTML, in the user's language. */
export function renderEventEmail(options: {
  to: string;
  locale: string;
  appUrl: string;
  items: Item[];
}): Email {
  const lang = messageLocale(options.locale);
  const t = copy[lang];
  const app = options.appUrl.replace(/\/$/, '');
  const link = `${app}/notifications`;
  const [first] = options.items;
  const subject =
    options.items.length === 1 && first
      ? labelled(lang, 'Digitallz', first.title)
      : t.digestSubject.replace('{count}', String(options.items.length));
  const text = [
    t.intro,
    '',
    ...options.items.flatMap((i) => [
      `* ${i.title}`,
      `  ${i.body}`,
      ...(i.link ? [`  ${app}${i.link}`] : []),
      '',
    ]),
    labelled(lang, t.action, link),
    '',
    t.outro,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;max-width:600px">
<p>${escapeHtml(t.intro)}</p>
<ul>${options.items.map((i) => `<li><strong>${i.link ? `<a href="${escapeHtml(app + i.link)}">${escapeHtml(i.title)}</a>` : escapeHtml(i.title)}</strong><br>${escapeHtml(i.body)}</li>`).join('')}</ul>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t.action)}</a></p>
<p style="color:#555;font-size:14px">${escapeHtml(t.outro)}</p>
</body></html>`;
  return { to: options.to, subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
