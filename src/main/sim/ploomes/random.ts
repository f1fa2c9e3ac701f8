// Every generated value is a pure function of (seed, stream, index, draw), so any record can be
// rebuilt on demand from its index without holding the dataset in memory, and the same seed always
// gives byte-identical data.

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) for the given coordinates. */
export function unitAt(seed: number, stream: number, index: number, draw: number): number {
  return finish(mixWord(mixWord(mixWord(mixWord(0x2545f491, seed), stream), index), draw)) / 4_294_967_296;
}

/** A sequence of draws for one record: the n-th call always returns the same number. */
export class Draws {
  private draw = 0;

  constructor(
    private readonly seed: number,
    private readonly stream: number,
    private readonly index: number,
  ) {}

  unit(): number {
    return unitAt(this.seed, this.stream, this.index, this.draw++);
  }

  chance(probability: number): boolean {
    return this.unit() < probability;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.unit() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.unit() * items.length)];
  }

  /** Picks by relative weight; `weights` is parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.unit() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i];
      if (x < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.unit();
    const v = this.unit();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  digits(count: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(this.int(0, 9));
    return out;
  }
}

/** Stream identifiers: one per kind of record and purpose, so adding a draw to one never shifts another. */
export const Stream = {
  contactCore: 11,
  contactDetail: 12,
  contactPhones: 13,
  contactExtras: 14,
  contactName: 15,
  contactCity: 16,
  contactTags: 17,
  dealCore: 21,
  dealDetail: 22,
  dealExtras: 23,
  dealTags: 24,
  dealYearEnd: 25,
  dealDeletion: 26,
  catalog: 31,
  latency: 41,
} as const;
