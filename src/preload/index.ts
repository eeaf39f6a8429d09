/**
 * The sandboxed preload: exposes exactly `window.bridge = { call, onEvent }` over two channels and
 * nothing else (docs/architecture.md §1). Types only from shared; no Node APIs reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventEnvelope } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../shared/api/channels';

const bridge = {
  call(method: string, input: unknown): Promise<Result<unknown>> {
    return ipcRenderer.invoke(CALL_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  onEvent(listener: (e: EventEnvelope) => void): () => void {
    const wrapped = (_: IpcRendererEvent, e: EventEnvelope) => listener(e);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
