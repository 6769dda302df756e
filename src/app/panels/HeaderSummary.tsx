// Placeholder: to be built.
import type { DumpSummary } from '../protocol.ts';
export function HeaderSummary(_props: { summary: DumpSummary }) {
  return null;
}
