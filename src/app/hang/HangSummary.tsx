// The hang at a glance: why, which engine, which batch, where ACTHD sits in it, and the dwords
// around ACTHD, every address a link into the hex view. Logic in hang.ts.
import { useEffect, useMemo, useState } from 'react';
import { foldAddress } from '../../format/addr.ts';
import { humanBytes } from '../../format/units.ts';
import { selectSource, selectSummary, useDumpStore } from '../store.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { dwordWindow, dwordsOf, hangReport, hex32, hexA, type HangActhd, type HangReport } from './hang.ts';
import { XrefLink } from './XrefLink.tsx';
import { openAt } from '../hex/hex-store.ts';
import { PointerScan } from './PointerScan.tsx';
import { ActhdInstruction } from '../commands/ActhdInstruction.tsx';
import './hang.css';

export function HangSummary() {
  const summary = useDumpStore(selectSummary);
  const report = useMemo(() => (summary ? hangReport(summary) : null), [summary]);
  if (!summary || !report) return null;
  return (
    <section className="hang-summary" aria-label="Hang summary" data-testid="hang-summary">
      <h2>Hang</h2>
      <dl className="hang-list">
        {report.reason !== null && (
          <div className="hang-item hang-reason">
            <dt>Reason</dt>
            <dd data-testid="hang-reason" title={report.reason}>{report.reason}</dd>
          </div>
        )}
        <div className="hang-item">
          <dt>Engine</dt>
          <dd data-testid="hang-engine" className="mono">
            {report.engines.length > 0 ? report.engines.join(', ') : <span className="hang-note">none in HW Engines</span>}
          </dd>
        </div>
        {summary.format === 'amdgpu' && (
          <div className="hang-item">
            <dt>Memory</dt>
            <dd className="hang-note" data-testid="hang-no-memory">
              none: an amdgpu devcoredump carries registers, ring words and text, not GPU memory
            </dd>
          </div>
        )}
        {summary.format !== 'msm' && summary.format !== 'amdgpu' && <BatchItems report={report} />}
        {report.acthds.map((a) => (
          <ActhdItem key={a.xref.label} summary={summary} report={report} acthd={a} />
        ))}
        {report.fault && <FaultItem report={report} />}
      </dl>
      <PointerScan />
    </section>
  );
}

function BatchItems({ report }: { report: HangReport }) {
  if (report.batches.length === 0) {
    return (
      <div className="hang-item">
        <dt>Batch</dt>
        <dd className="hang-note">no batch_addr in the dump</dd>
      </div>
    );
  }
  return report.batches.map((b, i) => (
    <div key={i} className="hang-item" data-testid="hang-batch">
      <dt>{report.batches.length > 1 ? `Batch ${i}` : 'Batch'}</dt>
      <dd>
        <XrefLink address={b.xref.address} label={b.xref.label} captured={b.range !== null} />
        {b.range && b.start !== null && b.end !== null && (
          <span className="mono" data-testid="hang-batch-range">
            in range {b.range.index}: <XrefLink address={b.start} label={`range ${b.range.index} start`} captured />–{hexA(b.end)} ({humanBytes(b.size!)})
          </span>
        )}
      </dd>
    </div>
  ));
}

function ActhdItem({ summary, report, acthd }: { summary: DumpSummary; report: HangReport; acthd: HangActhd }) {
  const p = acthd.place;
  let where: React.ReactNode;
  if (p.kind === 'batch') {
    const b = report.batches[p.batch];
    where = (
      <span data-testid="hang-acthd-place">
        at <strong className="mono" data-testid="hang-acthd-offset">+{hexA(p.offset)}</strong> in the batch range (range {p.range})
        {b.xref.offset !== 0 && <span className="hang-note mono"> ({p.fromBatchAddr < 0 ? '-' : '+'}{hexA(Math.abs(p.fromBatchAddr))} from {b.xref.label})</span>}
      </span>
    );
  } else if (p.kind === 'other') {
    where = (
      <span data-testid="hang-acthd-place">
        at <strong className="mono" data-testid="hang-acthd-offset">+{hexA(p.offset)}</strong> in range {p.range}, not the batch range
      </span>
    );
  } else {
    where = null; // XrefLink says "outside every captured range"
  }
  return (
    <div className="hang-item" data-testid="hang-acthd">
      <dt>{acthd.register} <span className="mono">{acthd.engine}</span></dt>
      <dd>
        <XrefLink address={acthd.xref.address} label={`${acthd.engine} ${acthd.register}`} captured={p.kind !== 'outside'} />
        {where}
        {p.kind !== 'outside' && acthd.register === 'ACTHD' && <ActhdInstruction address={acthd.xref.address} />}
        {p.kind !== 'outside' && <ActhdWords summary={summary} address={acthd.xref.address} range={p.range} register={acthd.register} />}
      </dd>
    </div>
  );
}

interface Words {
  key: string;
  start: bigint;
  index: number;
  words: (number | null)[];
}

function FaultItem({ report }: { report: HangReport }) {
  const f = report.fault!;
  const p = f.place;
  const name = (r: number, n: string | null) => n ?? `range ${r}`;
  return (
    <div className="hang-item" data-testid="hang-fault">
      <dt>Fault</dt>
      <dd>
        <XrefLink address={f.xref.address} label="fault address" captured={p.kind === 'inside'} />
        <span data-testid="hang-fault-place">
          {p.kind === 'inside' && <> == <strong className="mono">{name(p.range, p.name)}</strong> +{hexA(p.offset)}</>}
          {p.kind === 'below' && <> nearest below: <strong className="mono">{name(p.range, p.name)}</strong> +{hexA(p.offset)}</>}
        </span>
        <span className="hang-note"> ({f.detail})</span>
      </dd>
    </div>
  );
}

function ActhdWords({ summary, address, range, register }: { summary: DumpSummary; address: bigint; range: number; register: string }) {
  const source = useDumpStore(selectSource);
  const r = summary.ranges[range];
  const win = useMemo(() => (r ? dwordWindow(address, foldAddress(r.address), r.length) : null), [r, address]);
  const key = win ? `${win.start}:${win.count}:${r?.decodedLength}` : '';
  const [words, setWords] = useState<Words | null>(null);
  useEffect(() => {
    if (!source || !win || !r?.hasData) return;
    let live = true;
    source.read({ kind: 'gpu' }, win.start, win.count * 4).then((res) => {
      if (!live) return;
      // The reply starts at win.start (inside the range); guard anyway.
      const skip = Number(win.start - res.address);
      const bytes = skip > 0 ? res.bytes.subarray(skip) : res.bytes;
      setWords({ key, start: win.start, index: win.index, words: dwordsOf(bytes, res.valid - Math.max(0, skip), win.count) });
    }, () => {});
    return () => {
      live = false;
    };
  }, [source, win, r?.hasData, key]);
  if (!r?.hasData) return <span className="hang-note">(range {range} has no captured bytes)</span>;
  const w = words?.key === key ? words : null;
  return (
    <>
      <span className="hang-dwords" data-testid="hang-dwords" aria-label={`Dwords around ${register} from ${w ? hexA(w.start) : '…'}`}>
        {w
          ? w.words.map((d, i) => (
              <span
                key={i}
                data-testid="hang-dword"
                className={`hang-dword${i === w.index ? ' hang-dword-at' : ''}`}
                title={hexA(w.start + BigInt(i * 4))}
                aria-current={i === w.index ? 'true' : undefined}
              >
                {d === null ? '????????' : hex32(d)}
              </span>
            ))
          : '…'}
      </span>
      <button type="button" className="hang-open" onClick={() => openAt(address)}>
        Open at {register}
      </button>
    </>
  );
}
