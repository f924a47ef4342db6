import { notificationLink } from '@digitallz/contracts';
import { localizeEvent } from './describe-event';
import type { EventEnvelope } from './event-catalog';
import { labelled, messageLocale } from './format-message';

const OPEN = { en: 'Open in Digitallz', fr: 'Ouvrir dans Digitallz' };

/**
 * An event in Slack's incoming-webhook format: a plain-text fallback and a section with a link to
 * its page in the web app (the inbox when it has none), in the language of the endpoint's owner
 * (people read Slack; webhooks, for programs, keep the English text and the figures).
 */
export function slackMessage(event: EventEnvelope, appUrl: string, locale = 'en') {
  const lang = messageLocale(locale);
  const { title, body } = localizeEvent(event, lang);
  const link = `${appUrl.replace(/\/$/, '')}${notificationLink(event) ?? '/notifications'}`;
  const slackText = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    text: labelled(lang, title, body),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${slackText(title)}*\n${slackText(body)}` },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${event.type} · <${link}|${OPEN[lang]}>` }],
      },
    ],
  };
}
