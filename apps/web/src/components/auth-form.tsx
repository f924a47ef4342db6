'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type FormState, signInAction, signUpAction } from '../actions/auth';
import { buttonClass, Field, FormError } from './field';

/** Email and password, for signing in or up; errors from the API are shown in place. */
export function AuthForm({ mode, returnTo }: { mode: 'sign-in' | 'sign-up'; returnTo: string }) {
  const t = useTranslations('auth');
  const [state, action, pending] = useActionState<FormState, FormData>(
    mode === 'sign-in' ? signInAction : signUpAction,
    undefined,
  );
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="returnTo" value={returnTo} />
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
      <Field
        id="password"
        name="password"
        type="password"
        label={t('password')}
        autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
        hint={mode === 'sign-up' ? t('passwordHint') : undefined}
        minLength={mode === 'sign-up' ? 10 : undefined}
        required
      />
      <button type="submit" className={buttonClass} disabled={pending}>
        {mode === 'sign-in' ? t('signIn') : t('signUp')}
      </button>
    </form>
  );
}
