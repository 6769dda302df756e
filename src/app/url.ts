// The URL mirrors what the hex view shows: ?range=0x…&addr=0x… (or ?blob=N&addr=0x…), so a reload
// returns there and Back/Forward walk the ranges and jumps. Placeholder until wired (see App).
export function useUrlSync(): void {}
