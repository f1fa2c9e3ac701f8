import { UserError } from '../../errors';
import type { Connector, SyncStream } from '../../sync/types';
import type { BusinessCalendar } from '../../time/businessDate';
import { flag, isLoopback, positiveInteger } from '../settingParsers';
import type { ConnectorInput, SourceDefinition } from '../types';
import { deriveConversationFacts } from './facts';
import { rebuildRollups } from './rollups';
import { tableSpecs } from './records';
import { startChatwootReader, type ChatwootReader } from './readerClient';
import { chatwootUrl, describeReadFailure, openChatwootSession, sslMode, type ChatwootConnection } from './session';
import { createTableStream, type TableCursor } from './tableStream';

const LABEL = 'Chatwoot';
const DAY_MS = 86_400_000;
const FULL_EVERY_DAYS = 7;

function hostName(value: string): string {
  const v = value.trim();
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(v) && !/^\[?[0-9a-fA-F:]+\]?$/.test(v)) throw new Error(`"${value}" não é um nome de servidor válido (ex.: bastion.suaempresa.com.br)`);
  return v;
}

function userName(value: string): string {
  const v = value.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(v)) throw new Error(`"${value}" não é um usuário válido (letras, números, ponto, hífen ou sublinhado)`);
  return v;
}

/** The connection the settings and keychain describe; throws a UserError saying what is missing. */
export function chatwootConnection(input: ConnectorInput): { connection: ChatwootConnection; accountId: number } {
  const { settings, secrets } = input;
  if (!settings.url || !settings.account_id) {
    throw new UserError(
      'O Chatwoot não está configurado: informe a URL do banco e o número da conta em Configurações > Chatwoot (ou "nexus source set <empresa> chatwoot url=postgres://usuario@servidor:5432/banco account_id=1").',
      'missing-settings',
    );
  }
  const url = new URL(settings.url);
  const tunnelled = Boolean(settings.ssh_host);
  const ssl = settings.ssl || (isLoopback(url.hostname) || tunnelled ? 'disable' : 'require');
  let ssh: ChatwootConnection['ssh'];
  if (settings.ssh_host) {
    if (!settings.ssh_user) {
      throw new UserError('Túnel SSH sem usuário: informe ssh_user em Configurações > Chatwoot (ou "nexus source set <empresa> chatwoot ssh_user=<usuário>").', 'missing-settings');
    }
    ssh = {
      host: settings.ssh_host,
      port: Number(settings.ssh_port || 22),
      user: settings.ssh_user,
      password: secrets.ssh_password ?? null,
      privateKey: secrets.ssh_key ?? null,
    };
  }
  return { connection: { url: settings.url, password: secrets.password ?? null, ssl, ssh }, accountId: Number(settings.account_id) };
}

function createChatwootConnector(input: ConnectorInput): Connector {
  const { connection, accountId } = chatwootConnection(input);
  let reader: ChatwootReader | null = null;
  const readerThread = () => (reader ??= startChatwootReader({ connection, accountId, timeZone: input.calendar.timeZone }));
  const fullEveryMs = Number(input.settings.full_every_days || FULL_EVERY_DAYS) * DAY_MS;
  const specs = tableSpecs(accountId, input.calendar);
  const streams: SyncStream<TableCursor>[] = [specs.inboxes, specs.agents, specs.teams, specs.labels, specs.contacts, specs.conversations, specs.messages, specs.csat, specs.events].map(
    (spec) => {
      const stream = createTableStream(spec as Parameters<typeof createTableStream>[0], { reader: readerThread, fullEveryMs });
      return {
        ...stream,
        async fetch(cursor, signal) {
          try {
            return await stream.fetch(cursor, signal);
          } catch (err) {
            if (signal.aborted) throw err;
            throw describeReadFailure(err, connection, spec.label.toLowerCase());
          }
        },
      };
    },
  );

  return {
    source: 'chatwoot',
    label: LABEL,
    streams,
    async testConnection(signal) {
      const probe = await openChatwootSession(connection, signal);
      try {
        const readOnly = await probe.client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
        const account = await probe.client
          .query<{ name: string; conversations: number }>(
            'SELECT a.name, (SELECT count(*) FROM conversations c WHERE c.account_id = a.id) AS conversations FROM accounts a WHERE a.id = $1',
            [accountId],
          )
          .catch((err: unknown) => {
            throw describeReadFailure(err, connection, 'as contas');
          });
        const row = account.rows[0];
        if (!row) {
          const { rows } = await probe.client.query<{ id: number; name: string }>('SELECT id, name FROM accounts ORDER BY id LIMIT 10');
          throw new UserError(
            `A conta ${accountId} não existe neste Chatwoot; contas encontradas: ${rows.map((r) => `${r.id} (${r.name})`).join(', ') || 'nenhuma'}. Corrija account_id em Configurações > Chatwoot.`,
            'account-missing',
          );
        }
        const mode = readOnly.rows[0]?.transaction_read_only === 'on' ? 'somente leitura' : 'ATENÇÃO: sessão não está em somente leitura';
        return `Conexão com o Chatwoot funcionando (conta ${accountId} "${row.name}", ${Number(row.conversations).toLocaleString('pt-BR')} conversas, ${mode}).`;
      } finally {
        await probe.close();
      }
    },
    afterSync(db) {
      deriveConversationFacts(db, input.calendar);
      rebuildRollups(db);
    },
    async close() {
      const current = reader;
      reader = null;
      await current?.close();
    },
  };
}

/**
 * The demo's generated conversations live with the simulators (src/main/demo), which the packaged
 * app never loads: the demo registers its connector here when it starts.
 */
let demoConnector: ((calendar: BusinessCalendar) => Connector) | null = null;

export function registerChatwootDemo(factory: (calendar: BusinessCalendar) => Connector): void {
  demoConnector = factory;
}

function createDemoConnector(calendar: BusinessCalendar): Connector {
  if (!demoConnector) {
    throw new UserError('Os dados de demonstração do Chatwoot só existem no modo de demonstração ("nexus demo"); configure o banco do Chatwoot em Configurações > Chatwoot.', 'demo-unavailable');
  }
  return demoConnector(calendar);
}

export const chatwootSource: SourceDefinition = {
  id: 'chatwoot',
  label: LABEL,
  settings: [
    {
      key: 'url',
      label: 'URL do banco (sem senha)',
      description: 'Banco PostgreSQL do Chatwoot com um usuário de leitura, por exemplo postgres://leitura@chatwoot.suaempresa.com.br:5432/chatwoot_production. A senha fica no cofre.',
      required: true,
      parse: chatwootUrl,
    },
    { key: 'account_id', label: 'Número da conta', description: 'Id da conta (workspace) no Chatwoot: o número em /app/accounts/<n>/ no endereço do painel.', required: true, parse: positiveInteger(1, 2_147_483_647) },
    {
      key: 'ssl',
      label: 'Criptografia (TLS)',
      description: 'disable, require ou verify-full. Padrão: require para servidores remotos; disable para 127.0.0.1 e pelo túnel SSH.',
      required: false,
      parse: sslMode,
    },
    { key: 'ssh_host', label: 'Túnel SSH: servidor', description: 'Servidor SSH por onde passar quando o banco não aceita conexões de fora (opcional).', required: false, parse: hostName },
    { key: 'ssh_port', label: 'Túnel SSH: porta', description: 'Porta do servidor SSH.', required: false, default: '22', parse: positiveInteger(1, 65535) },
    { key: 'ssh_user', label: 'Túnel SSH: usuário', description: 'Usuário no servidor SSH; a senha (ssh_password) ou a chave privada (ssh_key) ficam no cofre.', required: false, parse: userName },
    {
      key: 'full_every_days',
      label: 'Releitura completa a cada (dias)',
      description: 'Releitura completa periódica: remove do espelho o que foi apagado no Chatwoot, que a sincronização incremental não vê.',
      required: false,
      default: String(FULL_EVERY_DAYS),
      parse: positiveInteger(1, 365),
    },
    {
      key: 'demo',
      label: 'Dados de demonstração',
      description: 'Usa conversas geradas no próprio computador, sem servidor (empresa de demonstração).',
      required: false,
      default: '0',
      parse: flag,
    },
  ],
  secrets: [
    { name: 'password', label: 'Senha do banco', description: 'Senha do usuário de leitura do PostgreSQL do Chatwoot.' },
    { name: 'ssh_password', label: 'Senha SSH', description: 'Senha do usuário do túnel SSH (se não usar chave).' },
    { name: 'ssh_key', label: 'Chave privada SSH', description: 'Chave privada (OpenSSH/PEM) do usuário do túnel SSH; no terminal: nexus secret set <empresa> chatwoot ssh_key < ~/.ssh/id_ed25519', multiline: true },
  ],
  usesPublicCredentials(settings) {
    return settings.demo === '1';
  },
  create(input) {
    return input.settings.demo === '1' ? createDemoConnector(input.calendar) : createChatwootConnector(input);
  },
};

export type { TableCursor };
