'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export type TrendPoint = {
  week: string;
  volume?: number;
  forecast?: number;
  band80?: [number, number];
};

export type TrendChartLabels = {
  title: string;
  searches: string;
  forecast: string;
  band: string;
  axis: string;
};

/** Weekly searches over the last year, then the forecast with its 80% band, in the reader's locale. */
export function TrendChart({ points, labels }: { points: TrendPoint[]; labels: TrendChartLabels }) {
  const hasForecast = points.some((p) => p.forecast !== undefined);
  const locale = useLocale();
  const { compact, week } = useMemo(
    () => ({
      compact: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
      // Weeks are dates without a time: read and written in UTC.
      week: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    }),
    [locale],
  );
  const weekOf = (value: unknown) => {
    const date = new Date(String(value));
    return Number.isNaN(date.getTime()) ? String(value) : week.format(date);
  };
  return (
    <figure className="flex flex-col gap-2" aria-label={labels.title}>
      <figcaption className="text-sm font-medium text-slate-800">{labels.title}</figcaption>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={280}>
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="week"
              tickFormatter={weekOf}
              tick={{ fontSize: 12, fill: '#334155' }}
              minTickGap={32}
            />
            <YAxis
              tickFormatter={(v: number) => compact.format(v)}
              tick={{ fontSize: 12, fill: '#334155' }}
              label={{
                value: labels.axis,
                angle: -90,
                position: 'insideLeft',
                fill: '#334155',
                fontSize: 12,
              }}
            />
            <Tooltip
              labelFormatter={weekOf}
              formatter={(v) =>
                Array.isArray(v)
                  ? v.map((x) => compact.format(Number(x))).join(' – ')
                  : compact.format(Number(v))
              }
            />
            {/* Labels in the text colour: the band's own (a pale fill) is not readable as text. */}
            <Legend formatter={(value) => <span className="text-slate-700">{value}</span>} />
            <Line
              dataKey="volume"
              name={labels.searches}
              stroke="#3730a3"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {hasForecast ? (
              <Area
                dataKey="band80"
                name={labels.band}
                stroke="none"
                fill="#c7d2fe"
                fillOpacity={0.7}
                isAnimationActive={false}
              />
            ) : null}
            {hasForecast ? (
              <Line
                dataKey="forecast"
                name={labels.forecast}
                stroke="#b45309"
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
