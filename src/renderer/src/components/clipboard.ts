/**
 * Copies text: the async Clipboard API where the page is allowed to use it, else the old
 * select-and-execCommand route (older WebViews, permission denied).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  const host = document.querySelector('dialog[open]') ?? document.body;
  host.appendChild(ta);
  const prev = document.activeElement as HTMLElement | null;
  ta.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  prev?.focus?.();
  return ok;
}
