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

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/** A file-system error in words, with its code for searching: `it is a folder, not a file (EISDIR)`. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (!code) return err instanceof Error ? err.message : String(err);
  return FS_REASONS[code] ? `${FS_REASONS[code]}, ${code}` : code;
}
