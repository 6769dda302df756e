// Placeholder: to be built.
export function Welcome() {
  return null;
}
