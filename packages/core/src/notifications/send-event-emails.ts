import { notificationLink } from '@digitallz/contracts';
import { queryRows, sql } from '@digitallz/db';
import { localizeEvent } from './describe-event';
import type { NotifyDeps } from './notify-deps';
import { renderEventEmail } from './render-event-email';

type Pending = { id: string; type: string; title: string; body: string; data: unknown };
type Recipient = { user_id: string; email: string; locale: string };

/**
 * Sends a user's events not yet emailed: one email per event in `immediate` mode (the job queued
 * with the event), and one digest per user whose daily or weekly period is over (the hourly job).
 * Each event is emailed once: it is marked in the same statement that claims it.
 */
export async function sendEventEmails(
  deps: Pick<NotifyDeps, 'db' | 'mailer' | 'appUrl' | 'clock'>,
  input: { notificationId?: string },
): Promise<{ emails: number; events: number }> {
  const now = deps.clock();
  const recipients = await queryRows<Recipient>(
    deps.db,
    input.notificationId
      ? sql`select u.id as user_id, u.email, u.locale from notifications n join users u on u.id = n.user_id
            left join notification_settings s on s.user_id = u.id
            where n.id = ${input.notificationId}::uuid and coalesce(s.email_mode, 'daily') = 'immediate'
              and u.email_verified_at is not null`
      : sql`select u.id as user_id, u.email, u.locale from users u
            left join notification_settings s on s.user_id = u.id
            where u.email_verified_at is not null and coalesce(s.email_mode, 'daily') <> 'off'
              and (coalesce(s.email_mode, 'daily') = 'immediate'
                or s.last_digest_at is null
                or s.last_digest_at <= ${now.toISOString()}::timestamptz -
                   case s.email_mode when 'weekly' then interval '7 days' else interval '1 day' end)
              and exists (select 1 from notifications n where n.user_id = u.id and n.emailed_at is null
                          and n.type <> 'webhook.test')`,
  );
  let emails = 0;
  let events = 0;
  for (const user of recipients) {
    const sent = await deps.db.transaction(async (tx) => {
      const items = await queryRows<Pending>(
        tx as never,
        sql`update notifications set emailed_at = ${now.toISOString()}::timestamptz
            where id in (select id from notifications where user_id = ${user.user_id}::uuid
              and emailed_at is null and type <> 'webhook.test'
              ${input.notificationId ? sql`and id = ${input.notificationId}::uuid` : sql``}
              and created_at > ${now.toISOString()}::timestamptz - interval '14 days'
              order by created_at limit 50 for update skip locked)
            returning id, type, title, body, data`,
      );
      if (items.length === 0) return 0;
      // Sent inside the transaction: a failed send leaves the events unmarked for the next run.
      await deps.mailer.send(
        renderEventEmail({
          to: user.email,
          locale: user.locale,
          appUrl: deps.appUrl,
          // In the user's language, from each event's facts (`localizeEvent`), each with its page.
          items: items.map((item) => ({
            ...localizeEvent(item, user.locale),
            link: notificationLink(item),
          })),
        }),
      );
      if (!input.notificationId)
        await tx.execute(sql`
          insert into notification_settings (user_id, last_digest_at) values (${user.user_id}::uuid, ${now.toISOString()}::timestamptz)
          on conflict (user_id) do update set last_digest_at = excluded.last_digest_at`);
      return items.length;
    });
    if (sent > 0) {
      emails++;
      events += sent;
    }
  }
  return { emails, events };
}
