'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * A labelled bar chart (seasonality by month, price distribution). Bars with a `tick` are all
 * labelled with it on the axis (a month's initial), their `label` kept for the tooltip; without,
 * the axis shows the labels that fit.
 */
export function SimpleBarChart({
  title,
  data,
  xLabel,
  yLabel,
}: {
  title: string;
  data: { label: string; value: number; tick?: string }[];
  xLabel: string;
  yLabel: string;
}) {
  const ticked = data.length > 0 && data.every((d) => d.tick !== undefined);
  return (
    <figure className="flex flex-col gap-2" aria-label={title}>
      <figcaption className="text-sm font-medium text-slate-800">{title}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12, fill: '#334155' }}
              interval={ticked ? 0 : 'preserveEnd'}
              tickFormatter={(value: string, index: number) =>
                ticked ? (data[index]?.tick ?? value) : value
              }
              label={{
                value: xLabel,
                position: 'insideBottom',
                offset: -8,
                fill: '#334155',
                fontSize: 12,
              }}
            />
            <YAxis
              tick={{ fontSize: 12, fill: '#334155' }}
              label={{
                value: yLabel,
                angle: -90,
                position: 'insideLeft',
                fill: '#334155',
                fontSize: 12,
              }}
            />
            <Tooltip />
            <Bar dataKey="value" name={yLabel} fill="#4338ca" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
