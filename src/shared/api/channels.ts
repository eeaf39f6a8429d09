import type { EventEnvelope } from './contract';
import type { Result } from './result';

/** The only two IPC channels between the Electron main process and the renderer. */
export const CALL_CHANNEL = 'app:call';
export const EVENT_CHANNEL = 'app:event';

/** What the preload exposes as `window.bridge`. */
export interface Bridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: EventEnvelope) => void): () => void;
}
