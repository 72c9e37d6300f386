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
