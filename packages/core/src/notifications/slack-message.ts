import type { EventEnvelope } from './event-catalog';

/** An event in Slack's incoming-webhook format: a plain-text fallback and a section with a link. */
export function slackMessage(event: EventEnvelope, appUrl: string) {
  const link = `${appUrl.replace(/\/$/, '')}/notifications`;
  const slackText = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    text: `${event.title}: ${event.body}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${slackText(event.title)}*\n${slackText(event.body)}` },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${event.type} · <${link}|Open in Digitallz>` }],
      },
    ],
  };
}
