'use client';

import type { CollectionStatus } from '@digitallz/contracts';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';

/** While a collection runs, the page re-renders every second and a half so results fill in live. */
export function CollectionProgress({ collection }: { collection: CollectionStatus }) {
  const router = useRouter();
  const t = useTranslations('collection');
  const active = collection.status === 'queued' || collection.status === 'running';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1_500);
    return () => clearInterval(timer);
  }, [active, router]);

  if (collection.status === 'failed') {
    return (
      <p
        role="status"
        className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      >
        {t('failed', { keyword: collection.keyword })}
      </p>
    );
  }
  if (!active) return null;
  return (
    <p
      role="status"
      aria-live="polite"
      className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900"
    >
      {collection.status === 'running'
        ? t('running', {
            keyword: collection.keyword,
            done: collection.requestsDone,
            planned: collection.requestsPlanned,
          })
        : t('queued', { keyword: collection.keyword })}
    </p>
  );
}
