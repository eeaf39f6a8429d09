/** A recognisable hint of a secret: its first and last two characters. */
export function maskSecret(s: string): string {
  return s.length <= 8 ? '****' : `${s.slice(0, 2)}****${s.slice(-2)}`;
}

/** Replaces every occurrence of each secret (ngrok echoes the authtoken in ERR_NGROK_105/107). */
export function maskSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join(maskSecret(s));
  return out;
}
