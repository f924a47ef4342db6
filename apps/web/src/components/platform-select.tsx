import { PLATFORM_LABELS, PLATFORMS, type Platform } from '@digitallz/contracts';

/** A labelled marketplace picker (Amazon, Etsy, eBay). */
export function PlatformSelect({
  id,
  label,
  defaultValue,
}: {
  id: string;
  label: string;
  defaultValue?: Platform;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name="platform"
        defaultValue={defaultValue}
        className="h-11 rounded-md border border-slate-400 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
      >
        {PLATFORMS.map((p) => (
          <option key={p} value={p}>
            {PLATFORM_LABELS[p]}
          </option>
        ))}
      </select>
    </div>
  );
}
