// Placeholder: to be built.
export function HexPane() {
  return null;
}
