import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// __VIEWSTATE and __EVENTVALIDATION as ASP.NET WebForms sends them: opaque base64 that starts with
// "/wE", carries the page's own state (the selected search criterion, the results, the marked row)
// and a MAC, so a client must post back exactly what the page gave it. The session (server side)
// holds the selected cota; the view state holds what belongs to one rendering of one page.

const MAGIC = Buffer.from([0xff, 0x01, 0x0f, 0x0f]);
const MAC_BYTES = 20;

export type PageState = Record<string, unknown> & { page: string };

export class ViewStateCodec {
  private readonly key = randomBytes(32);

  encode(state: PageState): string {
    const body = Buffer.concat([MAGIC, Buffer.from(JSON.stringify(state), 'utf8')]);
    return Buffer.concat([body, this.mac(body)]).toString('base64');
  }

  /** The state, or null when the value was not issued by this server (edited, truncated, another page's). */
  decode(value: string, page: string): PageState | null {
    const raw = Buffer.from(value, 'base64');
    if (raw.length <= MAGIC.length + MAC_BYTES || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const body = raw.subarray(0, raw.length - MAC_BYTES);
    if (!timingSafeEqual(this.mac(body), raw.subarray(raw.length - MAC_BYTES))) return null;
    try {
      const state = JSON.parse(body.subarray(MAGIC.length).toString('utf8')) as PageState;
      return state.page === page ? state : null;
    } catch {
      return null;
    }
  }

  /** __EVENTVALIDATION: bound to the page and to its view state. */
  eventValidation(page: string, viewState: string): string {
    return Buffer.concat([Buffer.from([0xff, 0x01, 0x14]), this.mac(Buffer.from(`${page}\n${viewState}`, 'utf8'))]).toString('base64');
  }

  checkEventValidation(page: string, viewState: string, value: string): boolean {
    return value === this.eventValidation(page, viewState);
  }

  private mac(data: Buffer): Buffer {
    return createHmac('sha1', this.key).update(data).digest();
  }
}
