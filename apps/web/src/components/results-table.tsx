import type { KeywordSummary } from '@digitallz/contracts';
import {
  competitionLevel,
  formatDate,
  formatMoney,
  formatRange,
  formatVolume,
} from '../lib/format';
import { DemoBadge } from './demo-badge';

const LEVEL_STYLE = {
  low: 'bg-emerald-100 text-emerald-900',
  medium: 'bg-lime-100 text-lime-900',
  high: 'bg-orange-100 text-orange-900',
  'very high': 'bg-red-100 text-red-900',
} as const;

export function ResultsTable({ rows }: { rows: KeywordSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Keywords matching your search</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Keyword
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Searches / month
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Competition
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              CPC
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Difficulty
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Opportunity
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Listings
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Updated
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const level = competitionLevel(row.competition);
            return (
              <tr key={row.id} className="border-t border-slate-100" data-testid="keyword-row">
                <td className="px-3 py-2 font-medium">
                  <span className="mr-2">{row.keyword}</span>
                  {row.isDemo ? <DemoBadge /> : null}
                </td>
                <td
                  className="px-3 py-2 text-right tabular-nums"
                  title={formatRange(row.volumeLow, row.volumeHigh)}
                >
                  {formatVolume(row.searchVolume)}
                </td>
                <td className="px-3 py-2">
                  {level ? (
                    <span
                      className={`rounded px-2 py-0.5 text-xs font-medium ${LEVEL_STYLE[level]}`}
                    >
                      {level}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(row.cpc)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.difficulty ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.opportunity ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatVolume(row.listingCount)}
                </td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                  {formatDate(row.lastUpdated)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
