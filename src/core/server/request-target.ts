/**
 * The parts of a request's URL the callback routes read. WeChat's request lines are plain ASCII
 * (`/wx/<slug>?signature=…&timestamp=…&nonce=…`), and for those the pathname and search are the
 * request line itself, split at '?'. Building a WHATWG URL for them cost parsing time and an object
 * per request on the listener's thread; anything that URL parsing would change (escapes and dot
 * segments in the path, characters it encodes, fragments) still goes through `new URL`, so both
 * paths give the same answer (request-target.test.ts compares them).
 */
export interface RequestTarget {
  readonly pathname: string;
  /** '' or '?…', as URL.search. */
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

const BASE = 'http://callback.local';
/**
 * Path characters URL keeps as they are. '%' and '.' segments are left to URL (it decodes '%2e'),
 * and so is a leading '//', which URL reads as a host.
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_\-~/.]*$/;
/** Query characters URL keeps as they are (it encodes space, quotes, '<', '>' and non-ASCII). */
const PLAIN_QUERY = /^[A-Za-z0-9_\-~.!$&()*+,;=:@/?%[\]{}|^]*$/;

class SplitTarget implements RequestTarget {
  private params?: URLSearchParams;
  constructor(
    readonly pathname: string,
    readonly search: string,
  ) {}
  get searchParams(): URLSearchParams {
    return (this.params ??= new URLSearchParams(this.search));
  }
}

/** The request target of `rawUrl` (req.url), or undefined when it is not a URL at all. */
export function requestTarget(rawUrl: string): RequestTarget | undefined {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);
  if (PLAIN_PATH.test(path) && !path.includes('/.') && PLAIN_QUERY.test(query)) {
    return new SplitTarget(path, query ? `?${query}` : '');
  }
  try {
    return new URL(rawUrl, BASE);
  } catch {
    return undefined;
  }
}
