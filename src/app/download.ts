// Save a Blob as a download, as a link click would. Nothing leaves the machine: the URL is a
// blob: URL of memory the page holds, let go a minute later (once the download has started).
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
