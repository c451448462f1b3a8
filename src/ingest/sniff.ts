/** File formats the tool reads, recognised by their first bytes, never by the file name. */
export type ScanFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'bmp' | 'pdf';

export function sniffFormat(head: Uint8Array): ScanFormat | null {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0x00) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0x00 && b(3) === 0x2a)) return 'tiff';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'webp';
  if (b(0) === 0x42 && b(1) === 0x4d) return 'bmp';
  // A PDF may carry a little junk before its header; the spec allows the header within the first 1024 bytes.
  const text = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  if (text.includes('%PDF-')) return 'pdf';
  return null;
}
