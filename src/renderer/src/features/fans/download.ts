/** Saves text as a file through the browser's download (the same in Electron's window and a browser). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click starts the download at once; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
