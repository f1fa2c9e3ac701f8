import { personName } from '../cvdw/dataset';
import { Draws } from '../ploomes/random';
import { businessSeconds, localToUtc, utcToLocal, type WorkingDay } from './businessHours';

/** A table row: keys are exactly the PostgreSQL column names of schema.sql, in table order. */
export type Row = Record<string, unknown>;

export interface ChatwootGenOptions {
  conversations: number;
  seed: number;
  /** The data ends here (default: now, floored to the minute); nothing happens after it. */
  end?: Date;
  /** The generated account (default 1); a second, small account gets `accountId + 1`. */
  accountId?: number;
}

/** Everything that does not grow with the number of conversations, by table name. */
export interface ChatwootBase {
  accounts: Row[];
  users: Row[];
  account_users: Row[];
  teams: Row[];
  team_members: Row[];
  inboxes: Row[];
  inbox_members: Row[];
  working_hours: Row[];
  agent_bots: Row[];
  agent_bot_inboxes: Row[];
  channel_web_widgets: Row[];
  channel_api: Row[];
  contacts: Row[];
  contact_inboxes: Row[];
  labels: Row[];
  tags: Row[];
}

/** One conversation and every row its life produced. */
export interface ChatwootBundle {
  conversation: Row;
  messages: Row[];
  reportingEvents: Row[];
  csatResponses: Row[];
  taggings: Row[];
}

export interface ChatwootDataset {
  base: ChatwootBase;
  /** Iterating starts over from the first conversation; nothing is held in memory between bundles. */
  bundles: Iterable<ChatwootBundle>;
  /** The agent id referenced by old conversations and messages but absent from users. */
  deletedAgentId: number;
  otherAccountId: number;
  start: Date;
  end: Date;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY_DAYS = 182;
const SAO_PAULO = 'America/Sao_Paulo';
const OTHER_ACCOUNT_CONVERSATIONS = 6;

/** Draw streams: one per purpose, so adding a draw to one never shifts another. */
const S = { base: 201, contact: 202, arrival: 203, conversation: 204, other: 205 } as const;

const LABELS = ['boleto', 'contrato', 'duvida', 'elogio', 'financeiro', 'obra', 'pos-venda', 'reclamacao', 'segunda-via', 'urgente', 'vendas', 'vistoria'];
const OTHER_LABELS = ['duvida', 'suporte-tecnico', 'vendas'];
const TEAMS = ['financeiro', 'comercial', 'suporte', 'pós-venda'];

const CUSTOMER_LINES = [
  'Olá, boa tarde!', 'Bom dia, preciso de ajuda com meu boleto.', 'Vocês podem me enviar a segunda via?', 'Qual o prazo de entrega das chaves?',
  'Ainda não recebi o contrato assinado.', 'Obrigado!', 'Certo, vou aguardar.', 'Consegui pagar, muito obrigada.', 'Tem alguém aí?',
  'Preciso falar sobre a vistoria do apartamento.', 'O valor da parcela veio diferente este mês.', 'Pode me ligar?\nMeu horário é depois das 18h.',
  'Segue o comprovante em anexo.', 'Isso mesmo.', 'Não entendi, pode explicar de novo?', 'Quero falar com um atendente.',
];
const AGENT_LINES = [
  'Olá! Como posso ajudar?', 'Vou verificar e já te retorno.', 'Enviei a segunda via para o seu e-mail.', 'Pode me informar o CPF do titular?',
  'Seu contrato está em análise pelo jurídico.', 'A vistoria está agendada para a próxima semana.', 'Obrigado pelo contato!',
  'Verifiquei aqui: o pagamento foi compensado.', 'Encaminhei sua solicitação ao setor financeiro.', 'Posso ajudar em algo mais?',
];
const NOTE_LINES = ['Cliente já ligou duas vezes sobre isso.', 'Verificar com o financeiro antes de responder.', 'Caso sensível: tratar com prioridade.'];
const BOT_LINES = ['Olá! Sou o assistente virtual. Sobre o que você quer falar?', 'Digite 1 para boletos, 2 para obras, 3 para falar com um atendente.', 'Aqui está o link da segunda via: https://exemplo.com.br/boleto'];
const FEEDBACK = ['Atendimento rápido, obrigado!', 'Demorou muito para responder.', 'Resolveram meu problema.', 'Poderia ser mais claro.', 'Excelente!'];

interface InboxSpec {
  row: Row;
  id: number;
  accountId: number;
  timeZone: string;
  workingHoursEnabled: boolean;
  calendar: WorkingDay[];
  csat: boolean;
  bot: { id: number; name: string } | null;
  members: number[];
  contactInboxes: Array<{ id: number; contactId: number; blocked: boolean; name: string }>;
  weight: number;
}

interface AccountSpec {
  id: number;
  inboxes: InboxSpec[];
  teams: Array<{ id: number; members: number[] }>;
  agentNames: Map<number, string>;
  labels: Array<{ title: string; tagId: number }>;
}

const at = (ms: number) => new Date(ms);
const expo = (d: Draws, mean: number) => -Math.log(1 - d.unit()) * mean;

/** Deterministic RFC 4122 v4-shaped id. */
function uuidOf(d: Draws): string {
  let hex = '';
  for (let i = 0; i < 8; i++) hex += Math.floor(d.unit() * 0x10000).toString(16).padStart(4, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function hexOf(d: Draws, length: number): string {
  let s = '';
  while (s.length < length) s += Math.floor(d.unit() * 0x10000).toString(16).padStart(4, '0');
  return s.slice(0, length);
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Hour weight of conversation arrivals: busy on weekdays 9–18 in São Paulo, quiet at night. */
function arrivalWeight(utcMs: number): number {
  const local = utcToLocal(utcMs, SAO_PAULO);
  const hour = Math.floor(local / HOUR) % 24;
  const dow = (Math.floor(local / DAY) + 4) % 7;
  if (dow === 0) return hour >= 9 && hour < 20 ? 1.5 : 0.3;
  if (dow === 6) return hour >= 8 && hour < 18 ? 3 : 0.5;
  if (hour >= 9 && hour < 18) return 10;
  if ((hour >= 7 && hour < 9) || (hour >= 18 && hour < 22)) return 3;
  return 0.4;
}

function workingDay(dow: number, open: [number, number] | null, close: [number, number] | null, allDay = false): WorkingDay {
  return {
    day_of_week: dow, closed_all_day: !open && !allDay, open_all_day: allDay,
    open_hour: allDay ? 0 : open?.[0] ?? null, open_minutes: allDay ? 0 : open?.[1] ?? null,
    close_hour: allDay ? 23 : close?.[0] ?? null, close_minutes: allDay ? 59 : close?.[1] ?? null,
  };
}

function weekdays(open: [number, number], close: [number, number], saturday: WorkingDay | null = null): WorkingDay[] {
  const days: WorkingDay[] = [];
  for (let dow = 0; dow < 7; dow++) {
    if (dow === 6 && saturday) days.push(saturday);
    else days.push(dow === 0 || dow === 6 ? workingDay(dow, null, null) : workingDay(dow, open, close));
  }
  return days;
}

/** The inbox's calendar as the reporting listener sees it: empty when working hours are off. */
function effectiveCalendar(inbox: InboxSpec): WorkingDay[] {
  return inbox.workingHoursEnabled ? inbox.calendar : [];
}

/** Thrown when the next step of a conversation would happen after the end of the data. */
class PastEnd {}
const PAST_END = new PastEnd();

export function defaultEnd(now = new Date()): Date {
  return new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);
}

export function generateChatwoot(options: ChatwootGenOptions): ChatwootDataset {
  const { conversations, seed } = options;
  if (!Number.isInteger(conversations) || conversations < 0) throw new Error(`conversations must be a non-negative integer, got ${conversations}.`);
  const end = options.end ? new Date(Math.floor(options.end.getTime() / SECOND) * SECOND) : defaultEnd();
  const accountId = options.accountId ?? 1;
  const otherAccountId = accountId + 1;
  const endMs = end.getTime();
  const startMs = endMs - HISTORY_DAYS * DAY;
  /** Rows are written a few seconds after the action; actions stop early enough to keep every row before `end`. */
  const limitMs = endMs - 10 * SECOND;
  const setupMs = startMs - 400 * DAY;
  const setup = at(setupMs);
  const bd = new Draws(seed, S.base, 0);

  const base: ChatwootBase = {
    accounts: [], users: [], account_users: [], teams: [], team_members: [], inboxes: [], inbox_members: [], working_hours: [],
    agent_bots: [], agent_bot_inboxes: [], channel_web_widgets: [], channel_api: [], contacts: [], contact_inboxes: [], labels: [], tags: [],
  };

  const account = (id: number, name: string, domain: string): Row => ({
    id, name, created_at: setup, updated_at: setup, locale: 13, domain, support_email: `suporte@${domain}`, feature_flags: 0,
    auto_resolve_duration: null, limits: {}, custom_attributes: {}, status: 0, internal_attributes: {}, settings: { auto_resolve_after: 10_080 },
  });
  base.accounts.push(account(accountId, 'Construtora Horizonte', 'horizonte.exemplo.com.br'), account(otherAccountId, 'Imobiliária Bela Vista', 'belavista.exemplo.com.br'));

  // Users: agents of the main account, one id left out (a deleted agent), then the other account's agents.
  let userId = 0;
  const agentNames = new Map<number, string>();
  const user = (name: string, email: string): number => {
    const id = ++userId;
    const created = at(setupMs + id * HOUR);
    base.users.push({
      id, provider: 'email', uid: email, encrypted_password: '', reset_password_token: null, reset_password_sent_at: null, remember_created_at: null,
      sign_in_count: bd.int(3, 400), current_sign_in_at: null, last_sign_in_at: null, current_sign_in_ip: null, last_sign_in_ip: null,
      confirmation_token: null, confirmed_at: created, confirmation_sent_at: created, unconfirmed_email: null, name, display_name: name.split(' ')[0],
      email, tokens: null, created_at: created, updated_at: created, pubsub_token: hexOf(bd, 24), availability: bd.int(0, 2), ui_settings: {},
      custom_attributes: {}, type: null, message_signature: null, otp_secret: null, consumed_timestep: null, otp_required_for_login: false, otp_backup_codes: null,
    });
    agentNames.set(id, name);
    return id;
  };
  const accountUser = (account_id: number, user_id: number, role: number) => {
    const created = at(setupMs + user_id * HOUR);
    base.account_users.push({
      id: base.account_users.length + 1, account_id, user_id, role, inviter_id: role === 1 ? null : 1, created_at: created, updated_at: created,
      active_at: at(endMs - bd.int(1, 72) * HOUR), availability: bd.int(0, 2), auto_offline: bd.chance(0.7), custom_role_id: null, agent_capacity_policy_id: null,
    });
  };
  const usedEmails = new Set<string>();
  const personEmail = (name: string, domain: string) => {
    const parts = ascii(name).split(' ');
    let email = `${parts[0]}.${parts[parts.length - 1]}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${parts[0]}.${parts[parts.length - 1]}${n}@${domain}`;
    usedEmails.add(email);
    return email;
  };
  const mainAgents: number[] = [];
  for (let i = 0; i < 12; i++) {
    const name = personName(bd).name;
    const id = user(name, personEmail(name, 'horizonte.exemplo.com.br'));
    mainAgents.push(id);
    accountUser(accountId, id, i === 0 ? 1 : 0);
  }
  const deletedAgentId = ++userId;
  agentNames.set(deletedAgentId, 'Agente removido');
  const otherAgents: number[] = [];
  for (let i = 0; i < 2; i++) {
    const name = personName(bd).name;
    const id = user(name, personEmail(name, 'belavista.exemplo.com.br'));
    otherAgents.push(id);
    accountUser(otherAccountId, id, i === 0 ? 1 : 0);
  }

  const teamsOf = (account_id: number, names: string[], agents: number[]) => {
    const teams: AccountSpec['teams'] = [];
    names.forEach((name, i) => {
      const id = base.teams.length + 1;
      base.teams.push({ id, name, description: `Equipe ${name}`, allow_auto_assign: true, account_id, created_at: setup, updated_at: setup });
      const members = agents.filter((_, a) => a % names.length === i || (a + 1) % 5 === i);
      for (const user_id of members) base.team_members.push({ id: base.team_members.length + 1, team_id: id, user_id, created_at: setup, updated_at: setup });
      teams.push({ id, members });
    });
    return teams;
  };
  const mainTeams = teamsOf(accountId, TEAMS, mainAgents);
  const otherTeams = teamsOf(otherAccountId, ['atendimento'], otherAgents);

  const bots = [
    { name: 'Robô de Triagem', description: 'Triagem inicial de atendimentos', account_id: accountId },
    { name: 'Robô antigo', description: 'Integração desativada', account_id: accountId },
  ];
  for (const bot of bots) {
    base.agent_bots.push({
      id: base.agent_bots.length + 1, name: bot.name, description: bot.description, outgoing_url: 'https://bots.exemplo.com.br/webhook',
      created_at: setup, updated_at: setup, account_id: bot.account_id, bot_type: 0, bot_config: {},
    });
  }

  const inboxes: InboxSpec[] = [];
  const inbox = (spec: {
    account_id: number; name: string; channel: 'web' | 'api' | 'whatsapp'; timeZone: string; workingHours: boolean; calendar: WorkingDay[];
    csat: boolean; members: number[]; weight: number;
  }): InboxSpec => {
    const id = base.inboxes.length + 1;
    let channel_id = 1;
    let channel_type = 'Channel::Whatsapp';
    if (spec.channel === 'web') {
      channel_id = base.channel_web_widgets.length + 1;
      channel_type = 'Channel::WebWidget';
      base.channel_web_widgets.push({
        id: channel_id, website_url: `https://www.${spec.account_id === accountId ? 'horizonte' : 'belavista'}.exemplo.com.br`, account_id: spec.account_id,
        created_at: setup, updated_at: setup, website_token: hexOf(bd, 24), widget_color: '#1f93ff', welcome_title: 'Olá!', welcome_tagline: 'Fale com a gente',
        feature_flags: 7, reply_time: 0, hmac_token: hexOf(bd, 24), pre_chat_form_enabled: false, pre_chat_form_options: {}, hmac_mandatory: false,
        continuity_via_email: true, allowed_domains: '',
      });
    } else if (spec.channel === 'api') {
      channel_id = base.channel_api.length + 1;
      channel_type = 'Channel::Api';
      base.channel_api.push({
        id: channel_id, account_id: spec.account_id, webhook_url: 'https://integracao.exemplo.com.br/chatwoot', created_at: setup, updated_at: setup,
        identifier: hexOf(bd, 24), hmac_token: hexOf(bd, 24), hmac_mandatory: false, additional_attributes: {},
      });
    }
    const row: Row = {
      id, channel_id, account_id: spec.account_id, name: spec.name, created_at: setup, updated_at: setup, channel_type, enable_auto_assignment: true,
      greeting_enabled: false, greeting_message: null, email_address: null, working_hours_enabled: spec.workingHours,
      out_of_office_message: spec.workingHours ? 'Estamos fora do horário de atendimento; responderemos assim que possível.' : null,
      timezone: spec.timeZone, enable_email_collect: true, csat_survey_enabled: spec.csat, allow_messages_after_resolved: true, auto_assignment_config: {},
      lock_to_single_conversation: false, portal_id: null, sender_name_type: 0, business_name: null,
      csat_config: spec.csat ? { display_type: 'emoji', message: 'Como você avalia nosso atendimento?' } : {},
    };
    base.inboxes.push(row);
    for (const wd of spec.calendar) base.working_hours.push({ id: base.working_hours.length + 1, inbox_id: id, account_id: spec.account_id, ...wd, created_at: setup, updated_at: setup });
    for (const user_id of spec.members) base.inbox_members.push({ id: base.inbox_members.length + 1, user_id, inbox_id: id, created_at: setup, updated_at: setup });
    const result: InboxSpec = {
      row, id, accountId: spec.account_id, timeZone: spec.timeZone, workingHoursEnabled: spec.workingHours, calendar: spec.calendar, csat: spec.csat,
      bot: null, members: spec.members, contactInboxes: [], weight: spec.weight,
    };
    inboxes.push(result);
    return result;
  };
  const pickMembers = (n: number, offset: number) => mainAgents.filter((_, i) => (i + offset) % 12 < n);
  const defaultCalendar = weekdays([9, 0], [17, 0]);
  inbox({ account_id: accountId, name: 'Site', channel: 'web', timeZone: SAO_PAULO, workingHours: true, calendar: weekdays([8, 0], [18, 0], workingDay(6, [9, 0], [13, 0])), csat: true, members: pickMembers(7, 0), weight: 30 });
  inbox({ account_id: accountId, name: 'API Portal do Cliente', channel: 'api', timeZone: 'UTC', workingHours: false, calendar: defaultCalendar, csat: false, members: pickMembers(4, 3), weight: 10 });
  inbox({ account_id: accountId, name: 'WhatsApp Vendas', channel: 'whatsapp', timeZone: SAO_PAULO, workingHours: true, calendar: weekdays([9, 0], [17, 30]), csat: false, members: pickMembers(6, 6), weight: 30 });
  const botInbox = inbox({ account_id: accountId, name: 'Atendimento Virtual', channel: 'web', timeZone: 'America/Manaus', workingHours: true, calendar: weekdays([8, 0], [18, 0], workingDay(6, null, null, true)), csat: true, members: pickMembers(5, 9), weight: 20 });
  inbox({ account_id: accountId, name: 'Site Manaus', channel: 'web', timeZone: 'America/Manaus', workingHours: false, calendar: defaultCalendar, csat: true, members: pickMembers(4, 1), weight: 10 });
  const otherInbox = inbox({ account_id: otherAccountId, name: 'Site Bela Vista', channel: 'web', timeZone: 'UTC', workingHours: true, calendar: defaultCalendar, csat: false, members: otherAgents, weight: 1 });
  botInbox.bot = { id: 1, name: 'Robô de Triagem' };
  base.agent_bot_inboxes.push(
    { id: 1, inbox_id: botInbox.id, agent_bot_id: 1, status: 0, created_at: setup, updated_at: setup, account_id: accountId },
    { id: 2, inbox_id: inboxes[1].id, agent_bot_id: 2, status: 1, created_at: setup, updated_at: setup, account_id: accountId },
  );

  // Contacts: each reaches the company through one or two inboxes.
  const contactCount = Math.max(60, Math.ceil(conversations / 4));
  const mainInboxes = inboxes.filter((i) => i.accountId === accountId);
  const contactOf = (account_id: number, index: number, homes: InboxSpec[]) => {
    const d = new Draws(seed, S.contact, index);
    const id = base.contacts.length + 1;
    const { name } = personName(d);
    const [first, ...rest] = name.split(' ');
    // 7919 is coprime to 90M, so the subscriber number is unique per contact (WhatsApp source_ids are phones).
    const phone = `+55${d.pick(['11', '21', '31', '41', '51', '61', '71', '79', '81', '85', '92'])}9${10_000_000 + ((id * 7919) % 90_000_000)}`;
    const created = at(setupMs + 30 * DAY + Math.floor(d.unit() * (startMs - setupMs - 30 * DAY)));
    const blocked = d.chance(0.01);
    const email = d.chance(0.8) ? `${ascii(first)}.${ascii(rest[rest.length - 1])}.${id}@${d.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br'])}` : null;
    base.contacts.push({
      id, name, email, phone_number: phone, account_id, created_at: created, updated_at: created,
      additional_attributes: { city: d.pick(['São Paulo', 'Manaus', 'Aracaju', 'Salvador', 'Recife', 'Curitiba']), country: 'Brasil' },
      identifier: null, custom_attributes: {}, last_activity_at: created, contact_type: d.weighted([0, 1, 2], [5, 3, 2]), middle_name: '',
      last_name: rest.join(' '), location: '', country_code: 'BR', blocked, company_id: null,
    });
    const count = homes.length > 1 && d.chance(0.2) ? 2 : 1;
    const chosen = new Set<InboxSpec>();
    while (chosen.size < count) chosen.add(d.weighted(homes, homes.map((h) => h.weight)));
    for (const home of chosen) {
      const ciId = base.contact_inboxes.length + 1;
      const channelType = home.row.channel_type;
      const source_id = channelType === 'Channel::Whatsapp' ? phone.slice(1) : channelType === 'Channel::Api' ? `cliente-${id}` : uuidOf(d);
      base.contact_inboxes.push({
        id: ciId, contact_id: id, inbox_id: home.id, source_id, created_at: created, updated_at: created, hmac_verified: false, pubsub_token: hexOf(d, 24),
      });
      home.contactInboxes.push({ id: ciId, contactId: id, blocked, name });
    }
  };
  for (let i = 0; i < contactCount; i++) contactOf(accountId, i, mainInboxes);
  for (let i = 0; i < 10; i++) contactOf(otherAccountId, contactCount + i, [otherInbox]);

  const tagIds = new Map<string, number>();
  const labelsOf = (account_id: number, titles: string[]) =>
    titles.map((title) => {
      let tagId = tagIds.get(title);
      if (tagId === undefined) {
        tagId = tagIds.size + 1;
        tagIds.set(title, tagId);
        base.tags.push({ id: tagId, name: title, taggings_count: 0 });
      }
      base.labels.push({
        id: base.labels.length + 1, title, description: `Etiqueta ${title}`, color: `#${hexOf(bd, 6)}`, show_on_sidebar: true, account_id, created_at: setup, updated_at: setup,
      });
      return { title, tagId };
    });

  const main: AccountSpec = { id: accountId, inboxes: mainInboxes, teams: mainTeams, agentNames, labels: labelsOf(accountId, LABELS) };
  const other: AccountSpec = { id: otherAccountId, inboxes: [otherInbox], teams: otherTeams, agentNames, labels: labelsOf(otherAccountId, OTHER_LABELS) };

  const ids = { message: 0, event: 0, csat: 0, tagging: 0 };
  const displayIds = new Map<number, number>();

  function* bundles(): Generator<ChatwootBundle> {
    ids.message = ids.event = ids.csat = ids.tagging = 0;
    displayIds.clear();
    // Arrival times follow the hourly weights: conversation i sits at quantile (i + u) / n, so they come out sorted.
    const hours = Math.ceil((endMs - startMs) / HOUR);
    const weights = new Float64Array(hours);
    const cumulative = new Float64Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      weights[h] = arrivalWeight(startMs + h * HOUR);
      cumulative[h + 1] = cumulative[h] + weights[h];
    }
    let hour = 0;
    let previous = startMs;
    let midnightDone = false;
    for (let i = 0; i < conversations; i++) {
      const target = ((i + new Draws(seed, S.arrival, i).unit()) / conversations) * cumulative[hours];
      while (hour < hours - 1 && cumulative[hour + 1] <= target) hour++;
      let created = startMs + hour * HOUR + Math.floor(((target - cumulative[hour]) / weights[hour]) * HOUR);
      created = Math.max(previous, Math.floor(created / SECOND) * SECOND);
      const d = new Draws(seed, S.conversation, i);
      let special: Special = 'none';
      if (i === 7) special = 'no-messages';
      else if (i === 3) special = 'deleted-agent';
      else if (!midnightDone && i >= conversations / 2) {
        const day = Math.floor(utcToLocal(created, SAO_PAULO) / DAY);
        if (day > Math.floor(utcToLocal(previous, SAO_PAULO) / DAY)) {
          created = localToUtc(day * DAY, SAO_PAULO);
          special = 'midnight';
          midnightDone = true;
        }
      }
      previous = created;
      yield simulate(main, d, i + 1, created, special);
    }
    for (let j = 0; j < OTHER_ACCOUNT_CONVERSATIONS; j++) {
      const created = Math.floor((startMs + ((j + 0.5) / OTHER_ACCOUNT_CONVERSATIONS) * (endMs - startMs)) / SECOND) * SECOND;
      yield simulate(other, new Draws(seed, S.other, j), conversations + j + 1, created, 'none');
    }
  }

  type Special = 'none' | 'no-messages' | 'deleted-agent' | 'midnight';

  function simulate(acc: AccountSpec, d: Draws, id: number, createdMs: number, special: Special): ChatwootBundle {
    const displayId = (displayIds.get(acc.id) ?? 0) + 1;
    displayIds.set(acc.id, displayId);
    let box = d.weighted(acc.inboxes, acc.inboxes.map((i) => i.weight));
    if (special === 'midnight' || special === 'deleted-agent') box = acc.inboxes[0];
    let contactPick = d.pick(box.contactInboxes);
    // Blocked contacts are rare in real traffic: most draws of one move on to the next contact.
    if (contactPick.blocked && (special !== 'none' || d.chance(0.7))) {
      contactPick = box.contactInboxes.find((c) => !c.blocked) ?? contactPick;
    }
    const bot = box.bot;
    const messages: Row[] = [];
    const events: Row[] = [];
    const csatResponses: Row[] = [];
    const taggings: Row[] = [];
    const created = at(createdMs);

    let status = bot ? 2 : 0;
    let assignee: number | null = null;
    let team: number | null = null;
    let waitingSince: number | null = createdMs;
    let firstReply: number | null = null;
    let updated = createdMs;
    let lastActivity = createdMs;
    let lastIncoming: number | null = null;
    let lastAgent: number | null = null;
    let lastResolvedEnd: number | null = null;
    let lastNonHumanEnd: number | null = null;
    let lastBotResolvedEnd: number | null = null;
    let humanOutgoing = false;
    let hadCsat = false;
    let snoozedUntil: number | null = null;
    let t = createdMs;
    const calendar = effectiveCalendar(box);

    const assign = () => {
      const oldEnough = acc.id === accountId && createdMs < startMs + 45 * DAY;
      if (special === 'deleted-agent' || (oldEnough && d.chance(0.04))) assignee = deletedAgentId;
      else assignee = d.chance(0.9) ? d.pick(box.members) : null;
      if (d.chance(0.7)) {
        const withAgent = acc.teams.filter((tm) => assignee !== null && tm.members.includes(assignee));
        team = (withAgent.length ? d.pick(withAgent) : d.pick(acc.teams)).id;
      }
    };
    const check = (ms: number) => {
      if (ms > limitMs) throw PAST_END;
      return ms;
    };
    const message = (ms: number, message_type: number, content: string | null, sender_type: string | null, sender_id: number | null, extra: Partial<Row> = {}): Row => {
      check(ms);
      const row: Row = {
        id: ++ids.message, content, account_id: acc.id, inbox_id: box.id, conversation_id: id, message_type, created_at: at(ms), updated_at: at(ms),
        private: false, status: message_type === 1 ? d.weighted([0, 1, 2], [1, 2, 7]) : 0,
        source_id: box.row.channel_type === 'Channel::Whatsapp' && message_type <= 1 ? `wamid.${hexOf(d, 32)}` : null,
        content_type: 0, content_attributes: {}, sender_type, sender_id, external_source_ids: {}, additional_attributes: {},
        processed_message_content: content, sentiment: {}, ...extra,
      };
      messages.push(row);
      updated = Math.max(updated, ms);
      if (message_type !== 2) lastActivity = Math.max(lastActivity, ms);
      return row;
    };
    const event = (name: string, startMs: number, endMs2: number, user_id: number | null, value = (endMs2 - startMs) / SECOND, business?: number) => {
      const createdAt = endMs2 + d.int(1, 5) * SECOND;
      events.push({
        id: ++ids.event, name, value, account_id: acc.id, inbox_id: box.id, user_id, conversation_id: id, created_at: at(createdAt), updated_at: at(createdAt),
        value_in_business_hours: business ?? businessSeconds(at(startMs), at(endMs2), calendar, box.timeZone), event_start_time: at(startMs), event_end_time: at(endMs2),
      });
    };
    const incoming = (ms: number, content = d.pick(CUSTOMER_LINES)) => {
      message(ms, 0, content, 'Contact', contactPick.contactId);
      if (waitingSince === null) waitingSince = ms;
      lastIncoming = ms;
    };
    const botReply = (ms: number) => {
      message(ms, 1, d.pick(BOT_LINES), 'AgentBot', bot?.id ?? null);
      waitingSince = null;
    };
    const agentReply = (ms: number) => {
      const sender = assignee ?? d.pick(box.members);
      message(ms, 1, d.pick(AGENT_LINES), 'User', sender);
      humanOutgoing = true;
      lastAgent = ms;
      if (firstReply === null) {
        firstReply = ms;
        waitingSince = null;
        const from = lastNonHumanEnd ?? lastBotResolvedEnd ?? createdMs;
        event('first_response', from, ms, sender);
      } else if (waitingSince !== null) {
        event('reply_time', waitingSince, ms, assignee);
        waitingSince = null;
      }
    };
    const note = (ms: number) => {
      message(ms, 1, d.pick(NOTE_LINES), 'User', assignee ?? d.pick(box.members), { private: true });
    };
    const activity = (ms: number, content: string) => message(ms, 2, content, null, null, { status: 0 });
    const nameOf = (userId: number | null) => (userId === null ? 'Sistema' : acc.agentNames.get(userId) ?? 'Agente');
    /** Status → open after creation: the conversation_opened rule of the reporting listener. */
    const opened = (ms: number) => {
      if (lastResolvedEnd === null) event('conversation_opened', createdMs, ms, assignee, 0, 0);
      else event('conversation_opened', lastResolvedEnd, ms, assignee);
      lastNonHumanEnd = ms;
    };
    const resolve = (ms: number, byName: string) => {
      check(ms + 5 * SECOND);
      activity(ms, `Conversa foi marcada como resolvida por ${byName}`);
      status = 1;
      waitingSince = null;
      event('conversation_resolved', createdMs, ms, assignee);
      if (bot && !humanOutgoing) {
        event('conversation_bot_resolved', createdMs, ms, assignee);
        lastBotResolvedEnd = ms;
      }
      lastResolvedEnd = ms;
      if (box.csat && !hadCsat && ms + SECOND <= limitMs) {
        hadCsat = true;
        const survey = message(ms + SECOND, 3, 'Por favor, avalie esta conversa', null, null, { content_type: 9, status: 0 });
        if (d.chance(0.6)) {
          const answered = ms + SECOND + Math.floor(Math.min(2 * DAY, 2 * MINUTE + expo(d, 3 * HOUR)) / SECOND) * SECOND;
          const rating = d.weighted([1, 2, 3, 4, 5], [5, 4, 10, 30, 51]);
          const feedback = d.chance(0.35) ? d.pick(FEEDBACK) : null;
          if (answered <= limitMs) {
            survey.content_attributes = { submitted_values: { csat_survey_response: { rating, feedback_message: feedback } } };
            survey.updated_at = at(answered);
            csatResponses.push({
              id: ++ids.csat, account_id: acc.id, conversation_id: id, message_id: survey.id, rating, feedback_message: feedback, contact_id: contactPick.contactId,
              assigned_agent_id: assignee, created_at: at(answered), updated_at: at(answered), csat_review_notes: null, review_notes_updated_at: null, review_notes_updated_by_id: null,
            });
          }
        }
      }
    };

    /** Agent gaps: minutes inside the inbox's office hours, hours outside them. */
    const agentGap = (from: number, first = false) => {
      const local = utcToLocal(from, box.timeZone);
      const hour = Math.floor(local / HOUR) % 24;
      const dow = (Math.floor(local / DAY) + 4) % 7;
      const office = dow >= 1 && dow <= 5 && hour >= 9 && hour < 18;
      const gap = office ? 30 * SECOND + Math.min(expo(d, first ? 12 * MINUTE : 6 * MINUTE), 45 * MINUTE) : HOUR + d.unit() * 7 * HOUR;
      return Math.floor(gap / SECOND) * SECOND;
    };
    const customerGap = () => Math.floor((MINUTE + Math.min(expo(d, 15 * MINUTE), 4 * HOUR)) / SECOND) * SECOND;

    const exchange = (messagesLeft: number, agentFirst: boolean) => {
      let agentTurn = agentFirst;
      for (let k = 0; k < messagesLeft; k++) {
        if (agentTurn) {
          t += agentGap(t, firstReply === null);
          agentReply(t);
          if (d.chance(0.08)) note((t += 20 * SECOND));
          agentTurn = d.chance(0.15);
        } else {
          t += customerGap();
          incoming(t);
          agentTurn = !d.chance(0.2);
        }
      }
    };

    const life = (): void => {
      if (special === 'no-messages') {
        assign();
      } else if (contactPick.blocked) {
        // Muted contact: Chatwoot creates the conversation resolved and never reopens it.
        status = 1;
        waitingSince = null;
        incoming(createdMs);
        waitingSince = null;
      } else if (special === 'midnight') {
        assign();
        incoming(t);
        agentReply((t += 2 * MINUTE));
        incoming((t += 3 * MINUTE));
        agentReply((t += 4 * MINUTE));
        // The resolution's event row lands exactly on the next São Paulo midnight.
        const nextMidnight = localToUtc((Math.floor(utcToLocal(createdMs, SAO_PAULO) / DAY) + 1) * DAY, SAO_PAULO);
        const resolveAt = nextMidnight - 3 * SECOND;
        check(nextMidnight);
        activity(resolveAt, `Conversa foi marcada como resolvida por ${nameOf(assignee)}`);
        status = 1;
        waitingSince = null;
        events.push({
          id: ++ids.event, name: 'conversation_resolved', value: (resolveAt - createdMs) / SECOND, account_id: acc.id, inbox_id: box.id, user_id: assignee,
          conversation_id: id, created_at: at(nextMidnight), updated_at: at(nextMidnight),
          value_in_business_hours: businessSeconds(created, at(resolveAt), calendar, box.timeZone), event_start_time: created, event_end_time: at(resolveAt),
        });
        lastResolvedEnd = resolveAt;
      } else {
        const planned = d.int(4, 24);
        const outcome = d.weighted(['resolved', 'open', 'pending', 'snoozed', 'unanswered'] as const, [78, 9, 4, 4, 5]);
        incoming(t);
        let used = 1;
        if (bot) {
          botReply((t += d.int(2, 10) * SECOND));
          used++;
          for (let k = d.int(0, 2); k > 0; k--) {
            incoming((t += customerGap()));
            botReply((t += d.int(2, 10) * SECOND));
            used += 2;
          }
          if (d.chance(0.35)) {
            resolve((t += d.int(30, 600) * SECOND), bot.name);
            return;
          }
          incoming((t += customerGap()), 'Quero falar com um atendente.');
          t += d.int(5, 60) * SECOND;
          check(t + 5 * SECOND);
          assign();
          activity(t, `${bot.name} transferiu a conversa para a equipe de atendimento`);
          status = 0;
          event('conversation_bot_handoff', createdMs, t, assignee);
          opened(t);
          used += 2;
        } else {
          assign();
        }
        if (outcome === 'unanswered') {
          if (d.chance(0.5)) incoming((t += customerGap()), 'Tem alguém aí?');
          return;
        }
        exchange(Math.max(1, planned - used), true);
        if (outcome === 'pending') {
          t += agentGap(t);
          activity(check(t), `Conversa foi marcada como pendente por ${nameOf(assignee)}`);
          status = 2;
        } else if (outcome === 'snoozed') {
          t += agentGap(t);
          const until = t + d.int(1, 10) * DAY;
          activity(check(t), `Conversa foi adiada por ${nameOf(assignee)}`);
          status = 3;
          snoozedUntil = until;
          check(until + 5 * SECOND);
          snoozedUntil = null;
          activity(until, 'O sistema reabriu a conversa porque o período de adiamento terminou');
          status = 0;
          opened(until);
          t = until;
        } else if (outcome === 'resolved') {
          t += Math.floor((2 * MINUTE + Math.min(expo(d, 90 * MINUTE), 6 * HOUR)) / SECOND) * SECOND;
          resolve(t, nameOf(assignee));
          if (d.chance(0.19)) {
            t += Math.floor((HOUR + d.unit() * 5 * DAY) / SECOND) * SECOND;
            check(t + 5 * SECOND);
            incoming(t, 'Oi, o problema voltou a acontecer.');
            activity(t, 'O sistema reabriu a conversa devido a uma nova mensagem recebida');
            status = 0;
            opened(t);
            exchange(d.int(1, 5), true);
            if (d.chance(0.6)) resolve((t += agentGap(t) + 5 * MINUTE), nameOf(assignee));
          }
        }
      }
    };
    try {
      life();
    } catch (err) {
      if (err !== PAST_END) throw err;
    }

    // Labels go on when the agent first works the conversation; created with it when nobody answered.
    const labelCount = d.weighted([0, 1, 2, 3], [30, 40, 20, 10]);
    const chosen = new Map<string, number>();
    for (let k = 0; k < labelCount; k++) {
      const label = d.pick(acc.labels);
      chosen.set(label.title, label.tagId);
    }
    const titles = [...chosen.keys()].sort();
    const labelledAt = at(firstReply ?? createdMs);
    for (const title of titles) {
      taggings.push({
        id: ++ids.tagging, tag_id: chosen.get(title), taggable_type: 'Conversation', taggable_id: id, tagger_type: null, tagger_id: null, context: 'labels', created_at: labelledAt,
      });
    }
    const priority = d.weighted([null, 0, 1, 2, 3], [40, 15, 20, 15, 10]);
    const conversation: Row = {
      id, account_id: acc.id, inbox_id: box.id, status, assignee_id: assignee, created_at: created, updated_at: at(updated), contact_id: contactPick.contactId,
      display_id: displayId, contact_last_seen_at: lastIncoming === null ? null : at(lastIncoming), agent_last_seen_at: lastAgent === null ? null : at(lastAgent),
      additional_attributes: box.row.channel_type === 'Channel::WebWidget' ? { browser: { browser_name: 'Chrome', platform_name: 'Windows' }, browser_language: 'pt-BR', initiated_at: { timestamp: created.toISOString() } } : {},
      contact_inbox_id: contactPick.id, uuid: uuidOf(d), identifier: null, last_activity_at: at(lastActivity), team_id: team, campaign_id: null,
      snoozed_until: snoozedUntil === null ? null : at(snoozedUntil), custom_attributes: {}, assignee_last_seen_at: assignee !== null && lastAgent !== null ? at(lastAgent) : null,
      first_reply_created_at: firstReply === null ? null : at(firstReply), priority, sla_policy_id: null, waiting_since: waitingSince === null ? null : at(waitingSince),
      cached_label_list: titles.length ? titles.join(', ') : null, assignee_agent_bot_id: null,
    };
    return { conversation, messages, reportingEvents: events, csatResponses, taggings };
  }

  return { base, bundles: { [Symbol.iterator]: () => bundles() }, deletedAgentId, otherAccountId, start: at(startMs), end };
}
