// Faults injected by request number. "After N" means requests N+1 .. N+count (every request is
// counted, whatever its outcome), so a client sees the fault after N requests went through.

export interface PloomesSimFaults {
  /** Every request after the Nth gets 403, like an expired key. */
  forbiddenAfterRequests?: number;
  /** A burst of `count` 5xx (default 503, HTML body, as a proxy sends) after N requests. */
  serverErrors?: { afterRequests: number; count: number; status?: number };
  slow?: { afterRequests: number; count: number; delayMs: number };
  /** 200 whose JSON body is cut in the middle: the socket ends before Content-Length bytes. */
  truncated?: { afterRequests: number; count: number };
  /** Forced 429s regardless of the rate window. */
  storm429?: { afterRequests: number; count: number; retryAfterSeconds?: number };
}

/** Whether request number `n` (1-based) falls in a burst. */
export function inBurst(burst: { afterRequests: number; count: number } | undefined, n: number): boolean {
  return !!burst && n > burst.afterRequests && n <= burst.afterRequests + burst.count;
}

const GRAMMAR = 'forbidden@N, 5xx@NxC[:status], slow@NxC:ms, truncated@NxC, 429@NxC[:seconds]';

/**
 * Parses the CLI fault syntax: a comma-separated list of
 *   forbidden@N           every request after the Nth gets 403 (expired key)
 *   5xx@NxC[:status]      C server errors after N requests (status 500-599, default 503)
 *   slow@NxC:ms           C responses delayed by ms after N requests
 *   truncated@NxC         C responses cut mid-body after N requests
 *   429@NxC[:seconds]     C forced 429s after N requests, Retry-After seconds (default 1)
 * e.g. "forbidden@50,5xx@10x3,slow@5x2:2000,truncated@7x1,429@20x5:2". Each kind may appear once.
 */
export function parsePloomesFaults(spec: string): PloomesSimFaults {
  const faults: PloomesSimFaults = {};
  const seen = new Set<string>();
  for (const rawItem of spec.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const m = /^([a-z0-9]+)@(\d+)(?:x(\d+))?(?::(\d+))?$/i.exec(item);
    if (!m) throw new Error(`Invalid Ploomes fault "${item}": expected one of ${GRAMMAR}.`);
    const kind = m[1].toLowerCase();
    const after = Number(m[2]);
    const count = m[3] === undefined ? undefined : Number(m[3]);
    const param = m[4] === undefined ? undefined : Number(m[4]);
    if (seen.has(kind)) throw new Error(`Invalid Ploomes faults "${spec}": "${kind}" is given more than once.`);
    seen.add(kind);
    const needCount = (): number => {
      if (count === undefined || count < 1) throw new Error(`Invalid Ploomes fault "${item}": ${kind} needs a count of at least 1, as in ${kind}@${after}x3.`);
      return count;
    };
    const noParam = () => {
      if (param !== undefined) throw new Error(`Invalid Ploomes fault "${item}": ${kind} takes no ":value".`);
    };
    switch (kind) {
      case 'forbidden':
        if (count !== undefined) throw new Error(`Invalid Ploomes fault "${item}": forbidden takes no count (every request after N fails), as in forbidden@${after}.`);
        noParam();
        faults.forbiddenAfterRequests = after;
        break;
      case '5xx': {
        const status = param ?? 503;
        if (status < 500 || status > 599) throw new Error(`Invalid Ploomes fault "${item}": the status must be between 500 and 599.`);
        faults.serverErrors = { afterRequests: after, count: needCount(), status };
        break;
      }
      case 'slow':
        if (param === undefined) throw new Error(`Invalid Ploomes fault "${item}": slow needs a delay in ms, as in slow@${after}x${count ?? 1}:2000.`);
        faults.slow = { afterRequests: after, count: needCount(), delayMs: param };
        break;
      case 'truncated':
        noParam();
        faults.truncated = { afterRequests: after, count: needCount() };
        break;
      case '429':
        if (param !== undefined && param < 1) throw new Error(`Invalid Ploomes fault "${item}": Retry-After seconds must be at least 1.`);
        faults.storm429 = { afterRequests: after, count: needCount(), ...(param !== undefined ? { retryAfterSeconds: param } : {}) };
        break;
      default:
        throw new Error(`Invalid Ploomes fault "${item}": unknown kind "${m[1]}"; expected one of ${GRAMMAR}.`);
    }
  }
  return faults;
}
