/**
 * The PromQL editor: CodeMirror 6 with codemirror-promql for highlighting and completion
 * (fed from the worker's metadata), diagnostics from the worker's parser and checker
 * (codemirror-promql's own linter is off), Ctrl/Cmd+Enter to run.
 */
import { useEffect, useRef } from 'react';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import type { EngineClient } from '../../worker/client.ts';
import type { Diagnostic, Metadata } from '../../worker/protocol.ts';
import { WorkerPrometheusClient } from './worker-prometheus-client.ts';
import { editorTheme } from './highlight.ts';

export interface QueryEditorProps {
  readonly value: string;
  readonly onChange: (expr: string) => void;
  readonly onRun: () => void;
  readonly engine: EngineClient;
  readonly metadata: Metadata | null;
  /** Called with the latest diagnostics of the worker's check. */
  readonly onDiagnostics?: (d: readonly Diagnostic[]) => void;
}

export function QueryEditor({ value, onChange, onRun, engine, metadata, onDiagnostics }: QueryEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Callbacks change every render; the editor is built once and reads them through refs.
  const latest = useRef({ onChange, onRun, onDiagnostics, metadata });
  latest.current = { onChange, onRun, onDiagnostics, metadata };

  useEffect(() => {
    const promql = new PromQLExtension()
      .activateLinter(false)
      .setComplete({ remote: new WorkerPrometheusClient(engine, () => latest.current.metadata), maxMetricsMetadata: 10_000 });
    const workerLinter = linter(
      async (v): Promise<CmDiagnostic[]> => {
        const text = v.state.doc.toString();
        if (text.trim() === '') {
          latest.current.onDiagnostics?.([]);
          return [];
        }
        const r = await engine.check(text);
        if (!r.ok || v.state.doc.toString() !== text) return [];
        latest.current.onDiagnostics?.(r.diagnostics);
        const len = text.length;
        return r.diagnostics.map((d) => {
          const from = Math.min(d.from, len);
          // An empty range (error at end of input) still needs something to underline.
          const to = Math.min(Math.max(d.to, from === len ? from : from + 1), len);
          return { from: from === len && len > 0 && to === from ? len - 1 : from, to: to === from && len > 0 ? len : to, severity: d.severity, message: d.message };
        });
      },
      { delay: 200 },
    );
    const state = EditorState.create({
      doc: value,
      extensions: [
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                latest.current.onRun();
                return true;
              },
            },
          ]),
        ),
        history(),
        closeBrackets(),
        bracketMatching(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        placeholder('Expression (press Ctrl/Cmd+Enter to run)'),
        // codemirror-promql only contributes a completion source; this turns completion on.
        autocompletion({ activateOnTyping: true }),
        promql.asExtension(),
        workerLinter,
        editorTheme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'PromQL expression', 'data-testid': 'query-input' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once per engine client; `value` changes are pushed below.
  }, [engine]);

  // Replace the document when the value changes from outside (history, examples, URL).
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="query-editor" ref={host} />;
}
