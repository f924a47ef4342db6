'use server';

import { RecoveryCodesSchema, RedirectUrlSchema, TwoFactorSetupSchema } from '@digitallz/contracts';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { apiFetch } from '../lib/api';
import { SESSION_COOKIES } from '../lib/session-cookie-options';

export type TwoFactorState =
  | { error?: string; secret?: string; otpauthUrl?: string; recoveryCodes?: string[] }
  | undefined;

export async function startTwoFactorAction(): Promise<TwoFactorState> {
  const result = await apiFetch('/api/v1/account/2fa/setup', TwoFactorSetupSchema, {
    method: 'POST',
  });
  return result.ok ? result.data : { error: result.message };
}

export async function enableTwoFactorAction(
  state: TwoFactorState,
  form: FormData,
): Promise<TwoFactorState> {
  const result = await apiFetch('/api/v1/account/2fa/enable', RecoveryCodesSchema, {
    method: 'POST',
    body: { code: String(form.get('code') ?? '').trim() },
  });
  if (!result.ok) return { ...state, error: result.message };
  return { recoveryCodes: result.data.recoveryCodes };
}

/** Stripe Checkout or the customer portal: the API answers with the page to go to. */
export async function billingAction(form: FormData) {
  const plan = String(form.get('plan') ?? '');
  const result = plan
    ? await apiFetch('/api/v1/billing/checkout', RedirectUrlSchema, {
        method: 'POST',
        body: { plan },
      })
    : await apiFetch('/api/v1/billing/portal', RedirectUrlSchema, { method: 'POST' });
  if (!result.ok) redirect(`/account?error=${encodeURIComponent(result.message)}`);
  redirect(result.data.url);
}

export async function deleteAccountAction(form: FormData) {
  const result = await apiFetch('/api/v1/account', z.null(), {
    method: 'DELETE',
    body: {
      password: String(form.get('password') ?? ''),
      confirm: String(form.get('confirm') ?? ''),
    },
  });
  if (!result.ok) redirect(`/account?error=${encodeURIComponent(result.message)}`);
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect('/?deleted=1');
}
