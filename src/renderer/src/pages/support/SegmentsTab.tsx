import { formatDuration, formatInteger } from '../../../../shared/format';
import type { SupportExportTable, SupportKpis } from '../../../../shared/support';
import { ExportButtons } from './ExportButtons';
import type { NamedScope, SupportFilter } from './supportView';

interface SegmentRow {
  key: string;
  name: string;
  detail?: string | null;
  scope: NamedScope;
  conversations_count: number;
  resolved_conversations_count: number;
  avg_first_response_time: number | null;
  avg_resolution_time: number | null;
  avg_reply_time: number | null;
}

/** Agents, inboxes, teams and labels; a row (click or Enter) puts the whole page on that scope. */
export function SegmentsTab({ kpis, filter, onScope }: { kpis: SupportKpis; filter: SupportFilter; onScope(scope: NamedScope): void }) {
  const agents: SegmentRow[] = kpis.by_agent.map((a) => ({ ...a, key: String(a.agent_id), detail: a.email, scope: { scope: { kind: 'agent', id: a.agent_id }, label: `Agente: ${a.name}` } }));
  const inboxes: SegmentRow[] = kpis.by_inbox.map((i) => ({ ...i, key: String(i.inbox_id), detail: i.channel, scope: { scope: { kind: 'inbox', id: i.inbox_id }, label: `Caixa de entrada: ${i.name}` } }));
  const teams: SegmentRow[] = kpis.by_team.map((t) => ({ ...t, key: String(t.team_id), scope: { scope: { kind: 'team', id: t.team_id }, label: `Time: ${t.name}` } }));
  const labels: SegmentRow[] = kpis.by_label.map((l) => ({ ...l, key: l.label, name: l.label, scope: { scope: { kind: 'label', label: l.label }, label: `Etiqueta: ${l.label}` } }));
  return (
    <>
      <p className="muted small">Clique numa linha (ou Enter) para ver o painel inteiro só daquele agente, caixa, time ou etiqueta.</p>
      <SegmentTable id="agents" title="Agentes" nameLabel="Agente" rows={agents} filter={filter} onScope={onScope} />
      <SegmentTable id="inboxes" title="Caixas de entrada" nameLabel="Caixa de entrada" rows={inboxes} filter={filter} onScope={onScope} />
      <div className="chart-grid chart-grid-even">
        <SegmentTable id="teams" title="Times" nameLabel="Time" rows={teams} filter={filter} onScope={onScope} />
        <SegmentTable id="labels" title="Etiquetas" nameLabel="Etiqueta" rows={labels} filter={filter} onScope={onScope} />
      </div>
    </>
  );
}

function SegmentTable({ id, title, nameLabel, rows, filter, onScope }: { id: SupportExportTable; title: string; nameLabel: string; rows: SegmentRow[]; filter: SupportFilter; onScope(scope: NamedScope): void }) {
  return (
    <section className="card card-flush" aria-labelledby={`segment-${id}-title`} data-testid={`segment-${id}`}>
      <div className="chart-card-head support-table-head">
        <h2 id={`segment-${id}-title`} className="card-title">
          {title}
        </h2>
        <ExportButtons filter={filter} table={id} label={title.toLowerCase()} />
      </div>
      <div className="table-scroll support-segment-scroll">
        <table className="table table-compact">
          <caption className="visually-hidden">{title}; Enter filtra o painel pela linha</caption>
          <thead>
            <tr>
              <th scope="col">{nameLabel}</th>
              <th scope="col" className="num">Conversas</th>
              <th scope="col" className="num">Resoluções</th>
              <th scope="col" className="num">1ª resposta</th>
              <th scope="col" className="num">Resolução</th>
              <th scope="col" className="num">Espera</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                className="row-link"
                tabIndex={0}
                data-testid="segment-row"
                data-key={r.key}
                data-conversations={r.conversations_count}
                onClick={() => onScope(r.scope)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onScope(r.scope);
                  }
                }}
              >
                <td className="cell-name">
                  {r.name}
                  {r.detail ? <span className="cell-sub">{r.detail}</span> : null}
                </td>
                <td className="num">{formatInteger(r.conversations_count)}</td>
                <td className="num">{formatInteger(r.resolved_conversations_count)}</td>
                <td className="num">{formatDuration(r.avg_first_response_time)}</td>
                <td className="num">{formatDuration(r.avg_resolution_time)}</td>
                <td className="num">{formatDuration(r.avg_reply_time)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length ? null : <p className="table-empty muted">Nada no período.</p>}
      </div>
    </section>
  );
}
