// Placeholder: to be built.
export function ProgressBar() {
  return null;
}
