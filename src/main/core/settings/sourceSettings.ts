import type { Db } from '../db/database';
import { UserError } from '../errors';
import type { SourceDefinition } from '../sources/types';

/** Non-secret settings of a company's sources, validated against the source's declared keys. */
export class SourceSettings {
  constructor(private readonly db: Db) {}

  /** Saved values merged over the declared defaults. */
  get(source: SourceDefinition): Record<string, string> {
    const values: Record<string, string> = {};
    for (const spec of source.settings) if (spec.default !== undefined) values[spec.key] = spec.default;
    const rows = this.db.prepare('SELECT key, value FROM source_settings WHERE source = ?').all(source.id) as Array<{ key: string; value: string }>;
    for (const row of rows) values[row.key] = row.value;
    return values;
  }

  /** Only what the user saved (no defaults): tells whether a source was ever configured. */
  saved(sourceId: string): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM source_settings WHERE source = ?').all(sourceId) as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  set(source: SourceDefinition, entries: Record<string, string>): Record<string, string> {
    const parsed: Record<string, string> = {};
    for (const [key, value] of Object.entries(entries)) {
      const spec = source.settings.find((s) => s.key === key);
      if (!spec) {
        const secret = source.secrets.find((s) => s.name === key);
        if (secret) {
          throw new UserError(
            `"${key}" é um segredo e não pode ser gravado como configuração: use "nexus secret set <empresa> ${source.id} ${key}" (lê o valor da entrada padrão) ou a tela Configurações.`,
            'secret-as-setting',
          );
        }
        throw new UserError(
          `Configuração desconhecida para ${source.label}: "${key}". Chaves aceitas: ${source.settings.map((s) => s.key).join(', ')}.`,
          'unknown-setting',
        );
      }
      try {
        parsed[key] = spec.parse(value);
      } catch (err) {
        throw new UserError(`Valor inválido para ${source.id}.${key}: ${(err as Error).message}.`, 'bad-setting');
      }
    }
    const upsert = this.db.prepare(
      `INSERT INTO source_settings (source, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(parsed)) upsert.run(source.id, key, value, now);
    })();
    return this.get(source);
  }
}
