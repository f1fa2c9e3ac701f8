import { formatDateTime, formatDuration } from '../../../../shared/format';
import type { ConversationDetail } from '../../../../shared/support';
import { useReadiness } from '../../app/readiness';
import { useQuery } from '../../app/useQuery';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { PageSkeleton } from '../../components/Skeleton';
import { call } from '../../ipc';

type Message = ConversationDetail['messages'][number];

const KIND_LABEL: Partial<Record<Message['kind'], string>> = { private: 'Nota privada', bot: 'Bot', template: 'Modelo', csat: 'Pesquisa CSAT' };

/** One conversation: the transcript as the agent saw it, with its timing marks, beside the analytics facts. */
export function ConversationDialog({ company, id, timezone, onClose }: { company: string; id: number; timezone: string; onClose(): void }) {
  const detail = useQuery(`${company}/${id}`, () => call('support.conversation', { company, id }));
  useReadiness(detail.loading);
  const data = detail.data;
  const title = data ? `Conversa #${data.summary.display_id}${data.summary.contact_name ? ` · ${data.summary.contact_name}` : ''}` : 'Conversa';
  return (
    <Dialog title={title} onClose={onClose} testId="conversation-dialog">
      {data ? (
        <div className="transcript-layout">
          <ol className="transcript" aria-label="Mensagens" data-testid="transcript">
            {data.messages.map((m) => (
              <TranscriptLine key={m.id} message={m} timezone={timezone} />
            ))}
            {data.messages.length ? null : <li className="muted">Conversa sem mensagens.</li>}
          </ol>
          <Facts detail={data} timezone={timezone} />
        </div>
      ) : detail.error ? (
        <Alert action={<button type="button" className="button" onClick={detail.reload}>Tentar de novo</button>}>{detail.error}</Alert>
      ) : (
        <PageSkeleton label="Carregando conversa…" />
      )}
    </Dialog>
  );
}

function TranscriptLine({ message: m, timezone }: { message: Message; timezone: string }) {
  const side = m.kind === 'incoming' ? 'in' : m.kind === 'activity' ? 'center' : 'out';
  const badge = KIND_LABEL[m.kind];
  return (
    <li className={`message message-${side} message-${m.kind}`} data-testid="transcript-message" data-kind={m.kind}>
      {m.kind === 'activity' ? (
        <p className="message-activity">
          {m.content} · <time dateTime={m.at}>{formatDateTime(m.at, timezone)}</time>
        </p>
      ) : (
        <div className="message-bubble">
          <div className="message-head">
            <span className="message-sender">{m.sender ?? (m.kind === 'incoming' ? 'Contato' : 'Sistema')}</span>
            {badge ? <span className={`tag message-badge message-badge-${m.kind}`}>{badge}</span> : null}
          </div>
          <p className="message-content">{m.content ?? <span className="muted">(sem texto)</span>}</p>
          <time className="message-time" dateTime={m.at}>
            {formatDateTime(m.at, timezone)}
          </time>
        </div>
      )}
      {m.marks.length ? (
        <ul className="message-marks" aria-label="Marcas de tempo">
          {m.marks.map((mark) => (
            <li key={mark} className="chip chip-info" data-testid="transcript-mark">
              {mark}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Facts({ detail, timezone }: { detail: ConversationDetail; timezone: string }) {
  const s = detail.summary;
  const f = detail.facts;
  const text = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const seconds = (v: string | number | null | undefined) => (typeof v === 'number' ? formatDuration(v) : '—');
  const rows: Array<[string, string]> = [
    ['Status', s.status_label],
    ['Prioridade', text(f.priority_label)],
    ['Canal', `${s.channel}${s.inbox_name ? ` · ${s.inbox_name}` : ''}`],
    ['Agente', text(s.assignee_name)],
    ['Time', text(s.team_name)],
    ['Etiquetas', text(s.labels)],
    ['Contato', [s.contact_name, f.contact_email, f.contact_phone].filter(Boolean).join(' · ') || '—'],
    ['Criada em', formatDateTime(s.created_at, timezone)],
    ['Mensagens', text(s.messages_count)],
    ['1ª resposta', formatDuration(s.first_response_seconds)],
    ['1ª resposta (horário comercial)', seconds(f.first_response_bh_seconds)],
    ['Espera média do cliente', seconds(f.reply_time_avg_seconds)],
    ['Resolução', formatDuration(s.last_resolution_seconds)],
    ['Reaberturas', text(f.reopen_count)],
    ['CSAT', s.csat_rating === null ? '—' : `${s.csat_rating} de 5${f.csat_category ? ` (${String(f.csat_category)})` : ''}`],
    ['Comentário CSAT', text(f.csat_feedback)],
    ['Atendido por', s.service_level],
    ['Transferida do bot', f.handoff ? `sim, após ${seconds(f.time_to_handoff_seconds)}` : 'não'],
  ];
  return (
    <aside className="transcript-facts" aria-label="Dados da conversa" data-testid="conversation-facts">
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {detail.events.length ? (
        <>
          <h3 className="block-title">Eventos</h3>
          <ul className="transcript-events">
            {detail.events.map((e, i) => (
              <li key={`${e.name}-${i}`}>
                <strong>{e.label}</strong> {e.value !== null ? `(${formatDuration(e.value)})` : ''} <span className="muted small">{formatDateTime(e.at, timezone)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
