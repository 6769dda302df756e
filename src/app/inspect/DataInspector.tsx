// The data inspector: the (up to) 8 bytes at the hex cursor read as integers, floats, binary and
// a GPU address that can be followed. Conversions live in convert.ts; bytes come from the
// ByteSource of the open dump.
import { useMemo, type ReactNode } from 'react';
import { findRangeAt, foldAddress } from '../../format/addr.ts';
import { openAt, useHexStore } from '../hex/hex-store.ts';
import { selectSummary, useDumpStore } from '../store.ts';
import { binary, formatF32, formatFloat, gpuAddress, hex, inspect, type Pair } from './convert.ts';
import { useInspectStore } from './inspect-store.ts';
import './automation.ts';

const DASH = '—';

const dec = (v: number | bigint | null) => (v === null ? DASH : v.toString());
const unsigned = (v: number | bigint | null, digits: number): ReactNode =>
  v === null ? DASH : (
    <>
      <span className="insp-dec">{v.toString()}</span> <span className="insp-hex">{hex(v, digits)}</span>
    </>
  );
const orDash = <T,>(v: T | null, f: (x: T) => string) => (v === null ? DASH : f(v));

function Row({ name, id, le, be }: { name: string; id: string; le: ReactNode; be?: ReactNode }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      {be === undefined ? (
        <td colSpan={2} data-testid={`insp-${id}`}>{le}</td>
      ) : (
        <>
          <td data-testid={`insp-${id}-le`}>{le}</td>
          <td data-testid={`insp-${id}-be`}>{be}</td>
        </>
      )}
    </tr>
  );
}

function pairRow<T>(name: string, id: string, p: Pair<T>, f: (x: T) => ReactNode) {
  return <Row name={name} id={id} le={p.le === null ? DASH : f(p.le)} be={p.be === null ? DASH : f(p.be)} />;
}

function GpuAddressRow({ value }: { value: bigint | null }) {
  const summary = useDumpStore(selectSummary);
  const dumpOpen = useDumpStore((s) => s.dump !== null);
  const g = value === null ? null : gpuAddress(value);
  const range = g && summary ? findRangeAt(summary.ranges, g.address) : undefined;
  const follow = () => {
    if (g) openAt(g.address);
  };
  // `f` follows it too (shortcuts/registry.ts, inspect-store.ts).
  if (g === null) return <Row name="GPU address" id="gpu" le={DASH} />;
  const note = g.form === 'canonical' ? 'canonical form, folded' : g.form === 'masked' ? 'masked to 48 bits' : null;
  return (
    <Row
      name="GPU address"
      id="gpu"
      le={
        <div className="insp-gpu">
          <span className="insp-gpu-address">{hex(g.address, 12)}</span>
          {note && <span className="insp-note"> ({note})</span>}
          <div className="insp-gpu-where">
            {range ? (
              <>
                <span className="insp-note">in range {hex(foldAddress(range.address), 0)} </span>
                <button type="button" className="insp-follow" onClick={follow} disabled={!dumpOpen} aria-label={`Follow ${hex(g.address, 0)}`}>
                  Follow
                </button>
              </>
            ) : (
              <span className="insp-note">not in a captured range</span>
            )}
          </div>
        </div>
      }
    />
  );
}

export function DataInspector() {
  // The bytes at the cursor are read by inspect-store.ts.
  const cursor = useHexStore((s) => s.cursor);
  const outside = useInspectStore((s) => s.outside);
  const stored = useInspectStore((s) => s.read);
  const read = stored && stored.cursor === cursor ? stored : null;
  const v = useMemo(() => inspect(read?.bytes ?? new Uint8Array(0)), [read]);
  if (cursor === null) return <p className="insp-message">Place the cursor on a byte in the hex view to inspect it.</p>;
  if (outside) return <p className="insp-message">The cursor is outside the shown range.</p>;
  return (
    <div className="insp-values" aria-busy={read === null || undefined}>
      <p className="insp-at mono" data-testid="insp-at">
        at {hex(cursor, 0)}
        {read && read.bytes.length < 8 && <span className="insp-note"> · {read.bytes.length} byte{read.bytes.length === 1 ? '' : 's'} to the end of the data</span>}
      </p>
      <table className="insp-table mono">
        <thead>
          <tr>
            <th scope="col">type</th>
            <th scope="col">little endian</th>
            <th scope="col">big endian</th>
          </tr>
        </thead>
        <tbody>
          <Row name="u8" id="u8" le={unsigned(v.u8, 2)} />
          <Row name="i8" id="i8" le={dec(v.i8)} />
          {pairRow('u16', 'u16', v.u16, (x) => unsigned(x, 4))}
          {pairRow('i16', 'i16', v.i16, (x) => dec(x))}
          {pairRow('u32', 'u32', v.u32, (x) => unsigned(x, 8))}
          {pairRow('i32', 'i32', v.i32, (x) => dec(x))}
          {pairRow('u64', 'u64', v.u64, (x) => unsigned(x, 16))}
          {pairRow('i64', 'i64', v.i64, (x) => dec(x))}
          {pairRow('f16', 'f16', v.f16, formatFloat)}
          {pairRow('f32', 'f32', v.f32, formatF32)}
          {pairRow('f64', 'f64', v.f64, formatFloat)}
          <Row name="bin u8" id="bin8" le={orDash(v.u8, (x) => binary(x, 8))} />
          <Row name="bin u32 LE" id="bin32" le={orDash(v.u32.le, (x) => binary(x, 32))} />
          <GpuAddressRow value={v.u64.le} />
        </tbody>
      </table>
    </div>
  );
}
