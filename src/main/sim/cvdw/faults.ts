import type { CvdwFaults } from './server';

/** Slow answers go past the 5 s the vendor's own tests call too slow. */
const DEFAULT_SLOW_MS = 6000;
const DEFAULT_HTML_EVERY = 5;

/**
 * Parses the CLI's `--faults` list: `405`, `204`, `html5xx[:N[:STATUS]]` (every Nth request, default
 * 5 and 500), `slow[:MS]` (default 6000). Throws on anything else.
 */
export function parseCvdwFaults(spec: string): CvdwFaults {
  const faults: CvdwFaults = {};
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, a, b] = raw.split(':');
    const num = (v: string | undefined, fallback: number, what: string) => {
      if (v === undefined) return fallback;
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${what} em "${raw}" deve ser um inteiro positivo.`);
      return Number(v);
    };
    if (name === '405' && a === undefined) faults.notEnabled405 = true;
    else if (name === '204' && a === undefined) faults.emptyAs204 = true;
    else if (name === 'html5xx') {
      const status = num(b, 500, 'o status');
      if (status < 500 || status > 599) throw new Error(`o status em "${raw}" deve estar entre 500 e 599.`);
      faults.html5xx = { every: num(a, DEFAULT_HTML_EVERY, 'o intervalo'), status };
    } else if (name === 'slow' && b === undefined) faults.slowMs = num(a, DEFAULT_SLOW_MS, 'o atraso');
    else throw new Error(`falha desconhecida "${raw}"; use 405, 204, html5xx[:N[:STATUS]] ou slow[:MS].`);
  }
  return faults;
}
