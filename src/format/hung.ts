// Which engines hung, in every format: one answer for the hang summary, the header strip, share links
// and the command-stream decoder (src/format/gpu). Pure.
import type { DumpModel } from './model.ts';

export type HungInput = Pick<DumpModel, 'engines'> & Partial<Pick<DumpModel, 'format'>> & { ranges?: readonly { name?: string }[] };

/**
 * The engines that hung. xe prints only the hung queue's engines; an i915 error state prints every
 * engine, and the hung one is the one whose batch was captured; an msm devcoredump prints every
 * ring, and the busy ones have RPTR ≠ WPTR (or fences not yet retired).
 */
export function hungEngines(summary: HungInput): string[] {
  if (summary.format === 'i915') {
    const hung = summary.engines.filter((e) => (summary.ranges ?? []).some((r) => r.name === `${e.name} batch`)).map((e) => e.name);
    return hung.length ? hung : summary.engines.filter((e) => e.name !== 'global').map((e) => e.name);
  }
  if (summary.format === 'msm') {
    const rings = summary.engines.filter((e) => e.registers.some((r) => r.name === 'RPTR'));
    const busy = rings.filter((e) => {
      const reg = (n: string) => e.registers.find((r) => r.name === n)?.value;
      return reg('RPTR') !== reg('WPTR') || e.attributes['last-fence'] !== e.attributes['retired-fence'];
    });
    return (busy.length ? busy : rings).map((e) => e.name);
  }
  return summary.engines.map((e) => e.name);
}

