import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

const CONTROL =
  'h-11 rounded-md border border-slate-400 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600';

/** A control under its label (the control carries `id`). */
function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled input with an optional hint, accessible by construction. */
export function Field({
  label,
  hint,
  id,
  ...input
}: { label: string; hint?: string; id: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled id={id} label={label}>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={CONTROL}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </Labelled>
  );
}

/** A labelled select of `options` (value and label), accessible by construction. */
export function SelectField({
  label,
  id,
  options,
  ...select
}: {
  label: string;
  id: string;
  options: readonly { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled id={id} label={label}>
      <select id={id} className={CONTROL} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

export const buttonClass =
  'h-11 rounded-md bg-indigo-700 px-5 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700 disabled:opacity-60';

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {message}
    </p>
  );
}
