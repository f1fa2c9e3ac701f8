/**
 * An error meant for the user: one clear pt-BR sentence saying what failed, why and what to do.
 * `code` is stable for programs (tests, the UI, exit codes); `message` is for people.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 'usage');
    this.name = 'UsageError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
