/** The part of unzipper 0.10 (exceljs' own unzip library) used to read an .xlsx by its central directory. */
declare module 'unzipper/lib/Open/directory' {
  import type { Readable } from 'node:stream';

  export interface ZipSource {
    /** Bytes from `offset` (to the end of the file, or `length` bytes). */
    stream(offset: number, length?: number): Readable;
    size(): Promise<number>;
  }
  export interface ZipEntry {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    /** The inflated bytes of the entry. */
    stream(password?: string): Readable;
  }
  export interface ZipDirectory {
    files: ZipEntry[];
  }
  export default function directory(source: ZipSource, options?: Record<string, unknown>): Promise<ZipDirectory>;
}
