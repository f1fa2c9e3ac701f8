import { UserError } from '../../errors';
import { log } from '../../log/logger';
import { HttpClient, type HttpFailure } from '../../sync/httpClient';
import { describeHttpFailure } from '../../sync/describeFailure';
import { RollingWindowLimiter } from '../../sync/rateLimiter';
import type { Connector } from '../../sync/types';
import { refreshCrmAggregates } from '../../kpi/crmAggregates';
import { flag, httpUrl, isLoopback, positiveInteger } from '../settingParsers';
import type { ConnectorInput, SourceDefinition } from '../types';
import { PLOOMES_DEFAULT_URL, PLOOMES_REQUESTS_PER_MINUTE, PLOOMES_SIM_PUBLIC_KEY } from './constants';
import { createKeysetStream, type InvalidRecord } from './keysetStream';
import { CONTACT_COLUMNS, DEAL_COLUMNS, STAGE_COLUMNS, USER_COLUMNS, contactRow, dealRow, stageRow, userRow } from './records';

const LABEL = 'Ploomes';

/** Ploomes wording for the failures whose meaning is specific to its API. */
export function describePloomesFailure(failure: HttpFailure): UserError {
  if (failure.kind === 'status' && failure.status === 401) {
    return new UserError(
      'Chave de API do Ploomes ausente ou inválida (401): copie a User-Key em Ploomes > Administração > Integração e salve-a em Configurações.',
      'unauthorized',
      { status: 401 },
    );
  }
  if (failure.kind === 'status' && failure.status === 403) {
    return new UserError(
      'Chave de API do Ploomes recusada (403): a chave pode estar expirada ou sem permissão, ou um campo pedido não existe. Gere uma nova chave em Ploomes > Administração > Integração e salve-a em Configurações.',
      'forbidden',
      { status: 403 },
    );
  }
  return describeHttpFailure(LABEL, failure);
}

function createPloomesConnector(input: ConnectorInput): Connector {
  const url = input.settings.url || PLOOMES_DEFAULT_URL;
  const key = input.secrets.key;
  if (!key) {
    throw new UserError('Nenhuma chave do Ploomes configurada: salve a User-Key em Configurações > Ploomes (ou "nexus secret set <empresa> ploomes key").', 'missing-credentials');
  }
  const perMinute = Number(input.settings.requests_per_minute || PLOOMES_REQUESTS_PER_MINUTE);
  const rate = input.tuning?.rateLimit === undefined ? { max: perMinute, windowMs: 60_000 } : input.tuning.rateLimit;
  const http = new HttpClient({
    baseUrl: url,
    headers: { 'User-Key': key },
    limiter: rate ? new RollingWindowLimiter(rate.max, rate.windowMs) : undefined,
    retry: input.tuning?.retry,
    timeoutMs: input.tuning?.timeoutMs,
    describe: describePloomesFailure,
    onRetry: (info) => log.warn('ploomes retry', info),
  });
  const invalid: Array<InvalidRecord & { stream: string }> = [];
  const onInvalid = (stream: string, record: InvalidRecord) => {
    invalid.push({ stream, ...record });
    log.warn('ploomes invalid record', { stream, ...record });
  };

  const streams = [
    createKeysetStream({
      name: 'users', label: 'Usuários', unit: 'usuários', path: '/Users', http, incremental: false, estimate: false, onInvalid,
      target: { kind: 'mirror', spec: { table: 'ploomes_users', columns: USER_COLUMNS, versionColumn: 'raw' }, row: userRow },
    }),
    createKeysetStream({
      name: 'stages', label: 'Etapas dos funis', unit: 'etapas', path: '/Deals@Stages', http, incremental: false, estimate: false, onInvalid,
      target: { kind: 'mirror', spec: { table: 'ploomes_stages', columns: STAGE_COLUMNS, versionColumn: 'raw' }, row: stageRow },
    }),
    createKeysetStream({
      name: 'contacts', label: 'Clientes', unit: 'clientes', path: '/Contacts', http, incremental: true, estimate: true, onInvalid,
      target: { kind: 'mirror', spec: { table: 'ploomes_contacts', columns: CONTACT_COLUMNS, versionColumn: 'updated_at' }, row: contactRow },
    }),
    createKeysetStream({
      name: 'deals', label: 'Negócios', unit: 'negócios', path: '/Deals', http, incremental: true, estimate: true, onInvalid,
      target: {
        kind: 'mirror',
        spec: { table: 'ploomes_deals', columns: DEAL_COLUMNS, versionColumn: 'updated_at' },
        row: (record) => dealRow(record, input.calendar),
      },
    }),
    createKeysetStream({
      name: 'deleted_deals', label: 'Negócios excluídos', unit: 'negócios', path: '/Deals/GetDeletedDeals', http, incremental: true, estimate: false, onInvalid,
      target: { kind: 'delete', spec: { table: 'ploomes_deals', columns: DEAL_COLUMNS, versionColumn: 'updated_at' } },
    }),
  ];

  return {
    source: 'ploomes',
    label: LABEL,
    streams,
    invalidRecords: invalid,
    async testConnection(signal) {
      const res = await http.getJson<{ value?: Array<{ Id?: number; Name?: string }> }>('/Account', { $top: 1, $select: 'Id,Name' }, signal);
      const account = res.body.value?.[0];
      return `Conexão com o Ploomes funcionando${account?.Name ? ` (conta ${account.Name})` : account?.Id ? ` (conta ${account.Id})` : ''}.`;
    },
    afterSync(db) {
      refreshCrmAggregates(db);
    },
  };
}

export const ploomesSource: SourceDefinition = {
  id: 'ploomes',
  label: LABEL,
  settings: [
    { key: 'url', label: 'Endereço da API', description: `Base da API pública do Ploomes (padrão ${PLOOMES_DEFAULT_URL}).`, required: false, default: PLOOMES_DEFAULT_URL, parse: httpUrl },
    {
      key: 'requests_per_minute',
      label: 'Requisições por minuto',
      description: `Orçamento de requisições da conta (o Ploomes permite ${PLOOMES_REQUESTS_PER_MINUTE} por minuto, somando todas as integrações).`,
      required: false,
      default: String(PLOOMES_REQUESTS_PER_MINUTE),
      parse: positiveInteger(1, 100_000),
    },
    { key: 'demo', label: 'Simulador de demonstração', description: 'Usa o simulador local com a chave pública de demonstração (somente endereços 127.0.0.1).', required: false, default: '0', parse: flag },
  ],
  secrets: [{ name: 'key', label: 'User-Key', description: 'Chave de integração: Ploomes > Administração > Integração.' }],
  usesPublicCredentials(settings) {
    if (settings.demo !== '1' || !settings.url) return false;
    try {
      return isLoopback(new URL(settings.url).hostname);
    } catch {
      return false;
    }
  },
  create(input) {
    const secrets = this.usesPublicCredentials(input.settings) ? { key: PLOOMES_SIM_PUBLIC_KEY } : input.secrets;
    return createPloomesConnector({ ...input, secrets });
  },
};
