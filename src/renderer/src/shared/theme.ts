import { useEffect, useState } from 'react';

export type ChartTheme = 'dark' | 'light';

export function chartColors(theme: ChartTheme) {
  return theme === 'dark'
    ? {
        background: '#0f1419',
        text: '#c9d1d9',
        grid: '#1c2430',
        border: '#2d3745',
        up: '#26a69a',
        down: '#ef5350',
      }
    : {
        background: '#ffffff',
        text: '#1f2933',
        grid: '#eef1f4',
        border: '#d5dbe1',
        up: '#089981',
        down: '#f23645',
      };
}

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
