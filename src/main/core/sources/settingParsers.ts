/** Parsers for source settings: each returns the normalised value or throws a pt-BR message. */

export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`"${value}" não é uma URL válida (ex.: https://api2.ploomes.com)`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new Error(`use https:// (http:// só é aceito para 127.0.0.1/localhost): ${value}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function positiveInteger(min: number, max: number) {
  return (value: string): string => {
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`informe um número inteiro entre ${min} e ${max} (recebido "${value}")`);
    return String(n);
  };
}

export function flag(value: string): string {
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'sim', 'yes', 'on'].includes(v)) return '1';
  if (['0', 'false', 'nao', 'não', 'no', 'off', ''].includes(v)) return '0';
  throw new Error(`use 1 ou 0 (recebido "${value}")`);
}

export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}
