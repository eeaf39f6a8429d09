import type { CallContext, Handlers, MethodName } from '../shared/api/contract';
import type { Result } from '../shared/api/result';
import { assertMethodName, validateInput } from '../shared/api/validate';
import { AppError, isAppError } from '../shared/errors';

/**
 * The one way a transport calls core: name check, input validation, handler, envelope. Errors never
 * cross a transport as exceptions (docs/architecture.md §2); unknown ones become `internal` and are logged
 * here with their stack.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  ctx: CallContext,
  log: (msg: string, e: unknown) => void = (m, e) => console.error(m, e),
): Promise<Result<unknown>> {
  try {
    const method: MethodName = assertMethodName(name);
    const input = validateInput(method, rawInput);
    const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
    const value = await handler(input, ctx);
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.toBody() };
    log(`[api] ${name} failed`, e);
    return {
      ok: false,
      error: new AppError('internal', `Internal error in ${name}; see the log for details.`).toBody(),
    };
  }
}
