'use server';

import { AuthSessionSchema, OkSchema, SignInResultSchema } from '@digitallz/contracts';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { apiFetch } from '../lib/api';
import { SESSION_COOKIES } from '../lib/session-cookie-options';

export type FormState = { error?: string; email?: string; sent?: boolean } | undefined;

const field = (form: FormData, name: string) => String(form.get(name) ?? '');
/** Only paths of this app (no open redirect). */
const safePath = (value: string) => (/^\/(?!\/)/.test(value) ? value : '/');

export async function signInAction(_state: FormState, form: FormData): Promise<FormState> {
  const email = field(form, 'email');
  const result = await apiFetch('/api/v1/auth/sign-in', SignInResultSchema, {
    method: 'POST',
    body: { email, password: field(form, 'password') },
    relayCookies: true,
  });
  if (!result.ok) return { error: result.message, email };
  const returnTo = safePath(field(form, 'returnTo'));
  if (result.data.status === 'two-factor-required')
    redirect(
      `/sign-in/2fa?challenge=${encodeURIComponent(result.data.challenge)}&returnTo=${encodeURIComponent(returnTo)}`,
    );
  redirect(returnTo);
}

export async function signUpAction(_state: FormState, form: FormData): Promise<FormState> {
  const email = field(form, 'email');
  const locale = (await cookies()).get('dz_locale')?.value === 'fr' ? 'fr' : 'en';
  const result = await apiFetch('/api/v1/auth/sign-up', AuthSessionSchema, {
    method: 'POST',
    body: { email, password: field(form, 'password'), locale },
    relayCookies: true,
  });
  if (!result.ok) return { error: result.message, email };
  redirect('/');
}

export async function twoFactorAction(_state: FormState, form: FormData): Promise<FormState> {
  const result = await apiFetch('/api/v1/auth/sign-in/2fa', AuthSessionSchema, {
    method: 'POST',
    body: { challenge: field(form, 'challenge'), code: field(form, 'code') },
    relayCookies: true,
  });
  if (!result.ok) return { error: result.message };
  redirect(safePath(field(form, 'returnTo')));
}

export async function signOutAction() {
  await apiFetch('/api/v1/auth/sign-out', OkSchema, { method: 'POST', relayCookies: true });
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect('/');
}

export async function forgotPasswordAction(_state: FormState, form: FormData): Promise<FormState> {
  const email = field(form, 'email');
  const result = await apiFetch('/api/v1/auth/password-reset', OkSchema, {
    method: 'POST',
    body: { email },
  });
  if (!result.ok) return { error: result.message, email };
  return { email, sent: true };
}

export async function resetPasswordAction(_state: FormState, form: FormData): Promise<FormState> {
  const result = await apiFetch('/api/v1/auth/password-reset/confirm', OkSchema, {
    method: 'POST',
    body: { token: field(form, 'token'), password: field(form, 'password') },
  });
  if (!result.ok) return { error: result.message };
  redirect('/sign-in?reset=1');
}
