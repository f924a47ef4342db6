'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type CreateKeyState, createApiKeyAction } from '../actions/api-keys';
import { buttonClass, Field, FormError } from './field';

const SCOPES = [
  'keywords:read',
  'lists:read',
  'lists:write',
  'batches:read',
  'batches:write',
  'history:read',
  'imports:write',
];

export function CreateApiKeyForm() {
  const t = useTranslations('apiKeys');
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(
    createApiKeyAction,
    undefined,
  );
  return (
    <form action={action} className="flex flex-col gap-4 rounded-lg border border-slate-300 p-4">
      <FormError message={state?.error} />
      {state?.key ? (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3"
        >
          <p className="text-sm text-emerald-900">{t('created')}</p>
          <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 text-sm">
            {state.key}
          </code>
        </div>
      ) : null}
      <Field id="key-name" name="name" label={t('name')} required maxLength={100} />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{t('scopes')}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={scope === 'keywords:read'}
              />
              {scope}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={buttonClass} disabled={pending}>
        {t('create')}
      </button>
    </form>
  );
}
