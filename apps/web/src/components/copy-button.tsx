'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Copies `text` to the clipboard and says so (for screen readers too); `label` names what. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations('listingHelp');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 2_000);
      }}
      className="h-9 self-start rounded-md border border-indigo-700 px-3 text-sm font-medium text-indigo-800 hover:bg-indigo-50"
    >
      <span aria-live="polite">{copied ? t('copied') : t('copyShort')}</span>
      <span className="sr-only"> {label}</span>
    </button>
  );
}
