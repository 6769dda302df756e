// Placeholder: to be built.
import type { DumpSummary } from '../protocol.ts';
export function Sidebar(_props: { summary: DumpSummary }) {
  return null;
}
