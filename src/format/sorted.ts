// Binary search over ascending numbers (checkpoint tables, anchor lists).

/** The index of the first element greater than `v` (the array's length when there is none). */
export function upperBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
