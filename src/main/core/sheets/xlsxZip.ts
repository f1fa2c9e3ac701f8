import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import directory, { type ZipEntry } from 'unzipper/lib/Open/directory';

/**
 * An .xlsx opened by its zip central directory, so each part (workbook, shared strings, styles, one
 * worksheet) is read on its own, in the order we need, straight from the file.
 *
 * exceljs' streaming WorkbookReader reads the zip in one pass instead, and that pass sometimes drops
 * entries (exceljs issue #3064: its iterateStream pauses unzipper's Parse stream, which then ends
 * without delivering the rest). Excel and exceljs store xl/workbook.xml last, so the lost entry is
 * usually the workbook itself and the read fails at random, about one read in a thousand here.
 *
 * Every byte stream opened on the file is tracked and destroyed by close(), so an import that stops
 * early leaves no file handle behind (on Windows one would keep the staged file from being removed).
 */
export class XlsxZip {
  private readonly byPath: Map<string, ZipEntry>;

  private constructor(
    entries: ZipEntry[],
    private readonly streams: Set<Readable>,
  ) {
    this.byPath = new Map(entries.filter((e) => e.type === 'File').map((e) => [normalise(e.path), e]));
  }

  static async open(file: string): Promise<XlsxZip> {
    const streams = new Set<Readable>();
    const source = {
      stream(offset: number, length?: number): ReadStream {
        // unzipper's own file source does the same (its `end` is one past the range; harmless).
        const s = createReadStream(file, { start: offset, end: length ? offset + length : undefined });
        streams.add(s);
        s.once('close', () => streams.delete(s));
        return s;
      },
      size: async () => (await stat(file)).size,
    };
    try {
      const dir = await directory(source);
      return new XlsxZip(dir.files, streams);
    } catch (err) {
      for (const s of streams) s.destroy();
      throw err;
    }
  }

  has(path: string): boolean {
    return this.byPath.has(normalise(path));
  }

  /** The inflated bytes of one part, or null when the zip has no such part. */
  stream(path: string): Readable | null {
    const entry = this.byPath.get(normalise(path));
    if (!entry) return null;
    const s = entry.stream();
    this.streams.add(s);
    s.once('close', () => this.streams.delete(s));
    return s;
  }

  close(): void {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
  }
}

/** Zip paths as the workbook's relationships name them: no leading slash, any case. */
function normalise(path: string): string {
  return path.replace(/^\/+/, '').replace(/\\/g, '/').toLowerCase();
}

/** The zip path of a relationship target written relative to xl/ (or absolute from the root). */
export function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}
