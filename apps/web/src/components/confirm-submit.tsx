'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type ReactNode, useRef } from 'react';

type Props = {
  /** The trigger's accessible name (what will happen to what). */
  label: string;
  title: string;
  description: string;
  confirm: string;
  cancel: string;
  className?: string;
  children: ReactNode;
};

/**
 * A destructive form button that asks first (Radix AlertDialog: focus trapped, Escape cancels,
 * the cancel button focused first). Placed inside the form it submits.
 */
export function ConfirmSubmit({
  label,
  title,
  description,
  confirm,
  cancel,
  className,
  children,
}: Props) {
  const submit = useRef<HTMLButtonElement>(null);
  const button =
    'rounded-md px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-2 focus:outline-indigo-600';
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger aria-label={label} className={className}>
        {children}
      </AlertDialog.Trigger>
      <button ref={submit} type="submit" hidden tabIndex={-1} />
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-700">
            {description}
          </AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className={`${button} border border-slate-300 text-slate-800`}>
              {cancel}
            </AlertDialog.Cancel>
            <AlertDialog.Action
              className={`${button} bg-red-700 text-white hover:bg-red-800`}
              onClick={() => submit.current?.click()}
            >
              {confirm}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
