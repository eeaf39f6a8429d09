import type { z } from 'zod';
import { AppError, type FieldIssue } from '../errors';
import { isMethodName, methods, type MethodName, type MethodParsed } from './contract';
import { VALIDATION_MESSAGES_EN } from './validation-messages';

/** Turns zod issues into field issues with a stable i18n key and an English message. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    // Unknown keys in a strict object: one issue per key, so the form can point at it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({
        path: [...issue.path, k].join('.'),
        key: 'validation.unknownField',
        message: `Unknown field "${k}"`,
      }));
    }
    const key = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    const message = issue.message.startsWith('validation.')
      ? ((VALIDATION_MESSAGES_EN as Record<string, string>)[issue.message] ?? issue.message)
      : issue.message;
    return [{ path: issue.path.map(String).join('.'), key, message }];
  });
}

export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const issues = toFieldIssues(res.error.issues);
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('invalid_input', `Invalid input for ${what}: ${summary}`, { issues });
}

/** The one validator both transports call before a handler runs. */
export function validateInput<M extends MethodName>(method: M, raw: unknown): MethodParsed<M> {
  return parseWith(methods[method].input, raw, method) as MethodParsed<M>;
}

export function assertMethodName(name: string): MethodName {
  if (!isMethodName(name)) throw new AppError('not_found', `Unknown method "${name}"`);
  return name;
}
