// The hex view's toolbar (Go to address, Back/Forward, display options) and status bar.
import { useMemo, useRef, useState } from 'react';
import { useFocusTarget } from '../shortcuts/focus-request.ts';
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { lengthText } from './cursor.ts';
import { planGoto, rangeSpans } from './goto.ts';
import { selectionOf, useHexStore, type BytesPerRow, type GroupSize } from './hex-store.ts';
import type { HexTarget } from './target.ts';
import { formatAddress } from '../../format/text.ts';

/** Focus the grid of the hex pane (after a jump: the arrows then move the cursor). */
function focusGrid(from: Element | null) {
  requestAnimationFrame(() => {
    const pane = from?.closest('.hex-pane') ?? document;
    pane.querySelector<HTMLElement>('[data-testid="hex-view"]')?.focus({ preventScroll: true });
  });
}

export function HexToolbar({ dump, t }: { dump: DumpSummary; t: HexTarget | null }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const spans = useMemo(() => rangeSpans(dump.ranges), [dump]);

  // Ctrl+G (shortcuts/registry.ts) asks for the focus here.
  useFocusTarget('goto', inputRef);

  const jump = () => {
    const plan = planGoto(text, {
      spans,
      current: t ? { kind: t.kind, start: t.start, length: t.length, label: t.label } : null,
    });
    if (plan.kind === 'error') {
      setMessage(plan.message);
      return;
    }
    const view = useViewStore.getState();
    if (plan.kind === 'goto') {
      if (!view.goTo(plan.address)) {
        setMessage('No dump is open.');
        return;
      }
    } else {
      view.select(view.target, plan.address);
    }
    useHexStore.getState().setCursor(plan.address);
    setMessage(null);
    focusGrid(inputRef.current);
  };

  return (
    <div className="hex-toolbar" role="toolbar" aria-label="Hex view tools" data-testid="hex-toolbar">
      <div className="hex-toolbar-row">
        <button type="button" className="hex-tbtn" aria-label="Back" title="Back (Alt+Left)" onClick={() => history.back()}>
          ←
        </button>
        <button type="button" className="hex-tbtn" aria-label="Forward" title="Forward (Alt+Right)" onClick={() => history.forward()}>
          →
        </button>
        <label className="hex-goto">
          <span>Go to address</span>
          <input
            ref={inputRef}
            className="mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="0x… or +offset"
            title="Go to address (Ctrl+G)"
            value={text}
            aria-describedby="hex-goto-msg"
            aria-invalid={message !== null || undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (message !== null) setMessage(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                jump();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setMessage(null);
                focusGrid(inputRef.current);
              }
            }}
          />
        </label>
        <HexOptions />
      </div>
      <div id="hex-goto-msg" className="hex-goto-msg" role="status" data-testid="hex-goto-message">
        {message}
      </div>
    </div>
  );
}

/** One labelled drop-down of the display options. */
function OptionSelect<V extends string | number>({ label, name, value, choices, disabled, onPick }: {
  label: string;
  name: string;
  value: V;
  choices: readonly (readonly [V, string])[];
  disabled?: boolean;
  onPick: (v: V) => void;
}) {
  return (
    <label>
      {label}
      <select
        aria-label={name}
        value={value}
        disabled={disabled}
        onChange={(e) => onPick(choices.find(([v]) => String(v) === e.target.value)![0])}
      >
        {choices.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </label>
  );
}

const GROUPS = [[1, '1 byte'], [2, '2 bytes'], [4, '4 bytes'], [8, '8 bytes']] as const;
const ORDERS = [['le', 'little-endian'], ['be', 'big-endian']] as const;
const ROWS = [[8, '8 bytes'], [16, '16 bytes'], [32, '32 bytes']] as const;
const LABELS = [['address', 'absolute'], ['offset', 'offsets']] as const;

function HexOptions() {
  const o = useHexStore((s) => s.options);
  const set = useHexStore((s) => s.setOptions);
  return (
    <div className="hex-options" role="group" aria-label="Display options">
      <OptionSelect label="Group" name="Group size" value={o.group} choices={GROUPS} onPick={(v: GroupSize) => set({ group: v })} />
      <OptionSelect
        label="Order"
        name="Byte order in groups"
        value={o.littleEndian ? 'le' : 'be'}
        choices={ORDERS}
        disabled={o.group === 1}
        onPick={(v) => set({ littleEndian: v === 'le' })}
      />
      <OptionSelect label="Row" name="Bytes per row" value={o.bytesPerRow} choices={ROWS} onPick={(v: BytesPerRow) => set({ bytesPerRow: v })} />
      <OptionSelect label="Labels" name="Row labels" value={o.offsets ? 'offset' : 'address'} choices={LABELS} onPick={(v) => set({ offsets: v === 'offset' })} />
      <label>
        <input type="checkbox" checked={o.ascii} onChange={(e) => set({ ascii: e.target.checked })} />
        ASCII column
      </label>
      <label>
        <input type="checkbox" checked={o.dimZeros} onChange={(e) => set({ dimZeros: e.target.checked })} />
        Dim zero bytes
      </label>
    </div>
  );
}

export function HexStatus({ t }: { t: HexTarget | null }) {
  const cursor = useHexStore((s) => s.cursor);
  const anchor = useHexStore((s) => s.anchor);
  const sel = selectionOf({ cursor, anchor });
  const inside = (a: bigint) => t !== null && a >= t.start && a < t.start + BigInt(t.length);
  let text: string;
  if (!t || cursor === null || !inside(cursor)) {
    text = 'No cursor: click a byte, use Go to address, or press ← / → in the grid.';
  } else {
    const w = t.kind === 'range' ? 16 : t.addrWidth;
    const parts = [
      t.kind === 'range' ? `Cursor 0x${formatAddress(cursor, w)}` : `Cursor offset 0x${formatAddress(cursor, w)}`,
    ];
    if (t.kind === 'range') parts.push(`offset 0x${(cursor - t.offsetBase).toString(16)}`);
    if (sel) {
      parts.push(`Selection 0x${formatAddress(sel.start, w)}–0x${formatAddress(sel.end - 1n, w)}`);
      parts.push(lengthText(sel.end - sel.start));
    }
    text = parts.join(' · ');
  }
  return (
    <div className="hex-status mono" role="status" aria-live="polite" data-testid="hex-status">
      {text}
    </div>
  );
}
