// CVDW's limit as the vendor CLI and integrators describe it: 20 requests per rolling minute per
// credential; the request over the limit is refused and the credential stays blocked until the
// window has fully cleared. Refused requests neither take a slot nor push the block further out, so
// the block never lasts longer than one window from the moment it started.

export class CvdwRateLimiter {
  private readonly admitted = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly seen = new Map<string, number[]>();
  /** The most requests one credential sent within any rolling window, refused ones included. */
  maxInWindow = 0;

  constructor(
    private readonly limit: { max: number; windowMs: number } | false,
    private readonly statsWindowMs: number,
  ) {}

  /** Counts every arrival, so a test can prove a client stayed under the limit. */
  observe(key: string, now: number): void {
    const times = listOf(this.seen, key);
    prune(times, now, this.statsWindowMs);
    times.push(now);
    this.maxInWindow = Math.max(this.maxInWindow, times.length);
  }

  /** True when the request may proceed; false means 429. */
  admit(key: string, now: number): boolean {
    if (!this.limit) return true;
    const until = this.blockedUntil.get(key);
    if (until !== undefined) {
      if (now < until) return false;
      this.blockedUntil.delete(key);
    }
    const times = listOf(this.admitted, key);
    prune(times, now, this.limit.windowMs);
    if (times.length >= this.limit.max) {
      this.blockedUntil.set(key, now + this.limit.windowMs);
      return false;
    }
    times.push(now);
    return true;
  }
}

function listOf(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function prune(times: number[], now: number, windowMs: number): void {
  let drop = 0;
  while (drop < times.length && times[drop] <= now - windowMs) drop++;
  if (drop > 0) times.splice(0, drop);
}
