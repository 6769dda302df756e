// Is this text a dump we read, and which format? Decided on the first non-blank line, with a
// one-line reason for everything we refuse: xe (`**** Xe Device Coredump ****` or an excerpt from
// one of its sections), i915 (`GPU HANG: ecode …`, `No error state collected`, or the pre-2015
// `Time: %ld s %ld us`), msm (`---`), amdgpu (`**** AMDGPU Device Coredump ****`).

const KNOWN_SECTIONS = new Set([
  'Xe Device Coredump', 'GT', 'GuC Log', 'GuC CT', 'Contexts', 'Job', 'HW Engines', 'VM state',
]);

export function sectionTitle(line: string): string | null {
  const m = /^\s*\*\*\*\* (.*?) \*\*\*\*\s*$/.exec(line);
  return m ? m[1] : null;
}

/** Magic numbers of compressed files that a user may feed us unpacked. */
export function compressedKind(head: Uint8Array): string | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0) return 'xz';
  if (head.length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bzip2';
  return null;
}

export type TextFormat = 'xe' | 'i915' | 'msm' | 'amdgpu';

export type Detection =
  | { ok: true; format: TextFormat; title: string; excerpt: boolean }
  | { ok: false; reason: string };

/** Judge the first non-blank line (BOM and line end already removed). */
export function detectFirstLine(line: string): Detection {
  const title = sectionTitle(line);
  if (title !== null) {
    if (title === 'Xe Device Coredump') return { ok: true, format: 'xe', title, excerpt: false };
    const base = title.replace(/ #\d+$/, '');
    if (KNOWN_SECTIONS.has(base)) return { ok: true, format: 'xe', title, excerpt: true };
    if (/^AMDGPU Device Coredump$/i.test(title)) return { ok: true, format: 'amdgpu', title, excerpt: false };
    return { ok: false, reason: `not an xe devcoredump: first section is "${clip(title)}", expected "**** Xe Device Coredump ****"` };
  }
  if (line.includes('\0')) return { ok: false, reason: 'not an xe devcoredump: the file is binary, not dump text' };
  if (/^GPU HANG: ecode/.test(line) || /^No error state collected/.test(line) || /^Time: -?\d+ s \d+ us\s*$/.test(line)) {
    return { ok: true, format: 'i915', title: 'i915 GPU error state', excerpt: false };
  }
  if (/^---\s*$/.test(line)) return { ok: true, format: 'msm', title: 'msm devcoredump', excerpt: false };
  if (/^\s*(\|\s*)?(\[\s*\d+\.\d+\]\s*)?(xe|i915) [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.\d+: /.test(line)
    || /\[drm\]/.test(line) || /^\s*\[\s*\d+\.\d+\] /.test(line)) {
    return { ok: false, reason: 'this is a kernel log (dmesg) excerpt, not a devcoredump: read /sys/class/drm/cardN/device/devcoredump/data instead' };
  }
  return { ok: false, reason: `not an xe devcoredump: first line is "${clip(line)}", expected "**** Xe Device Coredump ****"` };
}

function clip(s: string): string {
  const t = s.trim();
  const safe = t.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return safe.length > 60 ? safe.slice(0, 57) + '...' : safe;
}
