import type { ListingHelp } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import { CopyButton } from './copy-button';

/** The tags an Etsy listing holds. */
const ETSY_TAGS = 13;

/**
 * Listing text ready to paste: Etsy tags, Amazon search terms, an eBay title. Where the close
 * keywords give fewer than 13 tags, it says what the seller's own tags should fill.
 */
export function ListingHelpSection({ help }: { help: ListingHelp }) {
  const t = useTranslations('listingHelp');
  const blocks = [
    {
      id: 'etsy',
      label: t('etsyTags', { count: help.etsyTags.length }),
      text: help.etsyTags.join(', '),
    },
    {
      id: 'amazon',
      label: t('amazonTerms', { bytes: new TextEncoder().encode(help.amazonSearchTerms).length }),
      text: help.amazonSearchTerms,
    },
    { id: 'ebay', label: t('ebayTitle', { chars: help.ebayTitle.length }), text: help.ebayTitle },
  ];
  return (
    <section className="flex flex-col gap-3" aria-labelledby="listing-help">
      <h2 id="listing-help" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="text-sm text-slate-700">{t('lead')}</p>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-3">
        {blocks.map((b) => (
          <div
            key={b.id}
            className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4"
            data-testid={`listing-${b.id}`}
          >
            <h3 className="text-sm font-semibold">{b.label}</h3>
            <p className="text-sm break-words text-slate-800" data-testid="listing-text">
              {b.text || '—'}
            </p>
            {b.id === 'etsy' && help.etsyTags.length < ETSY_TAGS ? (
              <p className="text-xs text-slate-600" data-testid="listing-tags-left">
                {t('tagsLeft', { count: ETSY_TAGS - help.etsyTags.length })}
              </p>
            ) : null}
            {b.text ? <CopyButton text={b.text} label={b.label} /> : null}
          </div>
        ))}
      </div>
    </section>
  );
}
