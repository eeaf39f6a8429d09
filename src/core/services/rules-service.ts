import type Database from 'better-sqlite3';
import type {
  MatchMode,
  RuleDto,
  RuleProbe,
  RuleSaveInput,
  RuleSetDto,
  RuleTestResult,
} from '../../shared/api/areas/rules';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import { newId, type Runtime } from '../runtime';
import { RulesRepo } from '../store/repos/rules-repo';
import type { AreaHandlers } from './handler-types';
import { requireAccount, writeOrFail } from './service-guards';
import { compileRules, evaluateRules, type CompiledRule } from './rules-engine';

export interface RulesServiceDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  accountExists: (id: string) => boolean;
}

/** Auto-reply rules per account; compiled rules are cached for the callback hot path. */
export class RulesService {
  private readonly repo: RulesRepo;
  private readonly cache = new Map<string, { compiled: CompiledRule[]; mode: MatchMode }>();

  constructor(private readonly d: RulesServiceDeps) {
    this.repo = new RulesRepo(d.db);
  }

  list(accountId: string): RuleSetDto {
    requireAccount(this.d.accountExists, accountId);
    return { accountId, matchMode: this.repo.matchMode(accountId), rules: this.repo.list(accountId) };
  }

  save(input: RuleSaveInput): RuleDto {
    requireAccount(this.d.accountExists, input.accountId);
    const now = this.d.rt.clock.now();
    const prev = input.id ? this.repo.get(input.id) : undefined;
    if (input.id && (!prev || prev.accountId !== input.accountId)) {
      throw new AppError('not_found', `No rule with id "${input.id}" for this account`);
    }
    const rule: RuleDto = {
      id: prev?.id ?? newId(this.d.rt.random, 10),
      accountId: input.accountId,
      name: input.name,
      enabled: input.enabled,
      priority: input.priority,
      trigger: input.trigger,
      replies: input.replies,
      replyMode: input.replyMode,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    writeOrFail('save the rule', () => this.repo.upsert(rule));
    this.changed(rule.accountId);
    return rule;
  }

  delete(id: string): { id: string } {
    const rule = this.repo.get(id);
    if (!rule) throw new AppError('not_found', `No rule with id "${id}"`);
    writeOrFail('delete the rule', () => this.repo.delete(id));
    this.changed(rule.accountId);
    return { id };
  }

  setMatchMode(accountId: string, mode: MatchMode): RuleSetDto {
    requireAccount(this.d.accountExists, accountId);
    writeOrFail('save the match mode', () => this.repo.setMatchMode(accountId, mode));
    this.changed(accountId);
    return this.list(accountId);
  }

  /** What would answer this message (the hot path and `rules.test` share it). */
  evaluate(accountId: string, probe: RuleProbe): RuleTestResult {
    let c = this.cache.get(accountId);
    if (!c) {
      c = { compiled: compileRules(this.repo.list(accountId)), mode: this.repo.matchMode(accountId) };
      this.cache.set(accountId, c);
    }
    return evaluateRules(c.compiled, probe, c.mode, (n) => this.d.rt.random.bytes(1).readUInt8(0) % n);
  }

  test(accountId: string, probe: RuleProbe): RuleTestResult {
    requireAccount(this.d.accountExists, accountId);
    return this.evaluate(accountId, probe);
  }

  private changed(accountId: string): void {
    this.cache.delete(accountId);
    this.d.events.emit('rules.changed', { accountId });
  }
}

export function rulesHandlers(rules: RulesService): AreaHandlers<'rules.'> {
  return {
    'rules.list': ({ accountId }) => rules.list(accountId),
    'rules.save': (input) => rules.save(input),
    'rules.delete': ({ id }) => rules.delete(id),
    'rules.setMatchMode': ({ accountId, matchMode }) => rules.setMatchMode(accountId, matchMode),
    'rules.test': ({ accountId, probe }) => rules.test(accountId, probe),
  };
}
