import { UserError } from '../errors';
import type { HttpFailure } from './httpClient';

const attemptsText = (n: number) => (n === 1 ? '1 tentativa' : `${n} tentativas`);
const timesText = (n: number) => (n === 1 ? 'uma vez' : `${n} vezes seguidas`);

/**
 * Default wording of a failed request for a source (`label` is how users name it, e.g. "Ploomes").
 * Connectors override the cases they know better (what a 403 means for that API, where to get a key).
 */
export function describeHttpFailure(label: string, failure: HttpFailure): UserError {
  const details = { ...failure, body: 'body' in failure ? failure.body.slice(0, 200) : undefined };
  switch (failure.kind) {
    case 'network':
      return new UserError(
        `Não foi possível conectar ao ${label} em ${originOf(failure.url)} (${failure.code}) após ${attemptsText(failure.attempts)}: verifique a conexão com a internet e o endereço configurado em Configurações.`,
        'network',
        details,
      );
    case 'timeout':
      return new UserError(
        `O ${label} não respondeu em ${Math.round(failure.timeoutMs / 1000)} s após ${attemptsText(failure.attempts)}: o serviço pode estar lento ou fora do ar; tente de novo em alguns minutos.`,
        'timeout',
        details,
      );
    case 'invalid-body':
      return new UserError(
        `O ${label} enviou respostas incompletas ou inválidas ${timesText(failure.attempts)}: tente de novo em alguns minutos; o que já foi salvo continua salvo.`,
        'invalid-response',
        details,
      );
    case 'status':
      return describeStatus(label, failure, details);
  }
}

function describeStatus(label: string, failure: Extract<HttpFailure, { kind: 'status' }>, details: Record<string, unknown>): UserError {
  const { status, attempts } = failure;
  if (status === 401) {
    return new UserError(`O ${label} recusou as credenciais (401): confira a chave de acesso em Configurações e salve-a de novo.`, 'unauthorized', details);
  }
  if (status === 403) {
    return new UserError(`O ${label} negou o acesso (403): a credencial pode estar expirada ou sem permissão; gere uma nova e salve-a em Configurações.`, 'forbidden', details);
  }
  if (status === 404) {
    return new UserError(`Endereço não encontrado no ${label} (404): confira a URL configurada em Configurações.`, 'not-found', details);
  }
  if (status === 405) {
    return new UserError(`O ${label} não permite este acesso (405): peça ao suporte do ${label} para habilitar o acesso à API na sua conta.`, 'not-allowed', details);
  }
  if (status === 429) {
    return new UserError(
      `O ${label} limitou as requisições (429) mesmo após ${attemptsText(attempts)} com espera: tente de novo em alguns minutos ou reduza o limite de requisições por minuto em Configurações.`,
      'rate-limited',
      details,
    );
  }
  if (status >= 500) {
    return new UserError(
      `O servidor do ${label} respondeu com erro (${status}) ${timesText(attempts)}: o serviço deve estar instável; tente de novo mais tarde — o que já foi salvo continua salvo.`,
      'server-error',
      details,
    );
  }
  return new UserError(`O ${label} recusou a requisição (${status}): ${failure.body.slice(0, 160) || 'sem detalhes'}.`, 'http-error', details);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
