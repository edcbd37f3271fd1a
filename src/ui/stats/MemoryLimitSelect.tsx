/** The tracked-memory limit applied to both evaluators (null = none). */
import { formatBytes } from '../state/format.ts';

/** Limits offered, bytes. */
export const MEMORY_LIMITS = [1, 4, 16, 64, 256].map((m) => m * 1024 * 1024);

export function MemoryLimitSelect({ value, onChange }: { value: number | null; onChange: (bytes: number | null) => void }) {
  return (
    <label className="small">
      Memory limit{' '}
      <select data-testid="memory-limit" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        <option value="">none</option>
        {MEMORY_LIMITS.map((b) => (
          <option key={b} value={b}>
            {formatBytes(b)}
          </option>
        ))}
      </select>
    </label>
  );
}
