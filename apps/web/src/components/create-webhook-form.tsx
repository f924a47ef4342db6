'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type CreateWebhookState, createWebhookAction } from '../actions/notifications';
import { buttonClass, Field, FormError } from './field';

const EVENTS = [
  'keyword.alert',
  'batch.completed',
  'batch.failed',
  'import.completed',
  'import.failed',
  'subscription.changed',
];

/** Adds a webhook or Slack endpoint; a webhook's signing secret is shown this once. */
export function CreateWebhookForm() {
  const t = useTranslations('alerts');
  const [state, action, pending] = useActionState<CreateWebhookState, FormData>(
    createWebhookAction,
    undefined,
  );
  return (
    <form action={action} className="flex flex-col gap-4 rounded-lg border border-slate-300 p-4">
      <FormError message={state?.error} />
      {state?.secret ? (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3"
        >
          <p className="text-sm text-emerald-900">{t('secretOnce')}</p>
          <code
            data-testid="webhook-secret"
            className="break-all rounded bg-white px-2 py-1 text-sm"
          >
            {state.secret}
          </code>
        </div>
      ) : null}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{t('kind')}</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="webhook" defaultChecked /> {t('kindWebhook')}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="slack" /> {t('kindSlack')}
          </label>
        </div>
      </fieldset>
      <Field id="webhook-url" name="url" type="url" label={t('url')} required maxLength={2000} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{t('events')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={event === 'keyword.alert'}
              />
              <code>{event}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={buttonClass} disabled={pending}>
        {t('addEndpoint')}
      </button>
    </form>
  );
}
