/** A scan that cannot be read. The message says what is wrong, in Chinese first, for the report. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly reasonZh: string,
    readonly reasonEn: string,
  ) {
    super(`${file}: ${reasonEn}`);
    this.name = 'IngestError';
  }
}
