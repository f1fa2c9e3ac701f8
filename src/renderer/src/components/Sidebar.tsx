import type { ComponentType } from 'react';
import { paths, type Route } from '../app/routing';
import { BoletoIcon, BuildingIcon, ChartIcon, HeadsetIcon, SettingsIcon, SyncIcon, UsersIcon } from './icons';

const ITEMS: Array<{ href: string; label: string; icon: ComponentType; testId: string; pages: Route['page'][] }> = [
  { href: paths.dashboard, label: 'Painel CRM', icon: ChartIcon, testId: 'nav-dashboard', pages: ['dashboard'] },
  { href: paths.realestate, label: 'Vendas imobiliárias', icon: BuildingIcon, testId: 'nav-realestate', pages: ['realestate'] },
  { href: paths.support, label: 'Atendimento', icon: HeadsetIcon, testId: 'nav-support', pages: ['support'] },
  { href: paths.customers, label: 'Clientes', icon: UsersIcon, testId: 'nav-customers', pages: ['customers', 'customer'] },
  { href: paths.boletos, label: 'Boletos', icon: BoletoIcon, testId: 'nav-boletos', pages: ['boletos'] },
  { href: paths.sync, label: 'Sincronização', icon: SyncIcon, testId: 'nav-sync', pages: ['sync'] },
  { href: paths.settings, label: 'Configurações', icon: SettingsIcon, testId: 'nav-settings', pages: ['settings'] },
];

export function Sidebar({ route, syncing, robotRunning }: { route: Route; syncing: boolean; robotRunning: boolean }) {
  return (
    <nav className="sidebar" aria-label="Navegação principal">
      <ul>
        {ITEMS.map(({ href, label, icon: Icon, testId, pages }) => {
          const current = pages.includes(route.page);
          return (
            <li key={href}>
              <a href={href} className="nav-link" aria-current={current ? 'page' : undefined} data-testid={testId}>
                <Icon />
                <span>{label}</span>
                {testId === 'nav-sync' && syncing ? <span className="nav-pulse" title="Sincronizando" aria-label="sincronizando" /> : null}
                {testId === 'nav-boletos' && robotRunning ? <span className="nav-pulse" title="Baixando boletos" aria-label="baixando boletos" /> : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
