/**
 * Raw pixels as every step after ingest sees them: interleaved, 8 bits a sample, no header.
 * RGB for colour pages (seals need colour), 1 channel for grey work images.
 */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}
