import type { BusinessCalendar } from '../time/businessDate';
import type { RetryPolicy } from '../sync/httpClient';
import type { Connector } from '../sync/types';

export interface SettingSpec {
  key: string;
  label: string;
  description: string;
  required: boolean;
  default?: string;
  /** Returns the normalised value or throws an Error whose message says what is wrong. */
  parse(value: string): string;
}

export interface SecretSpec {
  name: string;
  label: string;
  description: string;
  /** Multi-line values (a private key file); every other secret is one line. */
  multiline?: boolean;
}

/** Knobs tests and benchmarks turn; users never need them. */
export interface ConnectorTuning {
  retry?: RetryPolicy;
  rateLimit?: { max: number; windowMs: number } | false;
  timeoutMs?: number;
}

export interface ConnectorInput {
  settings: Record<string, string>;
  secrets: Record<string, string | null>;
  calendar: BusinessCalendar;
  tuning?: ConnectorTuning;
}

export interface SourceDefinition {
  id: string;
  label: string;
  settings: SettingSpec[];
  secrets: SecretSpec[];
  /**
   * Secrets named by the user's own codes (e.g. one portal password per point of sale,
   * "pdv-17308"): returns the canonical name, or null when the name does not fit.
   */
  secretName?(name: string): string | null;
  /**
   * True when the settings point at a local simulator whose credentials are public (demo mode):
   * then no keychain is needed.
   */
  usesPublicCredentials(settings: Record<string, string>): boolean;
  /** Sync sources build a connector; sources driven otherwise (the boleto robot) have none. */
  create?(input: ConnectorInput): Connector;
}
