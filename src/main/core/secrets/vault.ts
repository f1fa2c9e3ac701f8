import { UserError } from '../errors';

export const KEYCHAIN_SERVICE = 'nexus-desktop';

/** Where credentials live. The only implementation ships is the OS keychain. */
export interface SecretVault {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts under a prefix (e.g. every secret of one company). */
  accounts(prefix: string): Promise<string[]>;
}

export function secretAccount(company: string, source: string, name: string): string {
  return `${company}/${source}/${name}`;
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const UNAVAILABLE =
  'Não foi possível usar o cofre de senhas do sistema ({why}); nada foi salvo. No Windows, verifique o Gerenciador de Credenciais; no Linux, instale e desbloqueie um serviço de chaves (gnome-keyring ou KWallet) e tente de novo.';

/**
 * Credentials in the OS keychain (Windows Credential Manager, macOS Keychain, Secret Service on
 * Linux) through keytar. When no keychain is reachable every call fails with one clear sentence:
 * there is deliberately no plaintext fallback.
 */
export class KeychainVault implements SecretVault {
  private keytar: Keytar | null = null;

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async get(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account));
  }

  async set(account: string, value: string): Promise<void> {
    await this.call((k) => k.setPassword(this.service, account, value));
  }

  async delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account));
  }

  async accounts(prefix: string): Promise<string[]> {
    const all = await this.call((k) => k.findCredentials(this.service));
    return all.map((c) => c.account).filter((a) => a.startsWith(prefix)).sort();
  }

  private async call<T>(fn: (k: Keytar) => Promise<T>): Promise<T> {
    const keytar = this.load();
    try {
      return await fn(keytar);
    } catch (err) {
      throw new UserError(UNAVAILABLE.replace('{why}', shortReason(err)), 'keychain-unavailable');
    }
  }

  private load(): Keytar {
    if (this.keytar) return this.keytar;
    try {
      // Loaded on first use: commands that never touch a secret must work where keytar cannot load.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.keytar = require('keytar') as Keytar;
      return this.keytar;
    } catch (err) {
      throw new UserError(UNAVAILABLE.replace('{why}', `módulo keytar não carregou: ${shortReason(err)}`), 'keychain-unavailable');
    }
  }
}

function shortReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 160);
}
