// A GPU address that jumps the hex view there; says so inline when no captured range holds it.
import { useViewStore } from '../store.ts';
import { usePanelsStore } from './panels-store.ts';

export function JumpButton({ jumpKey, address, text, label }: { jumpKey: string; address: bigint; text: string; label: string }) {
  const miss = usePanelsStore((s) => s.lastJump !== null && s.lastJump.key === jumpKey && !s.lastJump.ok);
  return (
    <span className="jump-wrap">
      <button
        type="button"
        className="jump mono"
        aria-label={`Go to ${label} ${text}`}
        title={`Show 0x${address.toString(16)} in the hex view`}
        onClick={() => usePanelsStore.getState().jump(jumpKey, address)}
      >
        {text}
      </button>
      {miss && <span className="jump-miss" role="status">outside captured ranges</span>}
    </span>
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
