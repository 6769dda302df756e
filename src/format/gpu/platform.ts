// Platform detection: `IP ver` of the main GT (GMD ID, Meteor Lake and later) when non-zero,
// else the PCI device id (older parts print `IP ver: 0.0.0`). PCI ids from the kernel's
// include/drm/intel/pciids.h (xe_pci.c lists which the xe driver binds), written as our own table.
import type { DumpHeader } from '../model.ts';
import type { Family } from './types.ts';

export interface PlatformInfo {
  /** Short id: "tgl", "dg2", "bmg", … */
  id: string;
  /** Marketing name. */
  name: string;
  family: Family;
}

export const PLATFORMS: readonly PlatformInfo[] = [
  { id: 'tgl', name: 'Tiger Lake', family: 'gen12' },
  { id: 'rkl', name: 'Rocket Lake', family: 'gen12' },
  { id: 'adl-s', name: 'Alder Lake-S / Raptor Lake-S', family: 'gen12' },
  { id: 'adl-p', name: 'Alder Lake-P / Raptor Lake-P/U', family: 'gen12' },
  { id: 'adl-n', name: 'Alder Lake-N', family: 'gen12' },
  { id: 'dg1', name: 'DG1', family: 'gen12' },
  { id: 'dg2', name: 'DG2 (Alchemist)', family: 'gen12.5' },
  { id: 'mtl', name: 'Meteor Lake', family: 'gen12.5' },
  { id: 'arl', name: 'Arrow Lake', family: 'gen12.5' },
  { id: 'lnl', name: 'Lunar Lake', family: 'xe2' },
  { id: 'bmg', name: 'Battlemage', family: 'xe2' },
  { id: 'ptl', name: 'Panther Lake', family: 'xe3' },
];

/** The platforms of each family, for an override menu. */
export function platformById(id: string): PlatformInfo | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

const PCI: Record<string, readonly number[]> = {
  tgl: [0x9a40, 0x9a49, 0x9a59, 0x9a60, 0x9a68, 0x9a70, 0x9a78, 0x9ac0, 0x9ac9, 0x9ad9, 0x9af8],
  rkl: [0x4c80, 0x4c8a, 0x4c8b, 0x4c8c, 0x4c90, 0x4c9a],
  'adl-s': [0x4680, 0x4682, 0x4688, 0x468a, 0x468b, 0x4690, 0x4692, 0x4693, 0xa780, 0xa781, 0xa782, 0xa783, 0xa788, 0xa789, 0xa78a, 0xa78b],
  'adl-p': [
    0x4626, 0x4628, 0x462a, 0x46a0, 0x46a1, 0x46a2, 0x46a3, 0x46a6, 0x46a8, 0x46aa, 0x46b0, 0x46b1, 0x46b2, 0x46b3, 0x46c0, 0x46c1, 0x46c2, 0x46c3,
    0xa720, 0xa721, 0xa7a0, 0xa7a1, 0xa7a8, 0xa7a9, 0xa7aa, 0xa7ab, 0xa7ac, 0xa7ad,
  ],
  'adl-n': [0x46d0, 0x46d1, 0x46d2, 0x46d3, 0x46d4],
  dg1: [0x4905, 0x4906, 0x4907, 0x4908, 0x4909],
  dg2: [
    0x4f80, 0x4f81, 0x4f82, 0x4f83, 0x4f84, 0x4f85, 0x4f86, 0x4f87, 0x4f88, 0x5690, 0x5691, 0x5692, 0x5693, 0x5694, 0x5695, 0x5696, 0x5697,
    0x56a0, 0x56a1, 0x56a2, 0x56a3, 0x56a4, 0x56a5, 0x56a6, 0x56b0, 0x56b1, 0x56b2, 0x56b3, 0x56ba, 0x56bb, 0x56bc, 0x56bd, 0x56be, 0x56bf,
    0x56c0, 0x56c1, 0x56c2,
  ],
  mtl: [0x7d40, 0x7d45, 0x7d55, 0x7d60, 0x7dd5],
  arl: [0x7d41, 0x7d51, 0x7d67, 0x7dd1, 0xb640],
  lnl: [0x6420, 0x64a0, 0x64b0],
  bmg: [0xe202, 0xe209, 0xe20b, 0xe20c, 0xe20d, 0xe210, 0xe211, 0xe212, 0xe215, 0xe216, 0xe220, 0xe221, 0xe222, 0xe223],
  ptl: [0xb080, 0xb081, 0xb082, 0xb083, 0xb084, 0xb085, 0xb086, 0xb087, 0xb08f, 0xb090, 0xb0a0, 0xb0b0],
};

const BY_PCI = new Map<number, PlatformInfo>();
for (const [id, ids] of Object.entries(PCI)) for (const x of ids) BY_PCI.set(x, platformById(id)!);

/** The platform of a PCI device id, or undefined. */
export function platformFromPciId(pciId: number): PlatformInfo | undefined {
  return BY_PCI.get(pciId);
}

/**
 * The family of a graphics IP version (GMD ID "major.minor"): 12.0–12.49 Gen12, 12.50–12.74
 * Gen12.5 (DG2 12.55, MTL 12.70/12.71, ARL 12.74), 20.x Xe2 (BMG 20.01, LNL 20.04), 30.x Xe3.
 */
export function familyFromIpVersion(major: number, minor: number): Family | undefined {
  if (major === 12) return minor >= 50 ? 'gen12.5' : 'gen12';
  if (major === 20) return 'xe2';
  if (major === 30) return 'xe3';
  return undefined;
}

function platformFromIp(major: number, minor: number): PlatformInfo | undefined {
  if (major === 12 && minor === 55) return platformById('dg2');
  if (major === 12 && (minor === 70 || minor === 71)) return platformById('mtl');
  if (major === 12 && minor === 74) return platformById('arl');
  if (major === 20 && minor === 1) return platformById('bmg');
  if (major === 20 && minor === 4) return platformById('lnl');
  if (major === 30) return platformById('ptl');
  return undefined;
}

export interface PlatformDetection {
  platform: PlatformInfo | null;
  family: Family;
  /** How it was found. */
  source: 'ip-ver' | 'pci-id' | 'default';
  /** e.g. "IP ver 20.1.4 of GT0 (main)", "PCI ID 0x9a49", "no IP ver or known PCI ID: Gen12 assumed". */
  detail: string;
}

/**
 * The platform of a dump. The main GT's `IP ver` (GMD ID) wins when non-zero; else the PCI ID;
 * else Gen12 (the oldest family the xe driver supports) with that said in `detail`.
 */
export function detectPlatform(header: Pick<DumpHeader, 'gts' | 'pciId'>): PlatformDetection {
  const main = header.gts.find((g) => g.type === 'main') ?? header.gts[0];
  const m = main?.ipVersion ? /^(\d+)\.(\d+)/.exec(main.ipVersion) : null;
  if (m && (Number(m[1]) !== 0 || Number(m[2]) !== 0)) {
    const major = Number(m[1]);
    const minor = Number(m[2]);
    const family = familyFromIpVersion(major, minor);
    if (family) {
      const byIp = platformFromIp(major, minor);
      const byPci = header.pciId !== null ? platformFromPciId(header.pciId) : undefined;
      const platform = byPci && byPci.family === family ? byPci : byIp ?? byPci ?? null;
      return { platform, family, source: 'ip-ver', detail: `IP ver ${main!.ipVersion} of GT${main!.id}${main!.type ? ` (${main!.type})` : ''}` };
    }
  }
  if (header.pciId !== null) {
    const p = platformFromPciId(header.pciId);
    if (p) return { platform: p, family: p.family, source: 'pci-id', detail: `PCI ID 0x${header.pciId.toString(16)}` };
  }
  return {
    platform: null,
    family: 'gen12',
    source: 'default',
    detail: header.pciId !== null ? `unknown PCI ID 0x${header.pciId.toString(16)}: Gen12 assumed` : 'no IP ver or PCI ID: Gen12 assumed',
  };
}
