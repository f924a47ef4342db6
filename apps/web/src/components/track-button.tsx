'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type TrackState, trackKeywordAction } from '../actions/tracking';
import { FormError } from './field';

/** Starts tracking one keyword; says so, or why not (e.g. the plan's limit). */
export function TrackButton(props: { platform: string; marketplace: string; keyword: string }) {
  const t = useTranslations('tracking');
  const [state, action, pending] = useActionState<TrackState, FormData>(
    trackKeywordAction,
    undefined,
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="platform" value={props.platform} />
      <input type="hidden" name="marketplace" value={props.marketplace} />
      <input type="hidden" name="keyword" value={props.keyword} />
      <button
        type="submit"
        disabled={pending || state?.tracked}
        className="rounded-md border border-indigo-700 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-50 disabled:opacity-60"
      >
        {state?.tracked ? t('trackedNow') : t('track')}
      </button>
      {state?.tracked ? (
        <span role="status">
          <a href="/tracking" className="text-sm text-emerald-800 underline">
            {t('seeTracked')}
          </a>
        </span>
      ) : null}
      <FormError message={state?.error} />
    </form>
  );
}
