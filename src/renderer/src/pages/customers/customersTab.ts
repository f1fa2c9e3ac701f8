import { navigate, paths } from '../../app/routing';

export type CustomersTab = 'crm' | 'consortium';

// Coming back to Clientes shows the tab the user left it on.
let rememberedTab: CustomersTab = 'crm';

export function rememberedCustomersTab(): CustomersTab {
  return rememberedTab;
}

export function rememberCustomersTab(tab: CustomersTab): void {
  rememberedTab = tab;
}

/** Opens Clientes on the consortium spreadsheet tab (from Boletos' "import first" hints). */
export function openConsortiumTab(): void {
  rememberedTab = 'consortium';
  navigate(paths.customers);
}
