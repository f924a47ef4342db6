'use client';

import { useEffect } from 'react';

/** Marks the moment the page became interactive (React hydrated): `performance` entry `dz-hydrated`. */
export function HydrationMark() {
  useEffect(() => {
    performance.mark('dz-hydrated');
  }, []);
  return null;
}
