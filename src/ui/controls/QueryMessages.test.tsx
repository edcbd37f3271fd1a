import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryMessages, errorPosition } from './QueryMessages.tsx';

afterEach(cleanup);

describe('query messages', () => {
  it('adds the position only when the message has no line:col prefix', () => {
    const expr = 'sum(\n  rate(x)\n)';
    expect(errorPosition(expr, { kind: 'type', code: 'bad_arg', message: 'expected type range vector', range: { from: 12, to: 13 } })).toBe(' (at line 2, column 8)');
    expect(errorPosition(expr, { kind: 'parse', code: 'syntax', message: '2:8: parse error: x', range: { from: 12, to: 13 } })).toBe('');
    expect(errorPosition(expr, { kind: 'eval', code: 'x', message: 'boom' })).toBe('');
  });

  it('marks a stale result and lists annotations of a fresh one', () => {
    const { rerender } = render(
      <QueryMessages error={{ error: { kind: 'eval', code: 'many_to_many', message: 'many-to-many matching not allowed' }, expr: 'a + b' }} stale response={null} annotations={[]} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Error (eval): many-to-many matching not allowed');
    expect(screen.getByRole('alert').textContent).toContain('previous query');
    rerender(<QueryMessages error={null} stale={false} response={null} annotations={[{ severity: 'info', message: 'PromQL info: x', range: { from: 0, to: 1 } }]} />);
    expect(screen.getByTestId('annotations').textContent).toBe('PromQL info: x');
  });
});
