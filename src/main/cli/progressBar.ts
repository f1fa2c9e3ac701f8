import { formatDuration, formatInteger } from '../../shared/format';
import type { JobProgress } from '../../shared/jobs';

/**
 * Job progress on stderr: a redrawn bar on a terminal, a line every few seconds (and at every phase
 * change) when stderr is a file or a pipe.
 */
export class ProgressPrinter {
  private lastPhase = '';
  private lastLine = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(p: JobProgress): void {
    const line = describe(p);
    if (this.stream.isTTY) {
      const width = Math.max(20, (this.stream.columns ?? 100) - 1);
      this.stream.write(`\r${line.slice(0, width).padEnd(width)}`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    if (p.phase !== this.lastPhase || now - this.lastLine > 2000) {
      this.stream.write(`${line}\n`);
      this.lastPhase = p.phase;
      this.lastLine = now;
    }
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

function describe(p: JobProgress): string {
  const parts = [`${p.phase}`];
  if (p.total !== null && p.total > 0) {
    const ratio = Math.min(1, p.done / p.total);
    const cells = 24;
    const full = Math.round(ratio * cells);
    parts.push(`${'█'.repeat(full)}${'░'.repeat(cells - full)} ${formatInteger(p.done)}/${formatInteger(p.total)} ${p.unit}`);
  } else {
    parts.push(`${formatInteger(p.done)} ${p.unit}`);
  }
  if (p.ratePerSecond !== null) parts.push(`${formatInteger(p.ratePerSecond)}/s`);
  if (p.etaSeconds !== null) parts.push(`faltam ${formatDuration(p.etaSeconds)}`);
  if (p.message) parts.push(p.message);
  return parts.join(' · ');
}
