/** The tool itself could not run (bad arguments, unreadable applicant.json …): exit code 2. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
