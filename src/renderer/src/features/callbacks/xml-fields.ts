/**
 * Top-level children of an `<xml>` document, or undefined when it does not parse: the fields the
 * edit-and-replay form shows (EditReplayDialog.tsx; core re-signs what it sends).
 */
export function xmlFields(xml: string): [string, string][] | undefined {
  const doc = new DOMParser().parseFromString(xml.trim(), 'application/xml');
  if (doc.getElementsByTagName('parsererror').length || !doc.documentElement) return undefined;
  return Array.from(doc.documentElement.children).map((el) => [
    el.tagName,
    el.children.length
      ? Array.from(el.childNodes, (n) => new XMLSerializer().serializeToString(n)).join('')
      : (el.textContent ?? ''),
  ]);
}
