import { PLATFORM_LABELS, type Platform, PlatformSchema } from '@digitallz/contracts';
import { CollectionProgress } from '../components/collection-progress';
import { DemoBadge } from '../components/demo-badge';
import { ResultsTable } from '../components/results-table';
import { SearchForm } from '../components/search-form';
import { searchKeywords } from '../lib/api';

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? '';

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const q = first(params.q).trim();
  const platform: Platform = PlatformSchema.catch('etsy').parse(first(params.platform));
  const cursor = first(params.cursor) || undefined;

  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Find the keywords buyers type</h1>
        <p className="text-slate-600">
          Search volume, competition and cost per click for Amazon, Etsy and eBay keywords.
        </p>
      </section>
      <SearchForm q={q} platform={platform} />
      {q ? <Results q={q} platform={platform} cursor={cursor} /> : <Hint />}
    </div>
  );
}

async function Results({
  q,
  platform,
  cursor,
}: {
  q: string;
  platform: Platform;
  cursor?: string;
}) {
  const result = await searchKeywords({ q, platform, cursor });
  if (!result.ok) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
        {result.status >= 500
          ? 'The keyword service is unavailable right now. Try again in a moment.'
          : result.message}
      </p>
    );
  }
  const { data, nextCursor, collection } = result.data;
  const progress = collection ? <CollectionProgress collection={collection} /> : null;
  if (data.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        {progress}
        <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">
          No {PLATFORM_LABELS[platform]} keywords match “{q}” yet.{' '}
          {collection
            ? 'They appear here as the collection finds them.'
            : 'Try a shorter or broader seed keyword.'}
        </p>
      </div>
    );
  }
  const anyDemo = data.some((row) => row.isDemo);
  const nextHref = nextCursor
    ? `/?${new URLSearchParams({ q, platform, cursor: nextCursor })}`
    : null;
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="results-heading" className="text-lg font-semibold">
          {PLATFORM_LABELS[platform]} keywords for “{q}”
        </h2>
        {anyDemo ? (
          <p className="flex items-center gap-2 text-sm text-amber-900">
            <DemoBadge /> These figures come from the built-in demo marketplace, not from{' '}
            {PLATFORM_LABELS[platform]}.
          </p>
        ) : null}
      </div>
      {progress}
      <ResultsTable rows={data} />
      {nextHref ? (
        <a
          href={nextHref}
          className="self-end rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Next page →
        </a>
      ) : null}
    </section>
  );
}

function Hint() {
  return (
    <p className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-600">
      Type a seed keyword such as <strong>wedding</strong>, <strong>planner</strong> or{' '}
      <strong>svg</strong> and pick a marketplace.
    </p>
  );
}
