/** Identity template tag: marks SQL text for editors and readers. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
}
