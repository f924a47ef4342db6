import { NotificationPageSchema } from '@digitallz/contracts';
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { signOutAction } from '../actions/auth';
import { setLocaleAction } from '../actions/locale';
import { HydrationMark } from '../components/hydration-mark';
import { apiFetch } from '../lib/api';
import { currentAccount } from '../lib/session';
import './globals.css';

export const metadata: Metadata = {
  title: 'Digitallz: keyword research for Amazon, Etsy and eBay sellers',
  description:
    'Find the keywords buyers type on Amazon, Etsy and eBay, with search volume, competition and CPC.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('nav');
  const account = await currentAccount();
  const inbox = account
    ? await apiFetch('/api/v1/notifications?unread=true&limit=1', NotificationPageSchema)
    : null;
  const unread = inbox?.ok ? inbox.data.unread : 0;
  const link =
    'rounded px-2 py-1 text-slate-800 hover:bg-slate-100 focus:outline-2 focus:outline-indigo-600';
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
              <a href="/" className="text-lg font-semibold tracking-tight text-indigo-800">
                Digitallz
              </a>
              <nav aria-label="Main" className="flex flex-wrap items-center gap-1 text-sm">
                <a href="/" className={link}>
                  {t('search')}
                </a>
                <a href="/analytics" className={link}>
                  {t('analytics')}
                </a>
                {account ? (
                  <>
                    <a href="/dashboard" className={link}>
                      {t('dashboard')}
                    </a>
                    <a href="/lists" className={link}>
                      {t('lists')}
                    </a>
                    <a href="/batches" className={link}>
                      {t('batches')}
                    </a>
                    <a href="/imports" className={link}>
                      {t('imports')}
                    </a>
                    <a href="/tracking" className={link}>
                      {t('tracking')}
                    </a>
                    <a href="/notifications" className={link} data-testid="notifications-link">
                      {t('notifications')}
                      {unread > 0 ? (
                        <span className="ml-1 rounded-full bg-indigo-700 px-1.5 text-xs text-white">
                          {unread}
                          <span className="sr-only"> {t('unreadCount', { count: unread })}</span>
                        </span>
                      ) : null}
                    </a>
                    <a href="/account/api-keys" className={link}>
                      {t('apiKeys')}
                    </a>
                    <a href="/account" className={link} data-testid="signed-in-as">
                      {account.email}
                    </a>
                    <form action={signOutAction}>
                      <button type="submit" className={link}>
                        {t('signOut')}
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <a href="/sign-in" className={link}>
                      {t('signIn')}
                    </a>
                    <a href="/sign-up" className={`${link} font-medium text-indigo-800`}>
                      {t('signUp')}
                    </a>
                  </>
                )}
                <form action={setLocaleAction} className="flex items-center gap-1">
                  <span className="sr-only">{t('language')}</span>
                  {(['en', 'fr'] as const).map((l) => (
                    <button
                      key={l}
                      type="submit"
                      name="locale"
                      value={l}
                      lang={l}
                      aria-pressed={locale === l}
                      className={`${link} ${locale === l ? 'font-semibold underline' : ''}`}
                    >
                      {l === 'en' ? 'English' : 'Français'}
                    </button>
                  ))}
                </form>
              </nav>
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
          <HydrationMark />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
