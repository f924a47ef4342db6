'use client';

import type { CollectionStatus } from '@digitallz/contracts';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** While a collection runs, the page re-renders every second and a half so results fill in live. */
export function CollectionProgress({ collection }: { collection: CollectionStatus }) {
  const router = useRouter();
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
        Collecting “{collection.keyword}” failed; showing what we already know.
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
      Collecting “{collection.keyword}” from the marketplace
      {collection.status === 'running'
        ? ` — ${collection.requestsDone} of about ${collection.requestsPlanned} requests done`
        : ' — queued'}
      . Results fill in as they arrive.
    </p>
  );
}
