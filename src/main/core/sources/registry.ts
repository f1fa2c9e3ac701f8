import { UserError } from '../errors';
import { canopusSource } from './canopus';
import { chatwootSource } from './chatwoot';
import { cvdwSource } from './cvdw';
import { ploomesSource } from './ploomes';
import type { SourceDefinition } from './types';

/** Every connector the app knows, by source id. */
export const sources: readonly SourceDefinition[] = [ploomesSource, canopusSource, cvdwSource, chatwootSource];

export const SOURCE_IDS = ['cvdw', 'ploomes', 'chatwoot', 'woocommerce', 'canopus'] as const;

export function sourceById(id: string): SourceDefinition {
  const source = sources.find((s) => s.id === id);
  if (source) return source;
  if ((SOURCE_IDS as readonly string[]).includes(id)) {
    throw new UserError(`A fonte "${id}" ainda não está disponível nesta versão; fontes disponíveis: ${sources.map((s) => s.id).join(', ')}.`, 'source-not-available');
  }
  throw new UserError(`Fonte desconhecida: "${id}". Fontes disponíveis: ${sources.map((s) => s.id).join(', ')}.`, 'unknown-source');
}
