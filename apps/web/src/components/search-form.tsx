import { PLATFORM_LABELS, PLATFORMS, type Platform } from '@digitallz/contracts';

export function SearchForm({ q, platform }: { q: string; platform: Platform }) {
  return (
    <search>
      <form action="/" method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex flex-col gap-1">
          <label htmlFor="platform" className="text-sm font-medium text-slate-700">
            Marketplace
          </label>
          <select
            id="platform"
            name="platform"
            defaultValue={platform}
            className="h-11 rounded-md border border-slate-300 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
          >
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium text-slate-700">
            Seed keyword
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            required
            maxLength={200}
            placeholder="e.g. wedding invitation template"
            className="h-11 rounded-md border border-slate-300 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
          />
        </div>
        <button
          type="submit"
          className="h-11 rounded-md bg-indigo-700 px-5 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700"
        >
          Search
        </button>
      </form>
    </search>
  );
}
