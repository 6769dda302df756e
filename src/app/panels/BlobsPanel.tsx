// HWSP / HWCTX / LOG / CTB buffers: a click shows the blob in the hex view.
import type { DumpSummary } from '../../protocol/worker-api.ts';
import { useViewStore } from '../store.ts';
import { ContextRegisters } from '../commands/ContextRegisters.tsx';
import { blobAttributes, blobStatus, humanBytes } from './format.ts';

function selectBlob(index: number): void {
  useViewStore.getState().select({ kind: 'blob', index });
}

export function BlobsPanel({ summary }: { summary: DumpSummary }) {
  const target = useViewStore((s) => s.target);
  const selected = target?.kind === 'blob' ? target.index : null;
  if (summary.blobs.length === 0) {
    return <div className="panel-body"><p className="empty">No binary buffers in this dump.</p></div>;
  }
  return (
    <div className="panel-body">
      <div className="table-scroll">
        <table className="ptable blobs" role="grid" aria-label="Binary buffers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Section</th>
              <th scope="col" className="num">Length</th>
              <th scope="col" className="num">GuC ID</th>
              <th scope="col">Attributes</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {summary.blobs.map((b) => {
              const status = blobStatus(b);
              const isSel = b.index === selected;
              return (
                <tr
                  key={b.index}
                  data-testid="blob-row"
                  tabIndex={0}
                  aria-selected={isSel}
                  className={isSel ? 'selected' : undefined}
                  onClick={() => selectBlob(b.index)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      selectBlob(b.index);
                    }
                  }}
                >
                  <td className="mono">{b.name}</td>
                  <td>{b.section}</td>
                  <td className="num" title={`${b.length} bytes (0x${b.length.toString(16)})`}>{humanBytes(b.length)}</td>
                  <td className="num">{b.gucId ?? ''}</td>
                  <td className="mono props">{blobAttributes(b)}</td>
                  <td className={`status status-${status.kind}`}>{status.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ContextRegisters summary={summary} />
    </div>
  );
}
