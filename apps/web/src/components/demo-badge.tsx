export function DemoBadge() {
  return (
    <span
      title="Simulated data from the built-in demo marketplace, not real marketplace figures"
      className="inline-flex items-center whitespace-nowrap rounded-full border border-amber-300 bg-amber-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-900"
    >
      Demo data
    </span>
  );
}
