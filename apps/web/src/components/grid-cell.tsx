import type { KeywordSummary } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import {
  competitionLevel,
  formatDate,
  formatMoney,
  formatRange,
  formatVolume,
} from '../lib/format';
import type { GridColumn } from '../lib/grid';
import { DemoBadge } from './demo-badge';
import { YearlyChangeCell } from './yearly-change-cell';

const LEVEL_STYLE = {
  low: 'bg-emerald-100 text-emerald-900',
  medium: 'bg-lime-100 text-lime-900',
  high: 'bg-orange-100 text-orange-900',
  'very high': 'bg-red-100 text-red-900',
} as const;

const number = 'px-3 py-2 text-right tabular-nums';

/** One cell of a keyword results row: the same in the server table and the client grid. */
export function GridCell({ row, column }: { row: KeywordSummary; column: 'keyword' | GridColumn }) {
  const t = useTranslations('results');
  switch (column) {
    case 'keyword':
      return (
        <td className="px-3 py-2 font-medium">
          <a
            href={`/keywords/${row.platform}/${encodeURIComponent(row.keyword)}?marketplace=${row.marketplace}`}
            className="mr-2 text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-800"
          >
            {row.keyword}
          </a>
          {row.isDemo ? <DemoBadge /> : null}
        </td>
      );
    case 'volume':
      return (
        <td
          className={number}
          title={formatRange(row.volumeLow, row.volumeHigh)}
          data-column="volume"
        >
          {formatVolume(row.searchVolume)}
        </td>
      );
    case 'trend':
      return <YearlyChangeCell value={row.yearlyChangePct} className={number} />;
    case 'competition': {
      const level = competitionLevel(row.competition);
      return (
        <td className="px-3 py-2">
          {level ? (
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${LEVEL_STYLE[level]}`}>
              {t(`levels.${level}`)}
            </span>
          ) : (
            '—'
          )}
        </td>
      );
    }
    case 'cpc':
      return <td className={number}>{formatMoney(row.cpc)}</td>;
    case 'difficulty':
      return <td className={number}>{row.difficulty ?? '—'}</td>;
    case 'opportunity':
      return <td className={number}>{row.opportunity ?? '—'}</td>;
    case 'listings':
      return <td className={number}>{formatVolume(row.listingCount)}</td>;
    case 'updated':
      return (
        <td className="px-3 py-2 whitespace-nowrap text-slate-600">
          {formatDate(row.lastUpdated)}
        </td>
      );
  }
}
