// The family tables, resolved: each family's rows are its base's rows edited by its own changes.
import type { Family, FamilyTable, InstrDef } from '../types.ts';
import { GEN12 } from './gen12.ts';
import { GEN125 } from './gen125.ts';
import { XE2 } from './xe2.ts';
import { XE3 } from './xe3.ts';

export const FAMILY_TABLES: Readonly<Record<Family, FamilyTable>> = { gen12: GEN12, 'gen12.5': GEN125, xe2: XE2, xe3: XE3 };

const resolved = new Map<Family, InstrDef[]>();

/** Every row a family has (base rows edited by the family's changes and removals). */
export function familyTable(family: Family): InstrDef[] {
  const hit = resolved.get(family);
  if (hit) return hit;
  const t = FAMILY_TABLES[family];
  const base = t.base ? familyTable(t.base) : [];
  const byName = new Map<string, InstrDef>();
  for (const d of base) byName.set(d.name, d);
  for (const name of t.removed ?? []) byName.delete(name);
  for (const d of t.changed) byName.set(d.name, d);
  const rows = [...byName.values()];
  resolved.set(family, rows);
  return rows;
}
