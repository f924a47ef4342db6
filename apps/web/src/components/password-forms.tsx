'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type FormState, forgotPasswordAction, resetPasswordAction } from '../actions/auth';
import { buttonClass, Field, FormError } from './field';

export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<FormState, FormData>(
    forgotPasswordAction,
    undefined,
  );
  if (state?.sent) return <p role="status">{t('resetSent')}</p>;
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormError message={state?.error} />
      <Field
        id="email"
        name="email"
        type="email"
        label={t('email')}
        autoComplete="email"
        required
        defaultValue={state?.email}
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t('sendReset')}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<FormState, FormData>(
    resetPasswordAction,
    undefined,
  );
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state?.error} />
      <Field
        id="password"
        name="password"
        type="password"
        label={t('newPassword')}
        hint={t('passwordHint')}
        autoComplete="new-password"
        minLength={10}
        required
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t('setPassword')}
      </button>
    </form>
  );
}
