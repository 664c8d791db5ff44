/** Scans that end sooner than this draw nothing: a bar that flashes for a moment is noise. */
const DELAY_MS = 1000;

/** A one-line progress bar on stderr for scans longer than about a second; silent when disabled. */
export function progressBar(write: (s: string) => void, enabled: boolean, width = 28, now: () => number = Date.now) {
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!enabled || total < 50) return;
      const at = now();
      if (at - started < DELAY_MS || (at - last < 80 && done < total)) return;
      last = at;
      const filled = Math.round((done / total) * width);
      write(`\r  scanning [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} files`);
      shown = true;
    },
    clear() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
