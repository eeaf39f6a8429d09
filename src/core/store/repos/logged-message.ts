import { inboundFromFields, parseXmlDocument } from '../../wechat';

/**
 * The parsed message of a logged request, rebuilt from the XML its row holds (decrypted, or the
 * plain body). The log stores no copy of it (callback-log-repo.ts, PARSED_ON_READ): serialising it
 * for every request cost listener CPU and a large part of the row (A/B under the callback bench's
 * load), to be read only when someone opens that entry.
 */
export function reparseLogged(xml: string | Uint8Array): Record<string, unknown> | null {
  try {
    return inboundFromFields(parseXmlDocument(xml)) as unknown as Record<string, unknown>;
  } catch {
    return null;
  }
}
