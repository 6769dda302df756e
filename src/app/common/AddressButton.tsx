// A GPU address drawn as a button that jumps the hex view there, with an inline note when no
// captured range holds it. The callers decide what a click does and when the note shows.
import { hexAddress } from '../../format/text.ts';

export function AddressButton({ address, text, label, onJump, miss }: {
  address: bigint;
  text: string;
  label: string;
  onJump: () => void;
  /** The note shown after the button (null: none) and its class. */
  miss: { text: string; className: string; status?: boolean } | null;
}) {
  return (
    <span className="jump-wrap">
      <button type="button" className="jump mono" aria-label={`Go to ${label} ${text}`} title={`Show ${hexAddress(address)} in the hex view`} onClick={onJump}>
        {text}
      </button>
      {miss && <span className={miss.className} role={miss.status ? 'status' : undefined}>{miss.text}</span>}
    </span>
  );
}
