// The hex pane's header line (what the target is: range or blob, span, size, properties, errors)
// and the message shown instead of the grid when a target has no bytes. Render only.
import type { ReactNode } from 'react';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { MASK64 } from '../../format/addr.ts';
import { groupDigits, hexAddress, humanBytes } from '../../format/text.ts';
import type { HexTarget } from './target.ts';

export function noDataMessage(dump: DumpSummary, t: HexTarget): string {
  if (t.length === 0) return `This ${t.kind} is empty (0 bytes).`;
  if (t.kind === 'range') {
    const r = dump.ranges[t.index];
    if (r.error) return `No data: the kernel could not capture this range (error ${r.error}).`;
    const props = r.properties;
    const sparse = props?.type === 'null_sparse' || /\bnull_sparse\b/.test(props?.raw ?? '');
    if (sparse) return 'No data: this is a null (sparse) mapping with no backing memory, so nothing was captured.';
    return 'No data: the dump has no contents for this range.';
  }
  const b = dump.blobs[t.index];
  if (b.error) return `No data: capturing this blob failed (${b.error}).`;
  return 'No data: the dump has no contents for this blob.';
}

export function HexHeader({ dump, t }: { dump: DumpSummary; t: HexTarget }) {
  const end = t.start + BigInt(t.length);
  const size = `${humanBytes(t.length)}${t.length >= 1024 ? ` (${groupDigits(t.length)} bytes)` : ''}`;
  const parts: ReactNode[] = [];
  let error: string | null;
  if (t.kind === 'range') {
    const r = dump.ranges[t.index];
    parts.push(<strong key="n">Range {t.index}</strong>);
    parts.push(
      <span key="a" className="mono" title="start – end (end exclusive)">
        {hexAddress(t.start)}–{hexAddress(end)}
      </span>,
    );
    if ((r.address & MASK64) !== t.start) {
      parts.push(<span key="c" className="mono hex-dim">printed as {hexAddress(r.address & MASK64)}</span>);
    }
    parts.push(<span key="s">{size}</span>);
    if (r.part) {
      parts.push(
        <span key="part" className="hex-part" data-testid="hex-part">
          part of range <span className="mono">{hexAddress(r.part.start)}</span> ({humanBytes(r.part.length)}): only these bytes came with the link
        </span>,
      );
    }
    if (r.properties) parts.push(<span key="p" className="mono">{r.properties.raw}</span>);
    error = r.error;
  } else {
    const b = dump.blobs[t.index];
    parts.push(<strong key="n">Blob {b.name}</strong>);
    if (b.section) parts.push(<span key="sec">in “{b.section}”</span>);
    if (b.gucId !== null) parts.push(<span key="g">GuC ID {b.gucId}</span>);
    parts.push(
      <span key="a" className="mono" title="offsets, end exclusive">
        {hexAddress(0n)}–{hexAddress(end)}
      </span>,
    );
    parts.push(<span key="s">{size}</span>);
    error = b.error;
  }
  const truncated = t.hasData && t.decodedLength < t.length;
  return (
    <div className="hex-header" data-testid="hex-header">
      {parts.map((p, i) => (
        <span key={i} className="hex-header-part">
          {p}
        </span>
      ))}
      {error !== null && <span className="hex-header-part hex-error">error {error}</span>}
      {truncated && (
        <span className="hex-header-part hex-warning">
          truncated: {groupDigits(t.decodedLength)} of {groupDigits(t.length)} bytes decoded, the rest shows as ??
        </span>
      )}
    </div>
  );
}
