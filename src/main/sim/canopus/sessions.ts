import { randomBytes } from 'node:crypto';
import type { CanopusPortalAccount } from './model';

// Server-side sessions keyed by the ASP.NET_SessionId cookie. The selected cota lives here, not in
// the URL, which is why two tabs of one login race (canopus-portal.md §2.5).

export type SessionState = 'anonymous' | 'active' | 'expired' | 'replaced' | 'loggedOut';

export interface SelectedCota {
  cpf: string;
  grupo: string;
  cota: string;
}

export interface PortalSession {
  id: string;
  state: SessionState;
  account: CanopusPortalAccount | null;
  /** Last page request (assets do not count as activity). */
  lastSeen: number;
  emissions: number;
  selected: SelectedCota | null;
  /** Whether the CSS and an image of the last HTML page served to this session were requested. */
  assets: { css: boolean; image: boolean };
  /** Requests of this session being answered right now. */
  inFlight: number;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz012345';

export class SessionStore {
  private readonly sessions = new Map<string, PortalSession>();
  maxConcurrentPerUser = 0;

  constructor(private readonly idleMs: () => number | undefined) {}

  get(id: string | undefined): PortalSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  /** A fresh session with an id shaped like ASP.NET's (24 characters, lower case and digits). */
  create(now: number): PortalSession {
    let id = '';
    for (const byte of randomBytes(24)) id += ID_ALPHABET[byte % 32];
    const session: PortalSession = { id, state: 'anonymous', account: null, lastSeen: now, emissions: 0, selected: null, assets: { css: true, image: true }, inFlight: 0 };
    this.sessions.set(id, session);
    return session;
  }

  /** Ends an active session that sat idle for longer than the timeout; true when it just expired. */
  expireIfIdle(session: PortalSession, now: number): boolean {
    const idle = this.idleMs();
    if (session.state !== 'active' || idle === undefined || now - session.lastSeen <= idle) return false;
    session.state = 'expired';
    return true;
  }

  login(session: PortalSession, account: CanopusPortalAccount, invalidatePrevious: boolean, now: number): void {
    if (invalidatePrevious) {
      for (const other of this.sessions.values()) {
        if (other !== session && other.state === 'active' && other.account?.user === account.user) other.state = 'replaced';
      }
    }
    session.state = 'active';
    session.account = account;
    session.lastSeen = now;
    session.emissions = 0;
    session.selected = null;
    this.observe(session, now);
  }

  begin(session: PortalSession, now: number): void {
    session.inFlight++;
    if (session.account) this.observe(session, now);
  }

  end(session: PortalSession): void {
    session.inFlight--;
  }

  /** Logged-in sessions that have not expired, been replaced or logged out. */
  activeCount(now: number): number {
    let count = 0;
    for (const session of this.sessions.values()) if (this.live(session, now)) count++;
    return count;
  }

  /**
   * Sessions of one user that are in use at the same moment: the live ones plus any of that user's
   * sessions with a request in flight (a replaced session that keeps sending requests still counts).
   */
  private observe(session: PortalSession, now: number): void {
    const user = session.account?.user;
    let count = 0;
    for (const other of this.sessions.values()) {
      if (other.account?.user === user && (this.live(other, now) || other.inFlight > 0)) count++;
    }
    if (count > this.maxConcurrentPerUser) this.maxConcurrentPerUser = count;
  }

  private live(session: PortalSession, now: number): boolean {
    const idle = this.idleMs();
    return session.state === 'active' && (idle === undefined || now - session.lastSeen <= idle);
  }
}
