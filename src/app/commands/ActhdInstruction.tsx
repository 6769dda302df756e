// The hang summary's answer to "what was the GPU executing": the instruction ACTHD points into and
// the one before it, decoded in the worker with the same listing the Commands view shows.
import { useEffect } from 'react';
import { hexAddr } from '../hex/format.ts';
import { useDumpStore } from '../store.ts';
import { useCommandsStore } from './commands-store.ts';

export function ActhdInstruction({ address }: { address: bigint }) {
  const done = useDumpStore((s) => s.dump !== null);
  const platform = useCommandsStore((s) => s.platform);
  const key = address.toString(16);
  const loaded = useCommandsStore((s) => key in s.acthd);
  const r = useCommandsStore((s) => s.acthd[key] ?? null);
  useEffect(() => {
    if (done) void useCommandsStore.getState().loadInstructionAt(address);
  }, [done, address, platform]);
  if (!done || !loaded) return null;
  if (!r) return <span className="hang-note" data-testid="hang-acthd-instruction">(instruction: not decoded yet)</span>;
  const open = () => {
    useCommandsStore.getState().setMode('commands');
    useCommandsStore.getState().follow(r.at.address);
  };
  return (
    <span className="hang-instr">
      <span data-testid="hang-acthd-instruction">
        executing <strong className="mono">{r.at.name}</strong> <span className="mono hang-note">at {hexAddr(r.at.address)}</span>
      </span>
      {r.before && (
        <span data-testid="hang-acthd-before">
          after <span className="mono">{r.before.name}</span> <span className="mono hang-note">at {hexAddr(r.before.address)}</span>
        </span>
      )}
      <button type="button" className="hang-open" onClick={open}>
        Show in Commands
      </button>
    </span>
  );
}
