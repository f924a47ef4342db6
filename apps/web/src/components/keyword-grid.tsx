'use client';

import type { KeywordSummary, Platform } from '@digitallz/contracts';
import * as Popover from '@radix-ui/react-popover';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { loadMoreKeywords } from '../actions/search';
import {
  alignRight,
  arrange,
  exportSort,
  filterParams,
  GRID_COLUMNS,
  type GridColumn,
  type GridFilters,
  type Sort,
} from '../lib/grid';
import { DownloadLinks } from './download-links';
import { GridCell } from './grid-cell';
import { GridFiltersForm } from './grid-filters';

const MAX_ROWS = 10_000;
const ROW_HEIGHT = 41;
const COLUMNS_KEY = 'dz.grid.hidden';

type Props = {
  rows: KeywordSummary[];
  nextCursor: string | null;
  query: { q: string; platform: Platform; marketplace: string };
  /** The form that bulk actions (add to a list, track) submit the ticked keywords with. */
  selectFor?: string;
};

/**
 * The search results: sortable columns, filters and a column choice (remembered in this
 * browser), more pages loaded in place up to 10,000 rows, drawn with virtual scrolling so only
 * the rows in view are in the page.
 */
export function KeywordGrid({ rows: first, nextCursor, query, selectFor }: Props) {
  const t = useTranslations('results');
  const tg = useTranslations('grid');
  const [rows, setRows] = useState(first);
  const [cursor, setCursor] = useState(nextCursor);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'relevance', dir: 'desc' });
  const [filters, setFilters] = useState<GridFilters>({});
  const [hidden, setHidden] = useState<GridColumn[]>([]);
  const [selected, setSelected] = useState<Map<string, KeywordSummary>>(new Map());
  const [loading, startLoading] = useTransition();
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '[]') as GridColumn[];
      setHidden(saved.filter((c) => GRID_COLUMNS.includes(c)));
    } catch {
      // A bad saved value: show every column.
    }
  }, []);
  const toggleColumn = (column: GridColumn) => {
    const next = hidden.includes(column) ? hidden.filter((c) => c !== column) : [...hidden, column];
    setHidden(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };
  const columns = GRID_COLUMNS.filter((c) => !hidden.includes(c));
  const span = columns.length + (selectFor ? 2 : 1);
  const shown = useMemo(() => arrange(rows, filters, sort), [rows, filters, sort]);
  // The export holds what the grid shows: its filters, and its order where the endpoint has it
  // (else the search's own order).
  const exportFilters = filterParams(filters);
  const order = exportSort(sort);
  const exportOrder: Record<string, string> = order && order !== 'relevance' ? { sort: order } : {};

  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Drawn on the server too: the first screen of rows is in the HTML.
    initialRect: { width: 1_024, height: 25 * ROW_HEIGHT },
  });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);

  const load = (all: boolean) =>
    startLoading(async () => {
      let at = cursor;
      let loaded = rows;
      setError(null);
      while (at && loaded.length < MAX_ROWS) {
        const more = await loadMoreKeywords(query, at);
        if (!more.ok) {
          setError(more.message);
          break;
        }
        loaded = [...loaded, ...more.rows].slice(0, MAX_ROWS);
        at = more.nextCursor;
        setRows(loaded);
        setCursor(at);
        if (!all) break;
      }
    });

  const sortBy = (key: Sort['key']) =>
    setSort((s) => ({ key, dir: s.key === key && s.dir === 'desc' ? 'asc' : 'desc' }));
  const ariaSort = (key: Sort['key']) =>
    sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const header = (key: 'keyword' | GridColumn, label: string, right = false) => (
    <th
      key={key}
      scope="col"
      aria-sort={ariaSort(key)}
      className={`sticky top-0 z-10 bg-slate-100 px-3 py-2 font-semibold ${right ? 'text-right' : ''}`}
    >
      <button
        type="button"
        onClick={() => sortBy(key)}
        className="inline-flex items-center gap-1 rounded hover:underline"
        aria-label={tg('sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
  const toggleRow = (row: KeywordSummary) =>
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return next;
    });

  return (
    <div className="flex flex-col gap-3" data-testid="keyword-grid">
      <div className="flex flex-wrap items-start gap-3">
        <GridFiltersForm filters={filters} onChange={setFilters} />
        <Popover.Root>
          <Popover.Trigger className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 focus:outline-2 focus:outline-indigo-600">
            {tg('columns')}
          </Popover.Trigger>
          {/* Kept in the grid (no portal): the choice sits next to the table it changes. */}
          <Popover.Content
            align="start"
            sideOffset={4}
            className="z-20 rounded-md border border-slate-300 bg-white p-3 text-sm shadow-lg"
          >
            <fieldset className="flex flex-col gap-1">
              <legend className="sr-only">{tg('columns')}</legend>
              {GRID_COLUMNS.map((column) => (
                <label key={column} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={!hidden.includes(column)}
                    onChange={() => toggleColumn(column)}
                  />
                  {t(column)}
                </label>
              ))}
            </fieldset>
          </Popover.Content>
        </Popover.Root>
        <p className="text-sm text-slate-700" role="status" data-testid="grid-count">
          {tg('shown', { shown: shown.length, total: rows.length })}
          {selectFor ? ` · ${tg('selected', { count: selected.size })}` : ''}
        </p>
      </div>
      {selectFor
        ? [...selected.values()].map((row) => (
            <input
              key={row.id}
              type="hidden"
              name="keyword"
              form={selectFor}
              value={JSON.stringify({
                platform: row.platform,
                marketplace: row.marketplace,
                keyword: row.keyword,
              })}
            />
          ))
        : null}
      <div
        ref={scroller}
        className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        data-testid="grid-scroller"
      >
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="text-left text-slate-700">
            <tr>
              {selectFor ? (
                <th scope="col" className="sticky top-0 z-10 bg-slate-100 px-3 py-2">
                  <span className="sr-only">{t('select')}</span>
                </th>
              ) : null}
              {header('keyword', t('keyword'))}
              {columns.map((c) => header(c, t(c), alignRight(c)))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr>
                <td colSpan={span} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = shown[item.index] as KeywordSummary;
              return (
                <tr
                  key={row.id}
                  className="border-t border-slate-100"
                  style={{ height: ROW_HEIGHT }}
                  data-testid="keyword-row"
                >
                  {selectFor ? (
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        checked={selected.has(row.id)}
                        onChange={() => toggleRow(row)}
                        aria-label={t('selectRow', { keyword: row.keyword })}
                      />
                    </td>
                  ) : null}
                  <GridCell row={row} column="keyword" />
                  {columns.map((c) => (
                    <GridCell key={c} row={row} column={c} />
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr>
                <td colSpan={span} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="p-4 text-slate-700">{tg('noneMatch')}</p> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {cursor && rows.length < MAX_ROWS ? (
        <div className="flex flex-wrap justify-end gap-2">
          <button
            type="button"
            disabled={loading}
            onClick={() => load(false)}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
          >
            {loading ? tg('loading') : tg('loadMore')}
          </button>
          <button
            type="button"
            disabled={loading}
            onClick={() => load(true)}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
          >
            {tg('loadAll')}
          </button>
        </div>
      ) : null}
      <DownloadLinks
        label={Object.keys(exportFilters).length > 0 ? tg('exportFiltered') : tg('export')}
        href={(format) =>
          `/search/export?${new URLSearchParams({ ...query, format, ...exportFilters, ...exportOrder })}`
        }
      />
    </div>
  );
}
