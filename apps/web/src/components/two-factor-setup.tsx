'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState, useTransition } from 'react';
import {
  enableTwoFactorAction,
  startTwoFactorAction,
  type TwoFactorState,
} from '../actions/account';
import { buttonClass, Field, FormError } from './field';

/** Turn 2FA on: show the secret to add to an authenticator app, confirm with a code, keep the recovery codes. */
export function TwoFactorSetup() {
  const t = useTranslations('account');
  const [setup, setSetup] = useState<TwoFactorState>(undefined);
  const [pending, start] = useTransition();
  const [state, action, confirming] = useActionState<TwoFactorState, FormData>(
    enableTwoFactorAction,
    undefined,
  );
  if (state?.recoveryCodes)
    return (
      <div role="status" className="flex flex-col gap-2">
        <p>{t('recoveryCodes')}</p>
        <ul className="grid grid-cols-2 gap-1 font-mono text-sm">
          {state.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </div>
    );
  if (!setup?.secret)
    return (
      <div className="flex flex-col gap-2">
        <FormError message={setup?.error} />
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          onClick={() => start(async () => setSetup(await startTwoFactorAction()))}
        >
          {t('enable2fa')}
        </button>
      </div>
    );
  return (
    <form action={action} className="flex flex-col gap-3">
      <p className="text-sm">{t('scan')}</p>
      <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-2 py-1 text-sm">
        {setup.secret}
      </code>
      <a href={setup.otpauthUrl} className="text-sm text-indigo-800 underline">
        {t('openApp')}
      </a>
      <FormError message={state?.error} />
      <Field
        id="totp-code"
        name="code"
        label={t('code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
      />
      <button type="submit" className={buttonClass} disabled={confirming}>
        {t('confirm2fa')}
      </button>
    </form>
  );
}
