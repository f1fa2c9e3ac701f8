import { ACCOUNT, ENTITY, WEBHOOK_ACTIONS } from './catalog';
import type { Change, PloomesDataset } from './dataset';
import { badRequest, notFound } from './errors';
import type { EntitySchema, Rec } from './schema';
import { refOf } from './table';
import { formatPloomesDate, formatPloomesLocalDate, instantOf } from './time';

// Webhook registrations (GET/POST/PATCH/DELETE /Webhooks) and delivery of changes to them, in the
// captured payload shape: dates without offset, OtherProperties as an object keyed by FieldKey,
// and the registration's ValidationKey in the X-Ploomes-Validation-Key header.

const ACTION_IDS: Record<Change['action'], number> = { Create: 1, Update: 2, Delete: 3, Win: 5, Lose: 6, Reopen: 7 };
const DELIVERY_TIMEOUT_MS = 10_000;

export class Webhooks {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly data: PloomesDataset,
    private readonly now: () => Date,
  ) {
    data.onChange((change) => this.deliver(change));
  }

  create(body: Rec, creatorId: number): Rec {
    const fields = this.check(body, true);
    const rows = this.data.webhooks.all();
    const id = rows.length === 0 ? 50_001_877 : (rows[rows.length - 1].Id as number) + 1;
    const rec: Rec = {
      Id: id, EntityId: fields.EntityId, ActionId: fields.ActionId, CallbackUrl: fields.CallbackUrl,
      ValidationKey: fields.ValidationKey ?? null, CreatorId: creatorId, CreateDate: formatPloomesDate(this.now().getTime()),
    };
    this.data.webhooks.put(rec);
    return rec;
  }

  update(id: number, body: Rec): Rec {
    const ref = refOf(this.data.webhooks, id);
    if (ref < 0) throw notFound(`Webhook ${id} was not found.`);
    const rec = { ...this.data.webhooks.record(ref), ...this.check(body, false) };
    this.data.webhooks.put(rec);
    return rec;
  }

  remove(id: number): void {
    if (!this.data.webhooks.remove(id)) throw notFound(`Webhook ${id} was not found.`);
  }

  /** Resolves when every delivery started so far has finished (or timed out). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private check(body: Rec, creating: boolean): Rec {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
    const allowed = ['EntityId', 'ActionId', 'CallbackUrl', 'ValidationKey'];
    for (const name of Object.keys(body)) {
      if (!allowed.includes(name)) throw badRequest(`The property '${name}' cannot be written on a webhook; use ${allowed.join(', ')}.`);
    }
    if (creating || 'EntityId' in body) {
      if (!Number.isInteger(body.EntityId) || (body.EntityId as number) < 1) throw badRequest('EntityId must be an entity id (1 contact, 2 deal...).');
    }
    if (creating || 'ActionId' in body) {
      if (!WEBHOOK_ACTIONS.some((a) => a.Id === body.ActionId)) throw badRequest('Unknown ActionId; see /Webhooks@Actions.');
    }
    if (creating || 'CallbackUrl' in body) {
      if (typeof body.CallbackUrl !== 'string' || !/^https?:\/\//.test(body.CallbackUrl)) throw badRequest('CallbackUrl must be an http(s) URL.');
    }
    if ('ValidationKey' in body && body.ValidationKey !== null && typeof body.ValidationKey !== 'string') throw badRequest('ValidationKey must be a string.');
    return body;
  }

  private deliver(change: Change): void {
    const entityId = change.entity === 'deal' ? ENTITY.deal : ENTITY.contact;
    const schema = change.entity === 'deal' ? this.data.schemas.deal : this.data.schemas.contact;
    const targets = this.data.webhooks.all().filter((w) => w.EntityId === entityId && w.ActionId === ACTION_IDS[change.action]);
    for (const hook of targets) {
      const payload = {
        AccountId: ACCOUNT.Id,
        Action: change.action,
        ActionUserId: change.actorId,
        Entity: change.entity === 'deal' ? 'Deals' : 'Contacts',
        New: change.new && this.payloadRecord(change.entity, change.new, schema),
        Old: change.old && this.payloadRecord(change.entity, change.old, schema),
        WebhookCreatorId: hook.CreatorId,
        WebhookId: hook.Id,
      };
      const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
      if (typeof hook.ValidationKey === 'string') headers['X-Ploomes-Validation-Key'] = hook.ValidationKey;
      // Delivery is best effort, as the real service's is: a failing receiver changes nothing here.
      const sent = fetch(hook.CallbackUrl as string, {
        method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      }).then((res) => res.arrayBuffer()).then(() => undefined, () => undefined);
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
  }

  private payloadRecord(entity: 'deal' | 'contact', rec: Rec, schema: EntitySchema): Rec {
    const out: Rec = {};
    for (const [name, type] of schema.props) {
      const value = rec[name];
      out[name] = type === 'datetime' && typeof value === 'string' ? formatPloomesLocalDate(instantOf(value)) : value;
    }
    const values: Rec = {};
    for (const row of this.data.otherPropertiesOf(entity, rec.Id as number)) {
      const column = Object.keys(row).find((k) => k.endsWith('Value') && row[k] !== null);
      values[row.FieldKey as string] = column ? row[column] : null;
    }
    out.OtherProperties = values;
    return out;
  }
}
