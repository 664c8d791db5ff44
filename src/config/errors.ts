/** A problem with the user's configuration or command line: printed without a stack, exit code 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(message);
  }

  /** `.vibeaudit.yml:4: rules.hardcoded-secrets: unknown rule id` */
  describe(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    const key = this.key ? `${this.key}: ` : '';
    return `${where}${key}${this.message}`;
  }
}

export class UsageError extends ConfigError {}
