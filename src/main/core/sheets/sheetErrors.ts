import { UserError } from '../errors';

/**
 * Every sentence a spreadsheet import can end with, in one place so the UI, the CLI and the tests
 * agree on the words and the codes.
 */
const ACCEPTED_TYPES = '.xlsx (Excel) ou .csv';

export const sheetErrors = {
  notFound: (file: string) => new UserError(`Arquivo não encontrado: "${file}"; confira o caminho e o nome do arquivo.`, 'sheet-file-not-found'),

  unsupportedType: (name: string) =>
    new UserError(
      `O arquivo "${name}" não é de um tipo aceito: importe uma planilha ${ACCEPTED_TYPES} (no Excel, "Salvar como" permite escolher esses formatos).`,
      'sheet-unsupported-type',
    ),

  textNamedXlsx: (name: string) =>
    new UserError(
      `O arquivo "${name}" não é uma planilha .xlsx: o conteúdo é texto (talvez um CSV); renomeie-o para .csv ou abra-o no Excel e salve como .xlsx.`,
      'sheet-type-mismatch',
    ),

  legacyXlsNamedXlsx: (name: string) =>
    new UserError(`O arquivo "${name}" é do formato antigo do Excel (.xls), não .xlsx; abra-o no Excel e salve como .xlsx.`, 'sheet-type-mismatch'),

  notXlsx: (name: string) =>
    new UserError(
      `O arquivo "${name}" não é uma planilha .xlsx (o conteúdo não corresponde à extensão); abra-o no Excel e salve como .xlsx ou .csv.`,
      'sheet-type-mismatch',
    ),

  xlsxNamedCsv: (name: string) =>
    new UserError(
      `O arquivo "${name}" não é um CSV: o conteúdo é uma planilha do Excel (.xlsx); renomeie-o para .xlsx ou salve-o como CSV no Excel.`,
      'sheet-type-mismatch',
    ),

  binaryNamedCsv: (name: string) =>
    new UserError(`O arquivo "${name}" não é um CSV (o conteúdo não é texto); abra-o no Excel e salve como CSV ou .xlsx.`, 'sheet-type-mismatch'),

  passwordProtected: (name: string) =>
    new UserError(`A planilha "${name}" está protegida por senha: salve uma cópia sem senha e importe a cópia.`, 'sheet-password-protected'),

  corrupt: (name: string) =>
    new UserError(
      `O arquivo "${name}" está corrompido ou incompleto e não pôde ser lido; abra-o no Excel, salve uma nova cópia e importe de novo.`,
      'sheet-corrupt',
    ),

  unclosedQuote: (name: string, row: number) =>
    new UserError(
      `O arquivo "${name}" tem aspas abertas e nunca fechadas a partir da linha ${row}; corrija essa linha (ou salve o arquivo de novo pelo Excel) e importe de novo.`,
      'sheet-corrupt',
    ),

  emptyFile: (name: string) => new UserError(`O arquivo "${name}" está vazio; escolha o arquivo que tem os clientes.`, 'sheet-empty'),

  emptySheet: (name: string, sheet: string | null) =>
    new UserError(
      sheet === null
        ? `O arquivo "${name}" não tem nenhuma linha preenchida; escolha o arquivo que tem os clientes.`
        : `A planilha "${sheet}" de "${name}" está vazia; escolha o arquivo ou a planilha que tem os clientes.`,
      'sheet-empty',
    ),

  sheetNotFound: (name: string, sheet: string, available: string[]) =>
    new UserError(
      `A planilha "${sheet}" não existe em "${name}"; planilhas disponíveis: ${available.map((s) => `"${s}"`).join(', ') || 'nenhuma'}.`,
      'sheet-not-found',
    ),

  noVisibleSheet: (name: string) =>
    new UserError(`"${name}" não tem nenhuma planilha visível; reexiba no Excel a planilha dos clientes ou informe o nome dela.`, 'sheet-not-found'),

  headerNotFound: (name: string, sheet: string | null, scanned: number) =>
    new UserError(
      `Não encontrei o cabeçalho nas ${scanned} primeiras linhas ${sheet === null ? `de "${name}"` : `da planilha "${sheet}" de "${name}"`}: ` +
        'é preciso uma coluna de CPF (CPF, CPF do Cliente, CPF/CNPJ ou Documento) e uma de nome (Nome, Cliente, Nome do Cliente, Consorciado ou Nome Completo); ' +
        'renomeie as colunas e importe de novo.',
      'sheet-header-not-found',
    ),

  headerRowMissing: (name: string, row: number) =>
    new UserError(`A linha ${row} de "${name}" está vazia ou não existe; escolha a linha que tem os nomes das colunas.`, 'sheet-header-not-found'),

  mappingRequired: () =>
    new UserError('Escolha a coluna do CPF e a do nome do cliente: as duas são obrigatórias para importar.', 'sheet-bad-mapping'),

  mappingInvalid: (detail: string) => new UserError(`Associação de colunas inválida: ${detail}; corrija a escolha das colunas e tente de novo.`, 'sheet-bad-mapping'),

  mappingColumnTwice: (column: string, first: string, second: string) =>
    new UserError(`A coluna ${column} foi escolhida para dois campos (${first} e ${second}); escolha uma coluna diferente para cada campo.`, 'sheet-bad-mapping'),

  badPointOfSale: (value: string) =>
    new UserError(`Ponto de venda inválido: "${value}"; informe o código só com números, como 17308 ou 17.308.`, 'sheet-bad-point-of-sale'),

  cancelled: () => new UserError('Importação cancelada; nada foi gravado.', 'cancelled'),
};
