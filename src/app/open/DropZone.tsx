// Placeholder: to be built.
export function DropZone() {
  return null;
}
