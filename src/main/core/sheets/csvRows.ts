import { createReadStream } from 'node:fs';
import { sheetErrors } from './sheetErrors';
import type { SheetCell, SheetRow } from './sheetRows';

type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const CHUNK = 256 * 1024;
/** Enough text to see a title block and the header, and to count delimiters on many lines. */
const SNIFF_CHARS = 64 * 1024;

/**
 * Streams the records of a CSV as Excel would show them: UTF-8 (with or without BOM), UTF-16 with
 * BOM, or Windows-1252 when the bytes are not valid UTF-8; delimiter `;`, `,` or tab, detected;
 * quoted fields with `""` and line breaks inside; an Excel `sep=;` first line honoured.
 */
export async function* csvRows(file: string, name: string): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(await detectEncoding(file));
  const text = new CsvText();
  let rowNumber = 0;
  const input = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      for (const record of text.push(decoder.decode(chunk, { stream: true }))) yield { rowNumber: ++rowNumber, cells: record.map(toCell) };
    }
  } finally {
    input.destroy();
  }
  const last = text.finish(decoder.decode());
  for (const record of last.records) yield { rowNumber: ++rowNumber, cells: record.map(toCell) };
  if (last.unclosedQuote) throw sheetErrors.unclosedQuote(name, rowNumber + 1);
}

/** Holds text back until there is enough of it to choose the delimiter, then parses as it comes. */
class CsvText {
  private parser: CsvParser | null = null;
  private sample = '';

  push(text: string): string[][] {
    const out: string[][] = [];
    if (this.parser) {
      this.parser.feed(text, out);
    } else {
      this.sample += text;
      if (this.sample.length >= SNIFF_CHARS) this.begin(out);
    }
    return out;
  }

  finish(text: string): { records: string[][]; unclosedQuote: boolean } {
    const records = this.push(text);
    const parser = this.parser ?? this.begin(records);
    return { records, unclosedQuote: parser.end(records) };
  }

  private begin(out: string[][]): CsvParser {
    const sep = /^sep=([;,\t])\r?\n/i.exec(this.sample);
    const parser = new CsvParser(sep ? sep[1] : detectDelimiter(this.sample));
    parser.feed(sep ? this.sample.slice(sep[0].length) : this.sample, out);
    this.sample = '';
    this.parser = parser;
    return parser;
  }
}

function toCell(text: string): SheetCell {
  return text === '' ? null : text;
}

/**
 * The whole file is checked before parsing: one stray Windows-1252 byte far down the file must not
 * turn the accents read before it into garbage.
 */
async function detectEncoding(file: string): Promise<CsvEncoding> {
  const input = createReadStream(file, { highWaterMark: CHUNK });
  const check = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
        if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
      }
      check.decode(chunk, { stream: true });
    }
    check.decode();
    return 'utf-8';
  } catch (err) {
    if (err instanceof TypeError) return 'windows-1252';
    throw err;
  } finally {
    input.destroy();
  }
}

const CANDIDATES = [';', ',', '\t'];

/**
 * The delimiter that splits the most lines into the same number of fields. Counting alone would
 * pick the comma in a `;` file full of "1.234,56" amounts.
 */
export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 200);
  if (lines.length > 1) lines.pop(); // probably cut in the middle
  let best = ';';
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const frequency = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter);
      if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    }
    for (const [perLine, lineCount] of frequency) {
      const score = perLine * lineCount;
      if (score > bestScore) {
        bestScore = score;
        best = delimiter;
      }
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) n++;
  }
  return n;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the end of the field, or the first half of `""`. */
  QuoteInQuoted,
  /** After a CR, which may be followed by the LF of a CRLF. */
  AfterCr,
}

/** An incremental RFC 4180 parser: text goes in chunk by chunk, whole records come out. */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  feed(text: string, out: string[][]): void {
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          this.state = State.FieldStart;
          break;
        case State.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            i++;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          this.field += text.slice(i, j);
          if (j === n) return;
          this.terminate(c, out);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          if (j < 0) {
            this.field += text.slice(i);
            return;
          }
          this.field += text.slice(i, j);
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === d || c === LF || c === CR) {
            this.terminate(c, out);
            i++;
          } else {
            // `"abc"def`: Excel keeps the stray text; so do we.
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
  }

  /** Flushes the last record; true when the text ended inside a quoted field. */
  end(out: string[][]): boolean {
    if (this.state === State.Quoted) return true;
    if (this.state === State.AfterCr || (this.state === State.FieldStart && this.record.length === 0)) return false;
    this.record.push(this.field);
    out.push(this.record);
    this.record = [];
    this.field = '';
    this.state = State.FieldStart;
    return false;
  }

  private terminate(c: number, out: string[][]): void {
    this.record.push(this.field);
    this.field = '';
    if (c === this.delimiter) {
      this.state = State.FieldStart;
      return;
    }
    out.push(this.record);
    this.record = [];
    this.state = c === CR ? State.AfterCr : State.FieldStart;
  }
}
