/** The last queries run (newest first); picking one puts it in the editor. */
export function HistorySelect({ history, onPick }: { history: readonly string[]; onPick: (expr: string) => void }) {
  return (
    <select aria-label="Query history" className="history-select" value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
      <option value="">History</option>
      {history.map((h) => (
        <option key={h} value={h}>
          {h.length > 80 ? h.slice(0, 77) + '…' : h}
        </option>
      ))}
    </select>
  );
}
