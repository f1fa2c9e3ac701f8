import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropChatwootDatabase } from '../../src/main/sim/chatwoot';
import { nexus } from '../helpers/cli';

describe('nexus sim chatwoot', () => {
  const url = `postgres://postgres@127.0.0.1:5432/nexus_test_cw_${randomBytes(5).toString('hex')}`;
  afterAll(() => dropChatwootDatabase(url));

  it('loads a database, prints the counts in pt-BR, refuses to overwrite it without --replace', () => {
    const first = nexus(['sim', 'chatwoot', '--pg', url, '--conversations', '40', '--seed', '3']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Banco Chatwoot "nexus_test_cw_[0-9a-f]+" carregado em \d+,\d s \([\d.]+ linhas; dados até /);
    expect(first.stdout).toContain('  conversations: 46\n');
    expect(first.stdout).toMatch(/ {2}messages: [\d.]+\n/);

    const again = nexus(['sim', 'chatwoot', '--pg', url, '--conversations', '40']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^O banco "nexus_test_cw_[0-9a-f]+" já existe e tem tabelas; use --replace/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);

    const replaced = nexus(['sim', 'chatwoot', '--pg', url, '--conversations', '10', '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('  conversations: 16\n');
  });

  it('answers a bad URL, a missing --pg and an unreachable server with one sentence', () => {
    const bad = nexus(['sim', 'chatwoot', '--pg', 'nada']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('URL do PostgreSQL inválida');
    const missing = nexus(['sim', 'chatwoot']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Uso: nexus sim chatwoot --pg');
    const refused = nexus(['sim', 'chatwoot', '--pg', 'postgres://postgres@127.0.0.1:1/nexus_test_cw_nada']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^Não foi possível conectar ao PostgreSQL em 127\.0\.0\.1:1 \(.*\); verifique se o servidor está no ar/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
