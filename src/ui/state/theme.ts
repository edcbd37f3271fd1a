/** Light/dark/auto theme: the choice is stored locally; `auto` follows the system setting. */
import { useEffect, useMemo, useState } from 'react';
import type { Theme } from './url-state.ts';

const KEY = 'promql-playground.theme';

export function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' || t === 'auto' ? t : 'auto';
  } catch {
    return 'auto';
  }
}

/** The theme choice and what it resolves to now; sets `data-theme` on <html>. */
export function useTheme(): [Theme, 'light' | 'dark', (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const query = useMemo(() => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null), []);
  const [systemDark, setSystemDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const f = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    query.addEventListener('change', f);
    return () => query.removeEventListener('change', f);
  }, [query]);
  const resolved = theme === 'auto' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  const set = (t: Theme) => {
    setTheme(t);
    try {
      localStorage.setItem(KEY, t);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };
  return [theme, resolved, set];
}
