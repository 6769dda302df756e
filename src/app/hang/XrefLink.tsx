// A GPU address shown in the hang summary: a button that jumps the hex view there (and puts the
// hex cursor on it). Says so plainly when no captured range holds it.
import { useState } from 'react';
import { openAt } from '../hex/hex-store.ts';
import { hexAddress } from '../../format/text.ts';
import { AddressButton } from '../common/AddressButton.tsx';

export function XrefLink({ address, label, captured, text }: { address: bigint; label: string; captured: boolean; text?: string }) {
  const [missed, setMissed] = useState(false);
  return (
    <AddressButton
      address={address}
      text={text ?? hexAddress(address)}
      label={label}
      onJump={() => setMissed(!openAt(address))}
      miss={!captured || missed ? { text: 'outside every captured range', className: 'hang-miss' } : null}
    />
  );
}
