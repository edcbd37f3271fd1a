/**
 * Loads the user's own data: paste text, pick a file, or drop one anywhere on the page
 * (promqltest `load` notation or Prometheus/OpenMetrics text with timestamps). A bad file
 * shows the loader's line-numbered error; the current dataset stays.
 */
import { useEffect, useState } from 'react';
import type { WireError } from '../../worker/protocol.ts';

export interface DataFileLoaderProps {
  readonly onLoad: (name: string, text: string) => Promise<WireError | null>;
  readonly busy: boolean;
}

const EXAMPLE = `load 1m
  my_requests_total{job="demo", code="200"} 0+10x60
  my_requests_total{job="demo", code="500"} 0+1x30 _ 30+2x29
  my_temperature_celsius{room="lab"} 20 21 22.5 21 20 _ _ 19 18`;

export function DataFileLoader({ onLoad, busy }: DataFileLoaderProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [dragging, setDragging] = useState(false);
  const [lastLoaded, setLastLoaded] = useState<string | null>(null);

  const load = async (name: string, body: string) => {
    setError(null);
    const err = await onLoad(name, body);
    setError(err);
    if (!err) setLastLoaded(name);
    else setOpen(true);
  };

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      const f = e.dataTransfer?.files?.[0];
      setDragging(false);
      if (!f) return;
      e.preventDefault();
      void f.text().then((body) => {
        setText(body);
        return load(f.name, body);
      });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
    // `load` only closes over setters and the stable onLoad prop.
  }, [onLoad]);

  return (
    <section className="data-loader" aria-label="Your data">
      {dragging && <div className="drop-overlay">Drop a data file to load it</div>}
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="data-loader-toggle">
        {open ? 'Hide' : 'Load your own data…'}
      </button>
      {lastLoaded && !open && <span className="subtle small"> loaded {lastLoaded}</span>}
      {error && (
        <div className="error-box" role="alert" data-testid="data-error">
          Could not load the data{error.line !== undefined && !/^line \d+/.test(error.message) ? ` (line ${error.line})` : ''}: {error.message}. The current dataset is unchanged.
        </div>
      )}
      {open && (
        <div className="data-loader-body">
          <p className="subtle small">
            Paste promqltest <code>load</code> notation or Prometheus/OpenMetrics text with timestamps, pick a file, or drop one anywhere on the page.
          </p>
          <textarea
            aria-label="Data to load"
            data-testid="data-text"
            rows={8}
            spellCheck={false}
            value={text}
            placeholder={EXAMPLE}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="row">
            <button type="button" disabled={busy || text.trim() === ''} onClick={() => void load('pasted data', text)} data-testid="data-load">
              Load pasted data
            </button>
            <button type="button" className="secondary" onClick={() => setText(EXAMPLE)}>
              Insert example
            </button>
            <label className="file-label">
              <span className="secondary button-like">Choose file…</span>
              <input
                type="file"
                data-testid="data-file"
                className="visually-hidden"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void f.text().then((body) => { setText(body); return load(f.name, body); });
                  e.target.value = '';
                }}
              />
            </label>
          </div>
        </div>
      )}
    </section>
  );
}
