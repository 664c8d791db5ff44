/** A one-line progress bar on stderr for long scans; silent when stderr is not a terminal. */
export function progressBar(write: (s: string) => void, enabled: boolean, width = 28) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!enabled || total < 50) return;
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
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
