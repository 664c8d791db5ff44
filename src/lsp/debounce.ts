/**
 * Runs `task` `delayMs` after the last trigger, never two at once: a trigger during a run schedules one more
 * run after it, so the last edit is always scanned and bursts of keystrokes cost one scan.
 */
export class SerialDebouncer {
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;

  constructor(
    private readonly delayMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  trigger(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fire(), this.delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async fire(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.task();
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.trigger();
      }
    }
  }
}
