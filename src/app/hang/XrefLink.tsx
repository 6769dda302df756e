// A GPU address shown in the hang summary: a button that jumps the hex view there (and puts the
// hex cursor on it). Says so plainly when no captured range holds it.
import { useState } from 'react';
import { openAt } from '../hex/hex-store.ts';
import { hexAddress } from '../../format/text.ts';

export function XrefLink({ address, label, captured, text }: { address: bigint; label: string; captured: boolean; text?: string }) {
  const [missed, setMissed] = useState(false);
  const shown = text ?? hexAddress(address);
  return (
    <span className="jump-wrap">
      <button
        type="button"
        className="jump mono"
        aria-label={`Go to ${label} ${shown}`}
        title={`Show ${hexAddress(address)} in the hex view`}
        onClick={() => setMissed(!openAt(address))}
      >
        {shown}
      </button>
      {(!captured || missed) && <span className="hang-miss">outside every captured range</span>}
    </span>
  );
}
