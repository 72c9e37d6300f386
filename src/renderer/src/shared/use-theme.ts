import { useEffect, useState } from 'react';
import type { ChartTheme } from './theme';

/** The theme, kept in localStorage so it survives reloads and restarts. */
export function useTheme(): [ChartTheme, (theme: ChartTheme) => void] {
  const [theme, setTheme] = useState<ChartTheme>(() =>
    localStorage.getItem('tickstep-theme') === 'light' ? 'light' : 'dark',
  );
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('tickstep-theme', theme);
  }, [theme]);
  return [theme, setTheme];
}
