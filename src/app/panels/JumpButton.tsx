// A GPU address that jumps the hex view there; says so inline when no captured range holds it.
import { useViewStore } from '../store.ts';
import { usePanelsStore } from './panels-store.ts';
import { AddressButton } from '../common/AddressButton.tsx';

export function JumpButton({ jumpKey, address, text, label }: { jumpKey: string; address: bigint; text: string; label: string }) {
  const miss = usePanelsStore((s) => s.lastJump !== null && s.lastJump.key === jumpKey && !s.lastJump.ok);
  return (
    <AddressButton
      address={address}
      text={text}
      label={label}
      onJump={() => usePanelsStore.getState().jump(jumpKey, address)}
      miss={miss ? { text: 'outside captured ranges', className: 'jump-miss', status: true } : null}
    />
  );
}

export function LineButton({ line }: { line: number }) {
  if (line <= 0) return <span className="muted">—</span>;
  return (
    <button type="button" className="linebtn mono" aria-label={`Show source line ${line}`} onClick={() => useViewStore.getState().showLine(line)}>
      {line}
    </button>
  );
}
