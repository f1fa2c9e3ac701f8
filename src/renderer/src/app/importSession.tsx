import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ClientField, ImportPreview } from '../../../shared/boletos';
import type { Input } from '../../../shared/contract';
import type { JobFinished, JobProgress } from '../../../shared/jobs';
import { call, useEvent } from '../ipc';
import { describeError } from './errors';

export type ColumnMapping = Record<ClientField, number | null>;

/**
 * The fields a column can feed, in the order the mapping offers them. A copy of the contract's
 * list: importing shared/boletos at run time would pull zod into the renderer, whose schema
 * compiler probes `new Function` and trips the strict CSP.
 */
export const CLIENT_FIELDS = ['cpf', 'name', 'consultant', 'point_of_sale', 'grupo', 'cota', 'situacao', 'phone', 'email'] as const satisfies readonly ClientField[];
// The copy must name every field of the contract.
const complete: [Exclude<ClientField, (typeof CLIENT_FIELDS)[number]>] extends [never] ? true : false = true;
void complete;
type ImportOptions = NonNullable<Input<'clients.preview'>['options']>;

/** The spreadsheet the user dropped, from reading it to the end of its import. */
export type ImportStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | {
      step: 'preview' | 'importing';
      fileName: string;
      stageId: string;
      preview: ImportPreview;
      /** The user's mapping (may differ from the preview's while a new preview is on its way or refused). */
      mapping: ColumnMapping;
      defaultPointOfSale: string;
      /** A new preview is being computed. */
      refreshing: boolean;
      /** Why the core refused the user's mapping or default point of sale. */
      problem: string | null;
      jobId: string | null;
      progress: JobProgress | null;
    }
  | { step: 'done'; fileName: string; finished: JobFinished };

export interface ImportSession {
  state: ImportStep;
  /** One sentence when reading, staging or importing failed. */
  error: string | null;
  /** True while the app waits for an answer about the file (reading, staging, previewing). */
  busy: boolean;
  stageFile(file: File): void;
  setColumnField(column: number, field: ClientField | null): void;
  setDefaultPointOfSale(text: string): void;
  confirm(): Promise<void>;
  cancelImport(): Promise<void>;
  reset(): void;
}

const ImportSessionContext = createContext<ImportSession | null>(null);

export function useImportSession(): ImportSession {
  const session = useContext(ImportSessionContext);
  if (!session) throw new Error('useImportSession outside ImportSessionProvider');
  return session;
}

/** What the core accepts in one call (64 MB), checked before reading a huge file into memory. */
const MAX_BYTES = 64 * 1024 * 1024;
const PREVIEW_DELAY_MS = 350;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A column given to a field is taken away from whatever it fed before; "ignore" frees it. */
export function remap(mapping: ColumnMapping, column: number, field: ClientField | null): ColumnMapping {
  const next = { ...mapping };
  for (const f of CLIENT_FIELDS) if (next[f] === column) next[f] = null;
  if (field) next[field] = column;
  return next;
}

function optionsOf(mapping: ColumnMapping, defaultPointOfSale: string): ImportOptions {
  const pv = defaultPointOfSale.trim();
  return { mapping, ...(pv ? { defaultPointOfSale: pv } : {}) };
}

/**
 * Keyed by company by its parent: the dropped file, its preview and its import survive a visit to
 * another page.
 */
export function ImportSessionProvider({ company, children }: { company: string; children: ReactNode }) {
  const [state, setState] = useState<ImportStep>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  // Every change goes through commit(), so callbacks always start from the latest state.
  const stateRef = useRef(state);
  const commit = useCallback((next: ImportStep) => {
    stateRef.current = next;
    setState(next);
  }, []);
  /** Answers for an older request are dropped. */
  const request = useRef(0);
  const timer = useRef<number | null>(null);
  const finishedEarly = useRef(new Map<string, JobFinished>());

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const stageFile = useCallback(
    (file: File) => {
      if (stateRef.current.step === 'importing') {
        setError('Aguarde a importação em andamento terminar antes de soltar outra planilha.');
        return;
      }
      const id = ++request.current;
      setError(null);
      if (file.size > MAX_BYTES) {
        commit({ step: 'idle' });
        setError(`A planilha "${file.name}" tem mais de 64 MB; divida-a em arquivos menores.`);
        return;
      }
      commit({ step: 'reading', fileName: file.name });
      readAsBase64(file)
        .then(
          (content) => call('clients.stage', { company, fileName: file.name, content }),
          () => {
            throw new Error(`read:${file.name}`);
          },
        )
        .then(
          ({ stageId, preview }) => {
            if (id !== request.current) return;
            commit({
              step: 'preview',
              fileName: file.name,
              stageId,
              preview,
              mapping: preview.mapping,
              defaultPointOfSale: '',
              refreshing: false,
              problem: null,
              jobId: null,
              progress: null,
            });
          },
          (err: unknown) => {
            if (id !== request.current) return;
            commit({ step: 'idle' });
            setError(
              err instanceof Error && err.message.startsWith('read:')
                ? `Não foi possível ler "${file.name}" neste computador; confira se o arquivo não está aberto em outro programa e tente de novo.`
                : describeError(err),
            );
          },
        );
    },
    [company, commit],
  );

  const refreshPreview = useCallback(
    (stageId: string, mapping: ColumnMapping, defaultPointOfSale: string) => {
      const id = ++request.current;
      const apply = (change: { preview?: ImportPreview; problem: string | null }) => {
        const s = stateRef.current;
        if (id !== request.current || s.step !== 'preview' || s.stageId !== stageId) return;
        commit(change.preview ? { ...s, preview: change.preview, mapping: change.preview.mapping, refreshing: false, problem: null } : { ...s, refreshing: false, problem: change.problem });
      };
      call('clients.preview', { company, stageId, options: optionsOf(mapping, defaultPointOfSale) }).then(
        (preview) => apply({ preview, problem: null }),
        (err: unknown) => apply({ problem: describeError(err) }),
      );
    },
    [company, commit],
  );

  const setColumnField = useCallback(
    (column: number, field: ClientField | null) => {
      const s = stateRef.current;
      if (s.step !== 'preview') return;
      const mapping = remap(s.mapping, column, field);
      commit({ ...s, mapping, refreshing: true });
      refreshPreview(s.stageId, mapping, s.defaultPointOfSale);
    },
    [commit, refreshPreview],
  );

  const setDefaultPointOfSale = useCallback(
    (text: string) => {
      const s = stateRef.current;
      if (s.step !== 'preview') return;
      commit({ ...s, defaultPointOfSale: text, refreshing: true });
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        timer.current = null;
        const latest = stateRef.current;
        if (latest.step === 'preview' && latest.stageId === s.stageId) refreshPreview(latest.stageId, latest.mapping, latest.defaultPointOfSale);
      }, PREVIEW_DELAY_MS);
    },
    [commit, refreshPreview],
  );

  const finish = useCallback(
    (result: JobFinished) => {
      const s = stateRef.current;
      if (s.step !== 'importing' || s.jobId !== result.jobId) return;
      if (result.status === 'succeeded') {
        commit({ step: 'done', fileName: s.fileName, finished: result });
        return;
      }
      setError(result.error?.message ?? 'A importação não terminou; nada foi gravado.');
      commit({ ...s, step: 'preview', jobId: null, progress: null });
    },
    [commit],
  );

  const confirm = useCallback(async () => {
    const s = stateRef.current;
    if (s.step !== 'preview' || s.refreshing || s.problem) return;
    setError(null);
    ++request.current;
    commit({ ...s, step: 'importing', jobId: null, progress: null });
    try {
      const { jobId } = await call('clients.import', { company, stageId: s.stageId, options: optionsOf(s.mapping, s.defaultPointOfSale) });
      const current = stateRef.current;
      if (current.step !== 'importing') return;
      commit({ ...current, jobId });
      const early = finishedEarly.current.get(jobId);
      if (early) finish(early);
    } catch (err) {
      setError(describeError(err));
      const current = stateRef.current;
      if (current.step === 'importing') commit({ ...current, step: 'preview' });
    }
  }, [company, commit, finish]);

  const cancelImport = useCallback(async () => {
    const s = stateRef.current;
    if (s.step !== 'importing' || !s.jobId) return;
    try {
      await call('jobs.cancel', { jobId: s.jobId });
    } catch (err) {
      setError(describeError(err));
    }
  }, []);

  const reset = useCallback(() => {
    ++request.current;
    setError(null);
    commit({ step: 'idle' });
  }, [commit]);

  useEvent('job.progress', (progress) => {
    const s = stateRef.current;
    if (progress.company === company && progress.kind === 'import' && s.step === 'importing' && s.jobId === progress.jobId) commit({ ...s, progress });
  });

  useEvent('job.finished', (result) => {
    if (result.company !== company || result.kind !== 'import') return;
    const s = stateRef.current;
    // The end can arrive before the answer to clients.import.
    if (s.step === 'importing' && s.jobId === null) finishedEarly.current.set(result.jobId, result);
    else finish(result);
  });

  const busy = state.step === 'reading' || (state.step === 'preview' && state.refreshing);
  const value: ImportSession = { state, error, busy, stageFile, setColumnField, setDefaultPointOfSale, confirm, cancelImport, reset };
  return <ImportSessionContext.Provider value={value}>{children}</ImportSessionContext.Provider>;
}
