import { useSyncExternalStore } from 'react';
import { markLoading } from './readiness';

export type Route =
  | { page: 'dashboard' }
  | { page: 'realestate' }
  | { page: 'support' }
  | { page: 'customers' }
  | { page: 'customer'; customerId: number }
  | { page: 'boletos' }
  | { page: 'sync' }
  | { page: 'settings' };

export const paths = {
  dashboard: '#/painel',
  realestate: '#/imoveis',
  support: '#/atendimento',
  customers: '#/clientes',
  customer: (id: number) => `#/clientes/${id}`,
  boletos: '#/boletos',
  sync: '#/sincronizacao',
  settings: '#/configuracoes',
} as const;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  const customer = /^\/clientes\/(\d+)$/.exec(path);
  if (customer) return { page: 'customer', customerId: Number(customer[1]) };
  if (path === '/clientes') return { page: 'customers' };
  if (path === '/imoveis') return { page: 'realestate' };
  if (path === '/atendimento') return { page: 'support' };
  if (path === '/boletos') return { page: 'boletos' };
  if (path === '/sincronizacao') return { page: 'sync' };
  if (path === '/configuracoes') return { page: 'settings' };
  return { page: 'dashboard' };
}

/** A stable string per screen: a view is remounted (and reloads) when it changes. */
export function routeKey(route: Route): string {
  return route.page === 'customer' ? `customer:${route.customerId}` : route.page;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/**
 * `hashchange` arrives a task later than the click or the assignment: flag the app as loading right
 * away, so nobody reads the old screen's "ready" as the new one's.
 */
function expectNavigation(hash: string): void {
  if (routeKey(parseRoute(hash)) !== routeKey(parseRoute(window.location.hash))) markLoading();
}

export function navigate(hash: string): void {
  if (window.location.hash === hash) return;
  expectNavigation(hash);
  window.location.hash = hash;
}

/** Same for plain links (sidebar, back link). */
export function watchLinkNavigation(): void {
  document.addEventListener(
    'click',
    (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href^="#/"]');
      if (link) expectNavigation(link.getAttribute('href') ?? '');
    },
    true,
  );
}
