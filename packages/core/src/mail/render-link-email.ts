import type { Email } from './mailer';
import templates from './templates.json';

export type LinkEmailKind = keyof (typeof templates)['en'];

/** A one-button email (text and HTML) in the user's language, English when it has none. */
export function renderLinkEmail(options: {
  kind: LinkEmailKind;
  to: string;
  link: string;
  locale?: string;
}): Email {
  const language = options.locale === 'fr' ? 'fr' : 'en';
  const t = templates[language][options.kind];
  const link = escapeHtml(options.link);
  return {
    to: options.to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}: ${options.link}\n\n${t.outro}\n`,
    html: `<!doctype html><html lang="${language}"><body style="font-family:system-ui,sans-serif;max-width:560px">
<p>${escapeHtml(t.intro)}</p>
<p><a href="${link}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t.action)}</a></p>
<p style="color:#555;font-size:14px">${escapeHtml(t.outro)}</p>
</body></html>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
