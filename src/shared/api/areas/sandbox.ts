import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/** Faults the sandbox platform can inject, so the UI and tests can see WeChat misbehave on purpose. */
export const SANDBOX_FAULT_KINDS = ['latency', 'busy', 'http5xx', 'drop'] as const;

export const sandboxFaultSchema = z.strictObject({
  kind: z.enum(SANDBOX_FAULT_KINDS, { error: 'validation.enum' }),
  /** Only paths starting with this (e.g. `/cgi-bin/menu`); all paths when absent. */
  pathPrefix: z.string().max(200).optional(),
  /** How many requests it hits; every request until cleared when absent. */
  times: z.number().int().min(1).max(1_000_000).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  status: z.number().int().min(500).max(599).optional(),
});
export type SandboxFault = z.output<typeof sandboxFaultSchema>;

export interface SandboxStatusDto {
  running: boolean;
  url: string | null;
  apps: number;
  fans: number;
  faults: SandboxFault[];
}

export const sandboxMethods = {
  'sandbox.status': defineMethod<SandboxStatusDto>()(z.strictObject({}).optional()),
  /** Adds generated fans (CJK and emoji nicknames) to a sandbox account's platform. */
  'sandbox.generateFans': defineMethod<{ added: number; total: number }>()(
    z.strictObject({ accountId: idSchema, count: z.number().int().min(1).max(200_000) }),
  ),
  /** A fan "sends a message": opens the 48-hour customer-service window (§10.1). */
  'sandbox.simulateInteraction': defineMethod<{ openid: string }>()(
    z.strictObject({ accountId: idSchema, openid: z.string().min(1).max(64).optional() }),
  ),
  'sandbox.setFaults': defineMethod<SandboxStatusDto>()(
    z.strictObject({ faults: z.array(sandboxFaultSchema).max(20) }),
  ),
};

export interface SandboxEvents {
  'sandbox.changed': SandboxStatusDto;
}
