import { homedir } from 'node:os';
import { join } from 'node:path';
import { normalizePointOfSale } from '../../boleto/pointOfSale';
import { flag, httpUrl, isLoopback, positiveInteger } from '../settingParsers';
import type { SourceDefinition } from '../types';

export const CANOPUS_DEFAULT_URL = 'https://cnp3.consorciocanopus.com.br/WWW';

/** Documents\Boletos on Windows (the consultants' habit), ~/Documentos or ~/Documents elsewhere. */
export function defaultDownloadDir(): string {
  return join(homedir(), process.platform === 'win32' ? 'Documents' : 'Documentos', 'Boletos');
}

function choice(options: readonly string[]) {
  return (value: string): string => {
    const v = value.trim().toLowerCase();
    if (!options.includes(v)) throw new Error(`use um de: ${options.join(', ')} (recebido "${value}")`);
    return v;
  };
}

function folder(value: string): string {
  const v = value.trim();
  if (!v) throw new Error('informe uma pasta');
  return v;
}

/**
 * The Canopus dealer portal, driven by the boleto robot (not a sync source). One portal password
 * per point of sale lives in the keychain as `pdv-<code>`.
 */
export const canopusSource: SourceDefinition = {
  id: 'canopus',
  label: 'Canopus',
  settings: [
    { key: 'url', label: 'Endereço do portal', description: `Base do portal do parceiro (padrão ${CANOPUS_DEFAULT_URL}).`, required: false, default: CANOPUS_DEFAULT_URL, parse: httpUrl },
    { key: 'download_dir', label: 'Pasta dos boletos', description: 'Onde os boletos são salvos, uma subpasta por consultor.', required: false, default: defaultDownloadDir(), parse: folder },
    {
      key: 'browser',
      label: 'Navegador',
      description: 'auto (Edge, depois Chrome, depois Chromium), msedge, chrome ou chromium.',
      required: false,
      default: 'auto',
      parse: choice(['auto', 'msedge', 'chrome', 'chromium']),
    },
    { key: 'executable_path', label: 'Executável do navegador', description: 'Caminho de um navegador Chromium/Edge/Chrome, se os instalados não servirem.', required: false, default: '', parse: (v) => v.trim() },
    { key: 'headless', label: 'Navegador oculto', description: '1 = o robô trabalha sem mostrar a janela; 0 = mostra.', required: false, default: '1', parse: flag },
    { key: 'pacing', label: 'Ritmo humano', description: '1 = pausas curtas e variadas entre ações, como uma pessoa (evita o captcha do portal).', required: false, default: '1', parse: flag },
    {
      key: 'month_from',
      label: 'Mês do arquivo',
      description: 'vencimento = mês da data de vencimento; competencia = mês de referência impresso no boleto.',
      required: false,
      default: 'vencimento',
      parse: choice(['vencimento', 'competencia']),
    },
    { key: 'retries', label: 'Novas tentativas por cliente', description: 'Quantas vezes repetir um cliente após um erro passageiro.', required: false, default: '2', parse: positiveInteger(0, 5) },
    { key: 'demo', label: 'Simulador de demonstração', description: 'Usa o simulador local com senhas públicas (somente 127.0.0.1).', required: false, default: '0', parse: flag },
  ],
  secrets: [],
  secretName(name) {
    const m = /^pdv-(.+)$/i.exec(name.trim());
    const code = m ? normalizePointOfSale(m[1]) : null;
    return code ? `pdv-${code}` : null;
  },
  usesPublicCredentials(settings) {
    if (settings.demo !== '1' || !settings.url) return false;
    try {
      return isLoopback(new URL(settings.url).hostname);
    } catch {
      return false;
    }
  },
};
