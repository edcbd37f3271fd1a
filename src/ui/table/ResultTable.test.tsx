import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ResultTable, TABLE_PAGE_ROWS } from './ResultTable.tsx';
import type { WireValue } from '../../worker/protocol.ts';

afterEach(cleanup);

function instant(values: number[], present?: number[]): WireValue {
  return {
    kind: 'vector',
    timestamps: Float64Array.of(60_000),
    labels: values.map((_, i) => [['__name__', 'm'], ['i', String(i).padStart(4, '0')]] as const),
    values: Float64Array.from(values),
    present: Uint8Array.from(present ?? values.map(() => 1)),
    ordered: false,
  };
}

const cellValues = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[1]?.textContent);

describe('ResultTable', () => {
  it('shows every present series with its labels and Prometheus-formatted value', () => {
    render(<ResultTable value={instant([1.5, Infinity, NaN, 7], [1, 1, 1, 0])} />);
    expect(cellValues()).toEqual(['1.5', '+Inf', 'NaN']);
    expect(screen.getAllByRole('row')[1].textContent).toContain('i="0000"');
  });

  it('sorts by value ascending then descending, NaN last, and back to engine order', () => {
    render(<ResultTable value={instant([3, NaN, -1, 10])} />);
    const header = screen.getByRole('button', { name: /Value/ });
    fireEvent.click(header);
    expect(cellValues()).toEqual(['-1', '3', '10', 'NaN']);
    fireEvent.click(header);
    expect(cellValues()).toEqual(['10', '3', '-1', 'NaN']);
    fireEvent.click(header);
    expect(cellValues()).toEqual(['3', 'NaN', '-1', '10']);
  });

  it('renders big results a page at a time', () => {
    const n = TABLE_PAGE_ROWS + 20;
    render(<ResultTable value={instant(Array.from({ length: n }, (_, i) => i))} />);
    expect(screen.getAllByRole('row')).toHaveLength(TABLE_PAGE_ROWS + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more' }));
    expect(screen.getAllByRole('row')).toHaveLength(n + 1);
  });

  it('shows scalars', () => {
    render(<ResultTable value={{ kind: 'scalar', timestamps: Float64Array.of(0), values: Float64Array.of(-Infinity) }} />);
    expect(cellValues()).toEqual(['-Inf']);
  });
});
