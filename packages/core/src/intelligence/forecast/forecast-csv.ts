import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../errors';
import { forecastSeries } from './forecast-series';

export type SeriesInput = { id: string; dates: string[]; values: number[] };
type Problem = { line: number; message: string };

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateValue(text: string): number | null {
  if (!ISO_DATE.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? null : time;
}

/**
 * Reads weekly series in long format (`id,date,value`, one row per week, any order). Every
 * problem is reported with its line: unknown columns, bad dates, non-numeric values, duplicate
 * weeks, gaps and steps that are not a week, series shorter than 3 weeks.
 */
export function parseSeriesCsv(text: string): SeriesInput[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `Not a readable CSV file: ${(error as Error).message}`);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['id', 'date', 'value'].filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `The file needs the columns id,date,value${missing.length ? ` (missing: ${missing.join(', ')})` : ' and at least one row'}`,
    );

  const problems: Problem[] = [];
  const byId = new Map<string, { time: number; value: number; line: number }[]>();
  for (const { record, info } of records) {
    const line = info.lines;
    const id = record.id ?? '';
    const time = dateValue(record.date ?? '');
    const value = Number(record.value);
    if (!id) problems.push({ line, message: 'empty id' });
    if (time === null)
      problems.push({ line, message: `"${record.date}" is not a date (YYYY-MM-DD)` });
    if (record.value === '' || !Number.isFinite(value))
      problems.push({ line, message: `"${record.value}" is not a number` });
    if (!id || time === null || !Number.isFinite(value) || record.value === '') continue;
    const rows = byId.get(id) ?? [];
    rows.push({ time, value, line });
    byId.set(id, rows);
  }
  const series: SeriesInput[] = [];
  for (const [id, rows] of byId) {
    rows.sort((a, b) => a.time - b.time);
    for (let i = 1; i < rows.length; i++) {
      const step =
        ((rows[i] as (typeof rows)[number]).time - (rows[i - 1] as (typeof rows)[number]).time) /
        DAY;
      const line = (rows[i] as (typeof rows)[number]).line;
      if (step === 0) problems.push({ line, message: `series "${id}" has this week twice` });
      else if (step % 7 !== 0)
        problems.push({
          line,
          message: `series "${id}" steps ${step} days; weekly series step 7 days`,
        });
      else if (step > 7)
        problems.push({
          line,
          message: `series "${id}" has a gap of ${step / 7 - 1} week(s) before this row`,
        });
    }
    if (rows.length < 3)
      problems.push({
        line: (rows[0] as (typeof rows)[number]).line,
        message: `series "${id}" has ${rows.length} week(s); a forecast needs at least 3`,
      });
    series.push({
      id,
      dates: rows.map((r) => new Date(r.time).toISOString().slice(0, 10)),
      values: rows.map((r) => r.value),
    });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`);
    const more = problems.length > 10 ? `\n... and ${problems.length - 10} more` : '';
    throw new AppError('VALIDATION_FAILED', `${shown.join('\n')}${more}`, { details: problems });
  }
  return series;
}

/** Forecasts every series of a long-format CSV; returns `id,date,forecast,lo80,hi80,lo95,hi95`. */
export function forecastCsv(text: string, horizon: number): string {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 104)
    throw new AppError('VALIDATION_FAILED', 'The horizon is 1 to 104 weeks');
  const rows: (string | number)[][] = [];
  for (const s of parseSeriesCsv(text)) {
    const f = forecastSeries(s.values, horizon);
    const last = Date.parse(`${s.dates.at(-1)}T00:00:00Z`);
    for (let h = 0; h < horizon; h++) {
      const date = new Date(last + (h + 1) * 7 * DAY).toISOString().slice(0, 10);
      const round = (x: number[]) => Math.round((x[h] as number) * 1000) / 1000;
      rows.push([
        s.id,
        date,
        round(f.points),
        round(f.lo80),
        round(f.hi80),
        round(f.lo95),
        round(f.hi95),
      ]);
    }
  }
  return stringify(rows, {
    header: true,
    columns: ['id', 'date', 'forecast', 'lo80', 'hi80', 'lo95', 'hi95'],
  });
}
