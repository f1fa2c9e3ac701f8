import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

type Level = 'debug' | 'info' | 'warn' | 'error';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Structured log lines (JSON) in `<dataDir>/logs/nexus.log`, rotated at 5 MB, every line passed
 * through the redactor. Until a directory is set, nothing is written.
 */
class Logger {
  private file: string | null = null;

  setDirectory(dir: string): void {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'nexus.log');
  }

  get path(): string | null {
    return this.file;
  }

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.write('error', message, fields);
  }

  private write(level: Level, message: string, fields: Record<string, unknown>): void {
    if (!this.file) return;
    const line = redact(JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })) + '\n';
    try {
      if (statSafe(this.file) + line.length > MAX_BYTES) renameSync(this.file, `${this.file}.1`);
      appendFileSync(this.file, line);
    } catch {
      // Logging must never break the work it describes.
    }
  }
}

function statSafe(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export const log = new Logger();
