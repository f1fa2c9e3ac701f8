/**
 * Removes secrets from text before it is logged or shown: every secret value the program has
 * loaded, credentials in URLs, and values of headers and fields whose names say they are secret.
 */
const knownSecrets = new Set<string>();

export function registerSecret(value: string): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^:/@\s]+):([^@/\s]+)@/gi;
const SECRET_FIELDS = /("?(?:user-key|password|passwd|senha|token|secret|api[_-]?key|authorization|ssh_key|private_key)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}]+)/gi;

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join('***');
  out = out.replace(URL_CREDENTIALS, '$1$2:***@');
  out = out.replace(SECRET_FIELDS, '$1***');
  return out;
}
