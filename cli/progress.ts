/**
 * A one-line progress bar redrawn in place (carriage return), for imports that take long
 * enough to wonder about. Draws nothing without a terminal: `write` is then undefined.
 */
export class ProgressBar {
  private shown = '';

  constructor(
    private readonly write: ((text: string) => void) | undefined,
    private readonly label: string,
    private readonly width = 30,
  ) {}

  /** Redraws when the whole percentage changes, so a million updates cost a hundred writes. */
  update(phase: string, done: number, total: number): void {
    if (!this.write || total <= 0) return;
    const percent = Math.min(100, Math.floor((done / total) * 100));
    const key = `${phase} ${percent}`;
    if (key === this.shown) return;
    this.shown = key;
    const filled = Math.round((percent / 100) * this.width);
    this.write(`\r\x1b[2K${this.label} ${phase} [${'#'.repeat(filled)}${' '.repeat(this.width - filled)}] ${percent}%`);
  }

  /** Erases the bar, so the summary line that follows stands alone. */
  clear(): void {
    if (this.write && this.shown !== '') this.write('\r\x1b[2K');
    this.shown = '';
  }
}
