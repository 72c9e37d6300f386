import { useEffect, useState } from 'react';

/** The desk's panel sizes in pixels; kept in localStorage so they survive reloads and restarts. */
export interface DeskLayout {
  /** Width of the order ticket column. */
  sideWidth: number;
  /** Height of the positions and ledger tables. */
  tablesHeight: number;
}

const KEY = 'tickstep-layout';
export const DEFAULT_LAYOUT: DeskLayout = { sideWidth: 260, tablesHeight: 240 };
export const LAYOUT_LIMITS = {
  sideWidth: { min: 220, max: 520 },
  tablesHeight: { min: 120, max: 600 },
} as const;

const clamp = (key: keyof DeskLayout, value: number) =>
  Math.round(Math.min(LAYOUT_LIMITS[key].max, Math.max(LAYOUT_LIMITS[key].min, value)));

function read(): DeskLayout {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DeskLayout>;
    return {
      sideWidth: clamp('sideWidth', Number(stored.sideWidth) || DEFAULT_LAYOUT.sideWidth),
      tablesHeight: clamp('tablesHeight', Number(stored.tablesHeight) || DEFAULT_LAYOUT.tablesHeight),
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function useDeskLayout(): [DeskLayout, (key: keyof DeskLayout, value: number) => void] {
  const [layout, setLayout] = useState<DeskLayout>(read);
  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(layout));
  }, [layout]);
  return [layout, (key, value) => setLayout((l) => ({ ...l, [key]: clamp(key, value) }))];
}
