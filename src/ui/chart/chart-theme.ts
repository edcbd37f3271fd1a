/** Canvas colours per theme (uPlot draws on a canvas, so CSS variables do not reach it). */
export interface ChartColors {
  readonly axis: string;
  readonly grid: string;
  readonly text: string;
}

export function chartColors(theme: 'light' | 'dark'): ChartColors {
  return theme === 'dark'
    ? { axis: '#a8b0bd', grid: 'rgba(255,255,255,0.09)', text: '#d5d9e0' }
    : { axis: '#505863', grid: 'rgba(0,0,0,0.08)', text: '#1d2127' };
}
