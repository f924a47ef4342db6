import { readFile, writeFile } from 'node:fs/promises';
import { forecastCsv } from '@digitallz/core';
import { CliError, print } from '../env';

export type ForecastOptions = { input: string; horizon: number; output?: string };

/** Forecasts weekly series from a long-format CSV (id,date,value) into another CSV (or stdout). */
export async function forecastCommand(options: ForecastOptions): Promise<void> {
  const text = await readFile(options.input, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `Cannot read ${options.input}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  const csv = forecastCsv(text, options.horizon);
  if (!options.output) {
    process.stdout.write(csv);
    return;
  }
  await writeFile(options.output, csv);
  const series = new Set(
    csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]),
  ).size;
  print(
    `forecast of ${series} series, ${options.horizon} weeks ahead, written to ${options.output}`,
  );
}
