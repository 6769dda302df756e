// Placeholder: to be built.
export function OpenControls() {
  return null;
}
