// A GPU address shown in the hang summary: a button that jumps the hex view there (and puts the
// hex cursor on it). Says so plainly when no captured range holds it.
import { useState } from 'react';
import { useViewStore } from '../store.ts';
import { useHexStore } from '../hex/hex-store.ts';
import { hexA } from './hang.ts';

/** Jump the hex view to `address` and put the cursor on it; false when no captured range holds it. */
export function openAt(address: bigint): boolean {
  const ok = useViewStore.getState().goTo(address);
  if (ok) useHexStore.getState().setCursor(useViewStore.getState().address ?? address);
  return ok;
}

export function XrefLink({ address, label, captured, text }: { address: bigint; label: string; captured: boolean; text?: string }) {
  const [missed, setMissed] = useState(false);
  const shown = text ?? hexA(address);
  return (
    <span className="jump-wrap">
      <button
        type="button"
        className="jump mono"
        aria-label={`Go to ${label} ${shown}`}
        title={`Show ${hexA(address)} in the hex view`}
        onClick={() => setMissed(!openAt(address))}
      >
        {shown}
      </button>
      {(!captured || missed) && <span className="hang-miss">outside every captured range</span>}
    </span>
  );
}
