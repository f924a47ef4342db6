import { NotificationPageSchema, notificationLink } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { markAllReadAction } from '../../actions/notifications';
import { apiFetch } from '../../lib/api';
import { apiErrorText } from '../../lib/api-error-text';
import { currentAccount } from '../../lib/session';

export default async function NotificationsPage() {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/notifications');
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  const result = await apiFetch('/api/v1/notifications?limit=100', NotificationPageSchema);
  if (!result.ok) return <p role="alert">{await apiErrorText(result)}</p>;
  const { data, unread } = result.data;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        {unread > 0 ? (
          <form action={markAllReadAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              {t('markAllRead', { count: unread })}
            </button>
          </form>
        ) : null}
      </div>
      <p className="text-slate-700">
        {t('lead')}{' '}
        <a href="/account/alerts" className="text-indigo-800 underline">
          {t('settingsLink')}
        </a>
      </p>
      {data.length === 0 ? (
        <p className="text-slate-700">{t('none')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {data.map((n) => {
            const link = notificationLink(n);
            return (
              <li
                key={n.id}
                data-testid="notification"
                className={`rounded-lg border p-4 ${n.readAt ? 'border-slate-200' : 'border-indigo-300 bg-indigo-50'}`}
              >
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">
                    {n.readAt ? null : <span className="sr-only">{t('unread')}: </span>}
                    {link ? (
                      <a href={link} className="text-indigo-800 underline-offset-2 hover:underline">
                        {n.title}
                      </a>
                    ) : (
                      n.title
                    )}
                  </span>
                  <time dateTime={n.createdAt} className="text-xs text-slate-600">
                    {format.dateTime(new Date(n.createdAt), {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    })}
                  </time>
                </p>
                <p className="mt-1 text-sm text-slate-800">{n.body}</p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
