import {
  AlertRulesSchema,
  DeliveriesSchema,
  NotificationSettingsSchema,
  WebhooksSchema,
} from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import {
  deleteWebhookAction,
  enableWebhookAction,
  setEmailModeAction,
  testWebhookAction,
  updateRuleAction,
} from '../../../actions/notifications';
import { CreateWebhookForm } from '../../../components/create-webhook-form';
import { FormError } from '../../../components/field';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

const small = 'rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50';

export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; tested?: string; outcome?: string }>;
}) {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/account/alerts');
  const query = await searchParams;
  const t = await getTranslations('alerts');
  const format = await getFormatter();
  const [settings, rules, hooks] = await Promise.all([
    apiFetch('/api/v1/notifications/settings', NotificationSettingsSchema),
    apiFetch('/api/v1/alert-rules', AlertRulesSchema),
    apiFetch('/api/v1/webhooks', WebhooksSchema),
  ]);
  const endpoints = hooks.ok ? hooks.data.data : [];
  const logs = await Promise.all(
    endpoints.map((e) => apiFetch(`/api/v1/webhooks/${e.id}/deliveries`, DeliveriesSchema)),
  );
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <FormError message={query.error} />

      <section aria-labelledby="email-heading" className="flex flex-col gap-3">
        <h2 id="email-heading" className="text-lg font-semibold">
          {t('email')}
        </h2>
        <form action={setEmailModeAction} className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
            {t('emailMode')}
            <select
              name="emailMode"
              defaultValue={settings.ok ? settings.data.emailMode : 'daily'}
              className="h-10 rounded-md border border-slate-400 bg-white px-2"
            >
              {(['immediate', 'daily', 'weekly', 'off'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`modes.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={small}>
            {t('save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="rules-heading" className="flex flex-col gap-3">
        <h2 id="rules-heading" className="text-lg font-semibold">
          {t('rules')}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t('rulesLead')}</p>
        <ul className="flex flex-col gap-2">
          {(rules.ok ? rules.data.data : []).map((rule) => (
            <li key={rule.id} className="rounded-md border border-slate-200 p-3">
              <form action={updateRuleAction} className="flex flex-wrap items-center gap-3 text-sm">
                <input type="hidden" name="id" value={rule.id} />
                <span className="min-w-56 font-medium">{t(`kinds.${rule.kind}`)}</span>
                {rule.kind === 'trending' ? (
                  <input type="hidden" name="threshold" value={rule.threshold} />
                ) : (
                  <label className="flex items-center gap-2">
                    {t(`units.${rule.kind}`)}
                    <input
                      type="number"
                      name="threshold"
                      min={1}
                      max={10000}
                      step="any"
                      defaultValue={rule.threshold}
                      className="h-9 w-24 rounded-md border border-slate-400 px-2"
                    />
                  </label>
                )}
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="enabled" defaultChecked={rule.enabled} />
                  {t('enabled')}
                </label>
                <button
                  type="submit"
                  className={small}
                  aria-label={`${t('save')} ${t(`kinds.${rule.kind}`)}`}
                >
                  {t('save')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="hooks-heading" className="flex flex-col gap-3">
        <h2 id="hooks-heading" className="text-lg font-semibold">
          {t('webhooks')}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t('webhooksLead')}</p>
        <CreateWebhookForm />
        {endpoints.map((e, i) => {
          const log = logs[i]?.ok ? (logs[i]?.data.data ?? []) : [];
          return (
            <article
              key={e.id}
              className="flex flex-col gap-2 rounded-lg border border-slate-300 p-4"
              data-testid="webhook"
            >
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <span className="rounded bg-slate-100 px-2 py-0.5">
                  {e.kind === 'slack' ? 'Slack' : 'Webhook'}
                </span>
                <code className="break-all">{e.url}</code>
                <span className={e.enabled ? 'text-emerald-800' : 'text-red-800'}>
                  {e.enabled ? t('on') : t('off')}
                </span>
              </p>
              <p className="text-sm text-slate-700">{e.events.join(', ')}</p>
              {e.disabledReason ? <p className="text-sm text-red-800">{e.disabledReason}</p> : null}
              {query.tested === e.id && query.outcome ? (
                <p role="status" className="text-sm font-medium" data-testid="test-outcome">
                  {t('testOutcome', { outcome: query.outcome })}
                </p>
              ) : null}
              <div className="flex flex-wrap gap-2">
                <form action={testWebhookAction}>
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" className={small}>
                    {t('sendTest')}
                  </button>
                </form>
                {e.enabled ? null : (
                  <form action={enableWebhookAction}>
                    <input type="hidden" name="id" value={e.id} />
                    <button type="submit" className={small}>
                      {t('enable')}
                    </button>
                  </form>
                )}
                <form action={deleteWebhookAction}>
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" className={`${small} border-red-400 text-red-800`}>
                    {t('delete')}
                  </button>
                </form>
              </div>
              {log.length > 0 ? (
                <details className="text-sm">
                  <summary className="cursor-pointer">
                    {t('deliveries', { count: log.length })}
                  </summary>
                  <table className="mt-2 w-full text-left">
                    <thead className="text-slate-700">
                      <tr>
                        <th scope="col" className="pr-3">
                          {t('event')}
                        </th>
                        <th scope="col" className="pr-3">
                          {t('status')}
                        </th>
                        <th scope="col" className="pr-3">
                          {t('attempts')}
                        </th>
                        <th scope="col">{t('when')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {log.slice(0, 20).map((d) => (
                        <tr key={d.id}>
                          <td className="pr-3">
                            <code>{d.type}</code>
                          </td>
                          <td className="pr-3">
                            {d.status}
                            {d.responseStatus
                              ? ` (HTTP ${d.responseStatus})`
                              : d.error
                                ? ` (${d.error})`
                                : ''}
                          </td>
                          <td className="pr-3">{d.attempts}</td>
                          <td>
                            {format.dateTime(new Date(d.createdAt), {
                              dateStyle: 'short',
                              timeStyle: 'short',
                            })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </article>
          );
        })}
      </section>
    </div>
  );
}
