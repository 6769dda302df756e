// The diagnostics of a parse, capped: past MAX_DIAGNOSTICS they are counted, and one line says how
// many were left out. Shared by every format's interpreter.
import type { Diagnostic, Severity } from './model.ts';

export const MAX_DIAGNOSTICS = 1000;

export class DiagnosticLog {
  private suppressed = 0;

  constructor(private readonly list: Diagnostic[], private readonly max = MAX_DIAGNOSTICS) {}

  add(line: number, severity: Severity, message: string): void {
    if (this.list.length >= this.max) {
      this.suppressed++;
      return;
    }
    this.list.push({ line, severity, message });
  }

  /** End of input: say how many were left out. */
  close(): void {
    if (this.suppressed > 0) {
      this.list.push({ line: 0, severity: 'warning', message: `${this.suppressed} further diagnostics not shown` });
      this.suppressed = 0;
    }
  }
}
