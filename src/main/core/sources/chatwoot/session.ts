import pg from 'pg';
import { UserError } from '../../errors';
import { registerSecret } from '../../log/redact';
import { openSshTunnel, type SshTunnel } from '../../net/sshTunnel';

/** What the connector needs to reach the Chatwoot database (settings + keychain secrets). */
export interface ChatwootConnection {
  /** postgres://user@host:port/database, never with a password. */
  url: string;
  password: string | null;
  /** disable | require | verify-full */
  ssl: string;
  ssh?: { host: string; port: number; user: string; password: string | null; privateKey: string | null };
}

/** A read-only session on the Chatwoot database (and the tunnel under it, if any). */
export interface ChatwootSession {
  client: pg.Client;
  close(): Promise<void>;
}

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * Chatwoot's timestamps are `timestamp without time zone` holding UTC. They become epoch
 * milliseconds, floored: flooring keeps every comparison with a whole-millisecond boundary as
 * PostgreSQL makes it with the microsecond value.
 */
export function utcTimestampToMs(text: string): number {
  // Millions of these per sync: fixed-position digits when the text is the server's usual
  // 'YYYY-MM-DD HH:MM:SS[.ffffff]', the general pattern otherwise.
  if (text.length >= 19 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58) {
    const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
    const month = digit(text, 5) * 10 + digit(text, 6);
    const day = digit(text, 8) * 10 + digit(text, 9);
    let ms = 0;
    if (text.length > 20 && text.charCodeAt(19) === 46) {
      ms = digit(text, 20) * 100 + (text.length > 21 ? digit(text, 21) * 10 : 0) + (text.length > 22 ? digit(text, 22) : 0);
    }
    const seconds = (digit(text, 11) * 10 + digit(text, 12)) * 3600 + (digit(text, 14) * 10 + digit(text, 15)) * 60 + digit(text, 17) * 10 + digit(text, 18);
    return daysFromCivil(year, month, day) * 86_400_000 + seconds * 1000 + ms;
  }
  const m = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`Data do Chatwoot em formato inesperado: ${text}`);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + ms;
}

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return utcTimestampToMs;
    if (oid === INT8_OID) return Number;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Parses the `url` setting: a postgres:// URL with user, host and database, and no password. */
export function chatwootUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`"${value}" não é uma URL do PostgreSQL (ex.: postgres://leitura@chatwoot.suaempresa.com.br:5432/chatwoot_production)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`use uma URL postgres:// (recebido ${url.protocol}//)`);
  if (url.password) throw new Error('não coloque a senha na URL: salve-a no cofre com "nexus secret set <empresa> chatwoot password" (ou em Configurações > Chatwoot)');
  if (!url.username) throw new Error('informe o usuário de leitura na URL (ex.: postgres://leitura@host:5432/chatwoot_production)');
  if (!url.hostname) throw new Error('informe o servidor na URL (ex.: postgres://leitura@host:5432/chatwoot_production)');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('informe o banco na URL (ex.: postgres://leitura@host:5432/chatwoot_production)');
  return `postgres://${url.username}@${url.host}/${encodeURIComponent(database)}`;
}

export function sslMode(value: string): string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'disable' || v === '0' || v === 'off') return 'disable';
  if (v === 'require' || v === '1' || v === 'on') return 'require';
  if (v === 'verify-full') return 'verify-full';
  throw new Error(`use disable, require ou verify-full (recebido "${value}")`);
}

function where(connection: ChatwootConnection): string {
  const url = new URL(connection.url);
  const target = `${url.hostname}:${url.port || 5432}`;
  return connection.ssh ? `${target} (pelo túnel SSH ${connection.ssh.host}:${connection.ssh.port})` : target;
}

/** One pt-BR sentence for a failure to open the session (reference: PostgreSQL error codes). */
export function describeConnectFailure(err: unknown, connection: ChatwootConnection): UserError {
  if (err instanceof UserError) return err;
  const e = err as { code?: string; message?: string };
  const url = new URL(connection.url);
  const db = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username);
  const at = where(connection);
  const message = e.message ?? String(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return new UserError(`O PostgreSQL do Chatwoot em ${at} recusou a conexão: confira o servidor e a porta na URL (Configurações > Chatwoot) e se o banco aceita conexões externas.`, 'db-refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`O servidor ${url.hostname} não foi encontrado (DNS): confira o endereço na URL do Chatwoot.`, 'db-unreachable');
    case 'ETIMEDOUT':
      return new UserError(`O PostgreSQL do Chatwoot em ${at} não respondeu a tempo: confira a rede, o firewall ou use um túnel SSH.`, 'db-unreachable');
    case '28P01':
      return new UserError(`Senha recusada para o usuário "${user}" no banco do Chatwoot: salve a senha certa com "nexus secret set <empresa> chatwoot password" (ou em Configurações > Chatwoot).`, 'db-auth');
    case '3D000':
      return new UserError(`O banco "${db}" não existe em ${at}: confira o nome do banco no fim da URL do Chatwoot.`, 'db-missing');
    case '28000':
      if (/SSL|encryption/i.test(message)) {
        return new UserError(`O servidor ${at} exige conexão criptografada: use ssl=require (ou verify-full) nas configurações do Chatwoot.`, 'db-tls-required');
      }
      return new UserError(`O servidor ${at} não permite o acesso do usuário "${user}" ao banco "${db}" (${message}): peça ao administrador para liberar esse usuário (pg_hba.conf).`, 'db-auth');
  }
  if (/does not support SSL|server does not support ssl/i.test(message)) {
    return new UserError(`O servidor ${at} não aceita conexão criptografada: use ssl=disable nas configurações do Chatwoot (só em rede confiável ou pelo túnel SSH).`, 'db-tls-unsupported');
  }
  if (/self[- ]signed|certificate|unable to verify/i.test(message)) {
    return new UserError(`O certificado TLS de ${at} não pôde ser verificado (${message}): use ssl=require para criptografar sem verificar o certificado, ou instale o certificado da autoridade.`, 'db-tls-certificate');
  }
  if (/password authentication failed|SASL|no password/i.test(message) || /client password must be a string/i.test(message)) {
    return new UserError(`O banco do Chatwoot pediu senha para o usuário "${user}": salve-a com "nexus secret set <empresa> chatwoot password" (ou em Configurações > Chatwoot).`, 'db-auth');
  }
  return new UserError(`Não foi possível abrir o banco do Chatwoot em ${at}: ${message}`, 'db-error');
}

function sslOption(mode: string): pg.ClientConfig['ssl'] {
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

/**
 * Opens a session that cannot write: `default_transaction_read_only` is set at connection start,
 * so even a statement outside our own READ ONLY transactions is refused by the server.
 */
export async function openChatwootSession(connection: ChatwootConnection, signal?: AbortSignal): Promise<ChatwootSession> {
  if (connection.password) registerSecret(connection.password);
  const url = new URL(connection.url);
  let tunnel: SshTunnel | null = null;
  let host = url.hostname;
  let port = Number(url.port || 5432);
  if (connection.ssh) {
    const ssh = connection.ssh;
    tunnel = await openSshTunnel(
      { host: ssh.host, port: ssh.port, user: ssh.user, password: ssh.password ?? undefined, privateKey: ssh.privateKey ?? undefined, targetHost: host, targetPort: port },
      signal,
    );
    host = tunnel.localHost;
    port = tunnel.localPort;
  }
  const client = new pg.Client({
    host,
    port,
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.slice(1)),
    password: connection.password ?? undefined,
    ssl: sslOption(connection.ssl),
    // When tunnelled, the certificate names the real server, not 127.0.0.1.
    ...(tunnel && connection.ssl === 'verify-full' ? { ssl: { rejectUnauthorized: true, servername: url.hostname } } : {}),
    connectionTimeoutMillis: 15_000,
    options: '-c default_transaction_read_only=on -c statement_timeout=0',
    application_name: 'nexus-desktop',
    types: typeParsers,
  });
  // A connection dropped by the server later surfaces on the pending query; this only keeps an
  // idle socket's error from becoming an uncaught exception.
  client.on('error', () => undefined);
  const close = async () => {
    await client.end().catch(() => undefined);
    await tunnel?.close();
  };
  try {
    await client.connect();
  } catch (err) {
    await close();
    throw describeConnectFailure(err, connection);
  }
  return { client, close };
}

/** A sentence for a failure while reading (connection lost, missing table, permission). */
export function describeReadFailure(err: unknown, connection: ChatwootConnection, what: string): UserError {
  if (err instanceof UserError) return err;
  const e = err as { code?: string; message?: string };
  const at = where(connection);
  if (e.code === '42P01' || e.code === '42703') {
    return new UserError(
      `O banco em ${at} não tem o que o Chatwoot teria (${e.message}): confira se a URL aponta para o banco do Chatwoot (versão 3.x ou mais nova).`,
      'not-chatwoot',
    );
  }
  if (e.code === '42501') {
    return new UserError(`O usuário de leitura não tem permissão para ler ${what} (${e.message}): peça ao administrador um GRANT SELECT nas tabelas do Chatwoot.`, 'db-permission');
  }
  if (e.code === '57P01' || e.code === 'ECONNRESET' || /Connection terminated|ended unexpectedly/i.test(e.message ?? '')) {
    return new UserError(`A conexão com o banco do Chatwoot em ${at} caiu durante a leitura de ${what}: rode a sincronização de novo; ela continua de onde parou.`, 'db-connection-lost');
  }
  return new UserError(`Falha ao ler ${what} do Chatwoot em ${at}: ${e.message ?? String(err)}`, 'db-error');
}
