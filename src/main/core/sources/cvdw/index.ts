import { UserError } from '../../errors';
import { log } from '../../log/logger';
import { describeHttpFailure } from '../../sync/describeFailure';
import { RollingWindowLimiter } from '../../sync/rateLimiter';
import type { Connector } from '../../sync/types';
import { httpUrl, isLoopback, positiveInteger } from '../settingParsers';
import type { ConnectorInput, SourceDefinition } from '../types';
import { CvdwClient, type CvdwFailure } from './client';
import { CVDW_API_PATH, CVDW_FULL_EVERY_DAYS, CVDW_REQUESTS_PER_MINUTE, CVDW_SIM_EMAIL, CVDW_SIM_TOKEN } from './constants';
import { STREAMS } from './records';
import { createCvdwStream } from './stream';

const LABEL = 'CVDW';
const DAY_MS = 86_400_000;

/** CVDW wording for the failures whose meaning is specific to its API (reference §7). */
export function describeCvdwFailure(failure: CvdwFailure, email: string): UserError {
  const path = pathOf(failure.url);
  if (failure.kind === 'status') {
    const details = { status: failure.status, url: failure.url, attempts: failure.attempts, body: failure.body.slice(0, 200) };
    switch (failure.status) {
      case 401:
        return new UserError(
          `E-mail ou token do CVDW recusado (401): gere um novo token em CV CRM > Configurações > API/Integrações para o usuário ${email} e salve-o em Configurações > CVDW (ou "nexus secret set <empresa> cvdw token").`,
          'unauthorized',
          details,
        );
      case 405:
        return new UserError(
          `A API do CVDW não está habilitada para esta conta (405 em ${path}): peça ao suporte do CVCRM para habilitar o módulo CVDW (API do data warehouse) para o e-mail ${email}.`,
          'cvdw-not-enabled',
          details,
        );
      case 404:
        return new UserError(
          `O CVDW não encontrou ${path} (404) em ${originOf(failure.url)}: confira o endereço em Configurações > CVDW (ex.: https://suaempresa.cvcrm.com.br).`,
          'not-found',
          details,
        );
      case 400:
      case 422:
        return new UserError(
          `O CVDW recusou a consulta de ${path} (${failure.status}: ${apiMessage(failure.body)}): tente de novo com "Sincronizar tudo"; se continuar, envie o registro desta execução ao suporte.`,
          'bad-request',
          details,
        );
      default:
        if (failure.html && failure.status >= 500) {
          return new UserError(
            `O CVDW respondeu com uma página de erro (HTTP ${failure.status}) ${failure.attempts === 1 ? 'uma vez' : `${failure.attempts} vezes seguidas`} em ${path}: o servidor do CV CRM está instável; tente de novo mais tarde — o que já foi salvo continua salvo.`,
            'server-error',
            details,
          );
        }
    }
  }
  return describeHttpFailure(LABEL, failure);
}

function apiMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; mensagem?: unknown };
    const message = parsed.error ?? parsed.mensagem;
    if (typeof message === 'string' && message.trim()) return message.trim();
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 160) || 'sem detalhes';
}

function pathOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return path.startsWith(CVDW_API_PATH) ? path.slice(CVDW_API_PATH.length) || '/' : path;
  } catch {
    return url;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The tenant's address; a pasted endpoint URL (…/api/v1/cvdw/reservas) is cut back to it. */
export function cvdwUrl(value: string): string {
  let url: string;
  try {
    url = httpUrl(value);
  } catch (err) {
    throw new Error(`${(err as Error).message.replace(/ \(ex\.: [^)]*\)/, '')} (ex.: https://suaempresa.cvcrm.com.br)`, { cause: err });
  }
  const at = url.indexOf(CVDW_API_PATH);
  return at >= 0 ? url.slice(0, at) : url;
}

function email(value: string): string {
  const v = value.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw new Error(`"${value}" não parece um e-mail (ex.: usuario@empresa.com.br)`);
  return v;
}

function createCvdwConnector(input: ConnectorInput): Connector {
  const url = input.settings.url;
  const user = input.settings.email;
  if (!url || !user) {
    throw new UserError(
      'O CVDW não está configurado: informe o endereço e o e-mail em Configurações > CVDW (ou "nexus source set <empresa> cvdw url=https://suaempresa.cvcrm.com.br email=<e-mail>").',
      'missing-settings',
    );
  }
  const token = input.secrets.token;
  if (!token) {
    throw new UserError('Nenhum token do CVDW configurado: salve o token em Configurações > CVDW (ou "nexus secret set <empresa> cvdw token").', 'missing-credentials');
  }
  const perMinute = Number(input.settings.requests_per_minute || CVDW_REQUESTS_PER_MINUTE);
  const rate = input.tuning?.rateLimit === undefined ? { max: perMinute, windowMs: 60_000 } : input.tuning.rateLimit;
  // The server counts arrivals; a request counted here can leave late while a page is being
  // written (the same thread), so short windows get a wider margin than the limiter's default.
  const limiter = rate ? new RollingWindowLimiter(rate.max, rate.windowMs, Math.min(1000, Math.max(200, Math.ceil(rate.windowMs / 60)))) : undefined;
  const client = new CvdwClient({
    baseUrl: url,
    email: user,
    token,
    limiter,
    // The server blocks a credential for its window; wait the whole window (and the margin).
    blockMs: limiter ? limiter.windowMs + limiter.marginMs : 60_000,
    retry: input.tuning?.retry,
    timeoutMs: input.tuning?.timeoutMs,
    describe: (failure) => describeCvdwFailure(failure, user),
    onRetry: (info) => log.warn('cvdw retry', info),
  });
  const invalid: Array<{ stream: string; id: unknown; problem: string }> = [];
  const fullEveryMs = Number(input.settings.full_every_days || CVDW_FULL_EVERY_DAYS) * DAY_MS;
  const streams = STREAMS.map((mapping) =>
    createCvdwStream({
      mapping,
      client,
      fullEveryMs,
      onInvalid: (stream, record) => {
        invalid.push({ stream, ...record });
        log.warn('cvdw invalid record', { stream, ...record });
      },
    }),
  );

  return {
    source: 'cvdw',
    label: LABEL,
    streams,
    invalidRecords: invalid,
    async testConnection(signal) {
      const page = await client.page('/imobiliarias', { pagina: 1, registros_por_pagina: 1 }, signal);
      const n = page.total_de_registros;
      return `Conexão com o CVDW funcionando (${n === 1 ? '1 imobiliária' : `${n.toLocaleString('pt-BR')} imobiliárias`} na conta de ${user}).`;
    },
  };
}

export const cvdwSource: SourceDefinition = {
  id: 'cvdw',
  label: LABEL,
  settings: [
    {
      key: 'url',
      label: 'Endereço do CV CRM',
      description: 'Endereço da sua conta no CV CRM, por exemplo https://suaempresa.cvcrm.com.br.',
      required: true,
      parse: cvdwUrl,
    },
    {
      key: 'email',
      label: 'E-mail do usuário da API',
      description: 'E-mail do usuário administrativo dono do token (CV CRM > Configurações > API/Integrações).',
      required: true,
      parse: email,
    },
    {
      key: 'requests_per_minute',
      label: 'Requisições por minuto',
      description: `Limite de requisições do CVDW por minuto (o CVDW permite ${CVDW_REQUESTS_PER_MINUTE}; use menos se outra integração usa a mesma conta).`,
      required: false,
      default: String(CVDW_REQUESTS_PER_MINUTE),
      parse: positiveInteger(1, 600),
    },
    {
      key: 'full_every_days',
      label: 'Carga completa a cada (dias)',
      description: 'Releitura completa periódica: traz os registros sem data de referência, que a sincronização incremental não alcança.',
      required: false,
      default: String(CVDW_FULL_EVERY_DAYS),
      parse: positiveInteger(1, 365),
    },
  ],
  secrets: [{ name: 'token', label: 'Token', description: 'Token da API: CV CRM > Configurações > API/Integrações (40 caracteres).' }],
  usesPublicCredentials(settings) {
    if (!settings.url || settings.email !== CVDW_SIM_EMAIL) return false;
    try {
      return isLoopback(new URL(settings.url).hostname);
    } catch {
      return false;
    }
  },
  create(input) {
    const secrets = this.usesPublicCredentials(input.settings) ? { token: CVDW_SIM_TOKEN } : input.secrets;
    return createCvdwConnector({ ...input, secrets });
  },
};
