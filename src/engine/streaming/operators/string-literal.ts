/** StringLiteral as a StringOperator. Holds no buffers. */
import type { StringOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';

export class StringLiteralOperator implements StringOperator {
  readonly kind = 'string' as const;
  constructor(readonly grid: StepGrid, private readonly text: string) {}
  value(): string {
    return this.text;
  }
  close(): void {}
}
