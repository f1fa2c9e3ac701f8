import { useRef, useState, type KeyboardEvent } from 'react';
import { formatDateTime, formatDay, formatInteger } from '../../../../shared/format';
import type { SupportKpis } from '../../../../shared/support';
import { useReadiness } from '../../app/readiness';
import { navigate, paths } from '../../app/routing';
import { useCompany, useSession } from '../../app/session';
import { useQuery } from '../../app/useQuery';
import { useSourceSync } from '../../app/useSourceSync';
import { Alert } from '../../components/Alert';
import { SyncButton, SyncOutcome } from '../../components/SourceSyncControls';
import { DayInput } from '../../components/DayInput';
import { EmptyState } from '../../components/EmptyState';
import { DatabaseIcon, HeadsetIcon, XIcon } from '../../components/icons';
import { PageSkeleton } from '../../components/Skeleton';
import { SyncProgress } from '../../components/SyncProgress';
import { call, useEvent } from '../../ipc';
import { ConversationDialog } from './ConversationDialog';
import { ConversationsTab } from './ConversationsTab';
import { ExecutiveTab } from './ExecutiveTab';
import { OperationalTab } from './OperationalTab';
import { QualityTab } from './QualityTab';
import { SegmentsTab } from './SegmentsTab';
import { DEFAULT_SUPPORT_PERIOD, SUPPORT_PERIOD_LABELS, supportPeriodRange, type SupportPeriod, type SupportPeriodKind } from './supportPeriod';
import { ACCOUNT, metricsQuery, type NamedScope, type SupportFilter } from './supportView';
import { TemporalTab } from './TemporalTab';
import './support.css';

const TABS = [
  { id: 'executive', label: 'Executivo' },
  { id: 'operational', label: 'Operacional' },
  { id: 'quality', label: 'Qualidade (CSAT)' },
  { id: 'segments', label: 'Segmentos' },
  { id: 'temporal', label: 'Temporal' },
  { id: 'conversations', label: 'Conversas' },
] as const;
type TabId = (typeof TABS)[number]['id'];

interface View {
  period: SupportPeriod;
  businessHours: boolean;
  scope: NamedScope;
  tab: TabId;
}

// Coming back to the page keeps what the user was looking at in this company.
let remembered: { company: string; view: View } | null = null;

export function SupportPage() {
  const company = useCompany();
  const { health } = useSession();
  const sync = useSourceSync(company.slug, 'chatwoot', 'Sincronização Chatwoot');
  const [view, setViewState] = useState<View>(() =>
    remembered?.company === company.slug ? remembered.view : { period: DEFAULT_SUPPORT_PERIOD, businessHours: false, scope: ACCOUNT, tab: 'executive' },
  );
  const [version, setVersion] = useState(0);
  const [conversation, setConversation] = useState<number | null>(null);
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});

  const setView = (patch: Partial<View>) =>
    setViewState((current) => {
      const next = { ...current, ...patch };
      remembered = { company: company.slug, view: next };
      return next;
    });

  const range = supportPeriodRange(view.period, company.timezone);
  const filter: SupportFilter = { company: company.slug, ...range, businessHours: view.businessHours, scope: view.scope.scope, version };
  const query = useQuery(JSON.stringify([metricsQuery(filter), version]), async () => {
    const [kpis, source] = await Promise.all([
      call('kpi.support', metricsQuery(filter)),
      // Without a reachable keychain (or before the source exists) the settings page tells the rest.
      call('sources.get', { company: company.slug, source: 'chatwoot' }).catch(() => null),
    ]);
    return { kpis, configured: Boolean(source?.settings.some((s) => s.key === 'url' && s.value)) };
  });
  useEvent('data.changed', (change) => {
    if (change.company === company.slug && change.source === 'chatwoot') setVersion((v) => v + 1);
  });
  useReadiness(query.loading);

  const data = query.data;
  const chatwoot = health.find((h) => h.source === 'chatwoot') ?? null;
  const hasData = Boolean(data && data.kpis.mirror.conversations > 0);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === view.tab);
    const next = event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    setView({ tab: next.id });
    tabRefs.current[next.id]?.focus();
  };

  let body;
  if (!data) {
    body = query.error ? (
      <Alert action={<button type="button" className="button" onClick={query.reload}>Tentar de novo</button>} testId="support-error">
        {query.error}
      </Alert>
    ) : (
      <PageSkeleton label="Carregando atendimento…" />
    );
  } else if (!hasData && !data.configured && !chatwoot?.configured) {
    body = (
      <EmptyState
        testId="support-empty-connect"
        icon={<HeadsetIcon size={28} />}
        title="Conecte o Chatwoot em Configurações e sincronize"
        action={
          <button type="button" className="button button-primary" data-testid="support-open-settings" onClick={() => navigate(paths.settings)}>
            Abrir configurações
          </button>
        }
      >
        <p>Informe o endereço do banco PostgreSQL do Chatwoot (um usuário só de leitura basta) e o número da conta. Depois da primeira sincronização, as conversas ficam neste computador e o painel funciona sem internet.</p>
      </EmptyState>
    );
  } else if (!hasData) {
    body = (
      <EmptyState
        testId="support-empty-sync"
        icon={<DatabaseIcon size={28} />}
        title={sync.active ? 'Sincronizando as conversas do Chatwoot…' : 'Clique em Sincronizar agora'}
        action={sync.active ? <SyncProgress progress={sync.active} compact /> : <SyncButton sync={sync} label="Sincronizar Chatwoot" testIdPrefix="support" primary />}
      >
        <p>O espelho local ainda não tem conversas. A primeira sincronização copia caixas de entrada, agentes, conversas, mensagens e respostas de CSAT do Chatwoot para este computador.</p>
        <SyncOutcome sync={sync} testIdPrefix="support" />
      </EmptyState>
    );
  } else {
    const kpis = data.kpis;
    const open = (id: number) => setConversation(id);
    body = (
      <>
        <div className="tabs" role="tablist" aria-label="Visões do atendimento">
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`support-tab-${t.id}`}
              className="tab"
              aria-selected={t.id === view.tab}
              aria-controls={`support-panel-${t.id}`}
              tabIndex={t.id === view.tab ? 0 : -1}
              data-testid={`support-tab-${t.id}`}
              onClick={() => setView({ tab: t.id })}
              onKeyDown={onTabKey}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          className={`tab-panel support-panel${query.loading ? ' is-stale' : ''}`}
          role="tabpanel"
          id={`support-panel-${view.tab}`}
          aria-labelledby={`support-tab-${view.tab}`}
          aria-busy={query.loading}
          data-testid={`support-panel-${view.tab}`}
        >
          {query.error ? <Alert>{query.error}</Alert> : null}
          {kpis.conversations_count === 0 ? (
            <Alert tone="info" testId="support-period-empty">
              Nenhuma conversa criada neste período{view.scope.scope.kind !== 'account' ? ` para ${view.scope.label.toLowerCase()}` : ''}. Escolha um período maior, como &quot;Últimos 3 meses&quot;.
            </Alert>
          ) : null}
          {view.tab === 'executive' ? <ExecutiveTab kpis={kpis} filter={filter} /> : null}
          {view.tab === 'operational' ? <OperationalTab kpis={kpis} filter={filter} /> : null}
          {view.tab === 'quality' ? <QualityTab kpis={kpis} filter={filter} timezone={company.timezone} onOpenConversation={open} /> : null}
          {view.tab === 'segments' ? <SegmentsTab kpis={kpis} filter={filter} onScope={(scope) => setView({ scope, tab: 'executive' })} /> : null}
          {view.tab === 'temporal' ? <TemporalTab kpis={kpis} filter={filter} /> : null}
          {view.tab === 'conversations' ? <ConversationsTab filter={filter} timezone={company.timezone} onOpenConversation={open} /> : null}
          <MirrorFooter kpis={kpis} />
        </div>
        {conversation !== null ? <ConversationDialog company={company.slug} id={conversation} timezone={company.timezone} onClose={() => setConversation(null)} /> : null}
      </>
    );
  }

  return (
    <div className="page" data-testid="support">
      <header className="page-header support-header">
        <div>
          <h1 tabIndex={-1}>Atendimento</h1>
          <p className="page-subtitle">
            {company.name}
            {hasData && data ? <RangeSummary kpis={data.kpis} /> : null}
            {chatwoot?.lastSuccessAt ? <span data-testid="support-last-sync"> · sincronizado em {formatDateTime(chatwoot.lastSuccessAt, company.timezone)}</span> : null}
          </p>
        </div>
        {hasData && !sync.active ? <SyncButton sync={sync} label="Sincronizar Chatwoot" testIdPrefix="support" /> : null}
      </header>
      {hasData ? (
        <div className="support-toolbar">
          <PeriodSelect period={view.period} onChange={(period) => setView({ period })} timezone={company.timezone} />
          <div className="support-toolbar-row">
            <label className="checkbox-field support-toggle">
              <input type="checkbox" role="switch" checked={view.businessHours} data-testid="support-business-hours" onChange={(e) => setView({ businessHours: e.target.checked })} />
              Horário comercial
            </label>
            {view.scope.scope.kind !== 'account' ? (
              <span className="filter-chip" data-testid="support-scope-chip" data-kind={view.scope.scope.kind}>
                <span>{view.scope.label}</span>
                <button type="button" className="filter-chip-remove" data-testid="support-scope-remove" aria-label={`Remover filtro ${view.scope.label}`} onClick={() => setView({ scope: ACCOUNT })}>
                  <XIcon size={14} />
                </button>
              </span>
            ) : (
              <span className="muted small">Conta inteira</span>
            )}
          </div>
        </div>
      ) : null}
      {hasData && sync.active ? (
        <div className="support-sync" data-testid="support-syncing">
          <SyncProgress progress={sync.active} compact />
        </div>
      ) : null}
      {hasData ? <SyncOutcome sync={sync} testIdPrefix="support" /> : null}
      {body}
    </div>
  );
}

function PeriodSelect({ period, onChange, timezone }: { period: SupportPeriod; onChange(period: SupportPeriod): void; timezone: string }) {
  const kinds = Object.keys(SUPPORT_PERIOD_LABELS) as SupportPeriodKind[];
  return (
    <div className="period-select">
      <div className="segmented" role="group" aria-label="Período">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="segment"
            aria-pressed={period.kind === kind}
            data-testid={`period-${kind}`}
            onClick={() => {
              if (kind !== 'custom') return onChange({ ...period, kind });
              // The interval starts from the preset on screen, so switching to it changes nothing yet.
              const current = supportPeriodRange(period, timezone);
              onChange({ kind, from: period.from || current.from || '', to: period.to || current.to || '' });
            }}
          >
            {SUPPORT_PERIOD_LABELS[kind]}
          </button>
        ))}
      </div>
      {period.kind === 'custom' ? (
        <>
          <DayInput id="support-period-from" label="De" testId="period-from" value={period.from} onChange={(from) => onChange({ ...period, from })} />
          <DayInput id="support-period-to" label="Até" testId="period-to" value={period.to} onChange={(to) => onChange({ ...period, to })} />
        </>
      ) : null}
    </div>
  );
}

function RangeSummary({ kpis }: { kpis: SupportKpis }) {
  const from = kpis.from ?? kpis.mirror.first_day;
  const to = kpis.to ?? kpis.mirror.last_day;
  return (
    <span data-testid="period-range">
      {' '}
      · {formatDay(from)} – {formatDay(to)}
      {kpis.business_hours ? ' · horário comercial' : ''}
    </span>
  );
}

function MirrorFooter({ kpis }: { kpis: SupportKpis }) {
  return (
    <p className="data-footer" data-testid="support-footer">
      Dados locais de {formatInteger(kpis.mirror.conversations)} conversas e {formatInteger(kpis.mirror.messages)} mensagens
      {kpis.mirror.first_day ? ` · de ${formatDay(kpis.mirror.first_day)} a ${formatDay(kpis.mirror.last_day)}` : ''} · fuso {kpis.timezone}
    </p>
  );
}
