'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the page's server components every `ms` while `active` (a job running), keeping
 * what the visitor is typing or choosing in the page's forms, which a reload would lose.
 */
export function RefreshWhile({ active, ms = 2_000 }: { active: boolean; ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), ms);
    return () => clearInterval(timer);
  }, [active, ms, router]);
  return null;
}
