import type { Handlers, MethodName } from '../../shared/api/contract';

/** The handlers of one area, e.g. `AreaHandlers<'accounts.'>`; create-core.ts spreads them together. */
export type AreaHandlers<Prefix extends string> = Pick<Handlers, Extract<MethodName, `${Prefix}${string}`>>;
