/** What can happen to one client in the portal, as the robot classifies it. */
export class PortalError extends Error {
  constructor(
    message: string,
    readonly kind: 'session-expired' | 'captcha' | 'login-refused' | 'transient' | 'unexpected-page',
  ) {
    super(message);
    this.name = 'PortalError';
  }

  /** Worth trying the same client again (after re-login where needed). */
  get retryable(): boolean {
    return this.kind === 'session-expired' || this.kind === 'transient' || this.kind === 'unexpected-page';
  }
}
