import { formatDuration, formatInteger } from '../../shared/format';
import type { JobProgress } from '../../shared/jobs';

/**
 * Job progress on stderr: a redrawn bar on a terminal; when stderr is a file or a pipe, one line per
 * finished phase plus a line every few seconds during a long one.
 */
export class ProgressPrinter {
  private last: JobProgress | null = null;
  private lastLine = Date.now();
  private lastText = '';
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(p: JobProgress): void {
    if (this.stream.isTTY) {
      const width = Math.max(20, (this.stream.columns ?? 100) - 1);
      this.stream.write(`\r${describe(p).slice(0, width).padEnd(width)}`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    if (this.last && this.last.phase !== p.phase && this.last.phase !== 'starting') {
      this.line(describe(this.last));
      this.lastLine = now;
    } else if (now - this.lastLine > 3000 && p.done > 0) {
      this.line(describe(p));
      this.lastLine = now;
    }
    this.last = p;
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
    else if (this.last && this.last.phase !== 'starting') this.line(describe(this.last));
    this.drawn = false;
    this.last = null;
  }

  private line(text: string): void {
    if (text === this.lastText) return;
    this.lastText = text;
    this.stream.write(`${text}\n`);
  }
}

export function describe(p: JobProgress): string {
  const parts = [p.phase];
  if (p.unit) {
    if (p.total !== null && p.total > 0) {
      const ratio = Math.min(1, p.done / p.total);
      const cells = 24;
      const full = Math.round(ratio * cells);
      parts.push(`${'█'.repeat(full)}${'░'.repeat(cells - full)} ${formatInteger(p.done)}/${formatInteger(p.total)} ${p.unit}`);
    } else {
      parts.push(`${formatInteger(p.done)} ${p.unit}`);
    }
  }
  if (p.ratePerSecond !== null && p.ratePerSecond > 0 && p.unit) parts.push(`${formatInteger(p.ratePerSecond)} ${p.unit}/s`);
  if (p.etaSeconds !== null && p.total !== null && p.done < p.total) parts.push(`faltam ${formatDuration(p.etaSeconds)}`);
  if (p.message) parts.push(p.message);
  return parts.join(' · ');
}
