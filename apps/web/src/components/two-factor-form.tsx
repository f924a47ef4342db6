'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type FormState, twoFactorAction } from '../actions/auth';
import { buttonClass, Field, FormError } from './field';

export function TwoFactorForm({ challenge, returnTo }: { challenge: string; returnTo: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<FormState, FormData>(twoFactorAction, undefined);
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="challenge" value={challenge} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <FormError message={state?.error} />
      <Field
        id="code"
        name="code"
        label={t('code')}
        autoComplete="one-time-code"
        inputMode="text"
        required
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t('verify')}
      </button>
    </form>
  );
}
