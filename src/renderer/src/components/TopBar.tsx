import { useSession } from '../app/session';
import { CompanySwitcher } from './CompanySwitcher';
import { LogoMark } from './icons';

export function TopBar() {
  const { companies } = useSession();
  // With no company yet the welcome card holds the only form; a second entry point would compete.
  return (
    <header className="topbar">
      <a className="brand" href="#/painel" aria-label="Nexus Desktop — Painel CRM">
        <LogoMark size={28} />
        <span className="brand-name">Nexus Desktop</span>
      </a>
      {companies?.length ? <CompanySwitcher /> : null}
    </header>
  );
}
