/**
 * Hands bytes to the browser as a download (browser mode: the page cannot write to the trader's
 * disk itself, and a file under the data folder never reached the machine the browser runs on).
 */
export function downloadBase64(fileName: string, mimeType: string, contentBase64: string): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL is freed once the browser has it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
