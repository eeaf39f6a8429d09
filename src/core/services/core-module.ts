import type { Handlers } from '../../shared/api/contract';
import type { CallbackRoute } from '../server/callback-routes';
import type { CallbackPipeline, LoggedRoute } from '../server/pipeline';

/**
 * A route a module adds to the callback listener: a LoggedRoute, which the pipeline logs (every
 * route WeChat or a browser reaches), or a plain CallbackRoute for what MPDesk sends itself and
 * must not log (the doctor's probes).
 */
export type ModuleRoute = CallbackRoute | LoggedRoute<unknown>;

/**
 * One area of core as create-core.ts composes it (docs/architecture.md §1): the contract methods
 * it answers, the routes it adds to the callback listener, and its lifecycle. create-core lists
 * the modules once, in order: it starts them in that order, stops them in reverse, and the
 * listener tries their routes in that order too.
 */
export interface CoreModule<H extends Partial<Handlers> = Partial<Handlers>> {
  /** The contract methods this area answers (no two modules answer the same one). */
  readonly handlers: H;
  /** Routes on the callback listener. */
  readonly routes?: readonly ModuleRoute[];
  start(): void | Promise<void>;
  /** Undoes `start`; runs once, after every module listed after this one has stopped. */
  stop(): void | Promise<void>;
}

/** An area with nothing to start or stop: its handlers only. */
export function handlersOnly<H extends Partial<Handlers>>(handlers: H): CoreModule<H> {
  return { handlers, start() {}, stop() {} };
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Every module's handlers in one object. Typed as the intersection of theirs, so assigning it to
 * `Handlers` fails to compile when a contract method has no module; a method two modules answer
 * throws here, at composition.
 */
export function allHandlers<const M extends readonly CoreModule[]>(
  modules: M,
): Intersection<M[number]['handlers']> {
  const out: Record<string, unknown> = {};
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.handlers)) {
      if (name in out) throw new Error(`Two core modules answer ${name}`);
      out[name] = handler;
    }
  }
  return out as Intersection<M[number]['handlers']>;
}

/** The callback routes of the modules, in their order; logged routes run in `pipeline`. */
export const allRoutes = (modules: readonly CoreModule[], pipeline: CallbackPipeline): CallbackRoute[] =>
  modules.flatMap((m) => m.routes ?? []).map((r) => ('admit' in r ? pipeline.route(r) : r));

export async function startInOrder(modules: readonly CoreModule[]): Promise<void> {
  for (const m of modules) await m.start();
}

export async function stopInReverse(modules: readonly CoreModule[]): Promise<void> {
  for (const m of [...modules].reverse()) await m.stop();
}
