import { dispatch } from '../../src/core/dispatch';
import type { EventBus } from '../../src/core/event-bus';
import type { EventName, Events, Handlers, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { FanSyncStatusDto } from '../../src/shared/api/areas/fans';
import type { ErrorBody } from '../../src/shared/errors';

/** Calls a contract method through dispatch (validation included), as a transport would. */
export async function call<M extends MethodName>(
  core: { handlers: Handlers },
  method: M,
  input: unknown,
): Promise<MethodOutput<M>> {
  const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), { body: r.error });
  return r.value as MethodOutput<M>;
}

/** The error body a call fails with (fails the test if it succeeds). */
export async function callError(
  core: { handlers: Handlers },
  method: MethodName,
  input: unknown,
): Promise<ErrorBody> {
  const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
  if (r.ok) throw new Error(`${method} succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

/** The first `name` event whose payload passes `test`, from now on. */
export function nextEvent<E extends EventName>(
  events: EventBus,
  name: E,
  test: (p: Events[E]) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Events[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = events.subscribe((e) => {
      if (e.name !== name || !test(e.payload as Events[E])) return;
      clearTimeout(timer);
      off();
      resolve(e.payload as Events[E]);
    });
  });
}

/** Starts a sync and resolves with its status once it stopped (done, failed, or idle after a cancel). */
export async function syncFans(
  core: { handlers: Handlers; events: EventBus },
  accountId: string,
  full?: boolean,
): Promise<FanSyncStatusDto> {
  const ended = nextEvent(
    core.events,
    'fans.syncChanged',
    (s) => s.accountId === accountId && s.state !== 'running',
  );
  const started = await call(core, 'fans.sync', { accountId, ...(full === undefined ? {} : { full }) });
  if (started.state !== 'running') throw new Error(`sync did not start: ${JSON.stringify(started)}`);
  return ended;
}
