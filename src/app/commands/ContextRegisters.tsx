// The register table of a context image (HWCTX): every MI_LOAD_REGISTER_IMM pair as register name,
// offset and value, decoded in the worker; the LRC's ring head and tail beside the engine's
// RING_HEAD / RING_TAIL registers. Shown in the Blobs panel for the HWCTX blob selected (or the first).
import { useEffect } from 'react';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { useCommandsStore } from './commands-store.ts';
import { contextBlob, ringComparison } from './context.ts';
import { hex32 } from './format.ts';

export function ContextRegisters({ summary }: { summary: DumpSummary }) {
  const target = useViewStore((s) => s.target);
  const blob = contextBlob(summary, target);
  const platform = useCommandsStore((s) => s.platform);
  const loaded = useCommandsStore((s) => blob !== null && blob.index in s.contexts);
  const img = useCommandsStore((s) => (blob ? s.contexts[blob.index] ?? null : null));
  const index = blob?.index ?? -1;
  useEffect(() => {
    if (index >= 0 && summary.done) void useCommandsStore.getState().loadContext(index);
  }, [index, summary.done, platform]);
  if (!blob) return null;
  const title = `Context registers of ${blob.name}${blob.section ? ` (${blob.section})` : ''}`;
  const ring = img ? ringComparison(img, summary.engines) : [];
  return (
    <section className="ctx-regs" aria-label={title} data-testid="context-registers">
      <h3>{title}</h3>
      {!loaded || !img ? (
        <p className="empty" role="status">{loaded ? 'Could not decode this context image.' : 'Decoding…'}</p>
      ) : (
        <>
          {ring.length > 0 && (
            <table className="ptable ctx-ring" aria-label="Ring head and tail: context image and engine">
              <thead>
                <tr>
                  <th scope="col">Register</th>
                  <th scope="col">In the context image (LRC)</th>
                  <th scope="col">Engine {ring[0].engine ?? ''}</th>
                </tr>
              </thead>
              <tbody>
                {ring.map((r) => (
                  <tr key={r.name} data-testid="context-ring-row">
                    <th scope="row" className="mono">{r.name}</th>
                    <td className="mono">{r.lrc === null ? '—' : '0x' + hex32(r.lrc)}</td>
                    <td className="mono">{r.mmio === null ? '—' : '0x' + hex32(r.mmio)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {img.diagnostics.map((d, i) => (
            <p key={i} className="ctx-diag">{d}</p>
          ))}
          {/* Focusable, so the keyboard scrolls it (the table has no focusable cells). */}
          <div className="table-scroll ctx-scroll" role="region" aria-label={`${blob.name} registers, scrollable`} tabIndex={0}>
            <table className="ptable" aria-label={`${blob.name} registers`}>
              <thead>
                <tr>
                  <th scope="col">Register</th>
                  <th scope="col">Offset</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {img.registers.map((r, i) => (
                  <tr key={i} data-testid="context-register">
                    <th scope="row" className={`mono${r.name ? '' : ' muted'}`}>{r.name ?? 'unknown'}</th>
                    <td className="mono">0x{r.offset.toString(16)}</td>
                    <td className="mono">0x{hex32(r.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
