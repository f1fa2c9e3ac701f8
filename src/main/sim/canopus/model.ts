// The simulator's ground truth, as the robot and its tests see it. Kept apart from index.ts so the
// internal modules can use the types without importing the server.

export interface CanopusPortalAccount {
  user: string;
  password: string;
  /** Digits, e.g. '17308'. */
  pointOfSale: string;
}

export interface CanopusBoleto {
  /** YYYY-MM-DD */
  dueDate: string;
  valueCents: number;
  /** 47 digits. */
  line: string;
  /** '012/080' */
  parcela: string;
  /** 'MM/YYYY' */
  competencia: string;
}

export interface CanopusCota {
  grupo: string;
  cota: string;
  /** Open boletos shown in the emission grid, oldest first; may be empty. */
  boletos: CanopusBoleto[];
}

export interface CanopusClient {
  /** 11 digits. */
  cpf: string;
  /** As the portal shows it, upper case. */
  name: string;
  consultant: string;
  pointOfSale: string;
  cotas: CanopusCota[];
  /** false = the spreadsheet lists it but the portal search finds nothing. */
  inPortal: boolean;
}

/** Milliseconds the portal takes to answer each step of the flow. */
export interface CanopusLatency {
  login: number;
  search: number;
  clientPage: number;
  emissionPage: number;
  emit: number;
  print: number;
  pdf: number;
}

/**
 * The old tool's measured timings (`canopus-portal.md` §1.2): login 3–5 s, search 2–3 s, download
 * 8–12 s. Midpoints; the 10 s download is split across the client page, the emission page, the
 * emit postback, the print page and the PDF.
 */
export const CANOPUS_REAL_LATENCY: CanopusLatency = Object.freeze({
  login: 4000,
  search: 2500,
  clientPage: 1000,
  emissionPage: 2000,
  emit: 2500,
  print: 1500,
  pdf: 3000,
});
