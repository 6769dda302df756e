// Placeholder: to be built.
export function ErrorBanner() {
  return null;
}
