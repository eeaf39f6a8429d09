import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { GatewayKeyKind } from '../../../shared/api/areas/oauth-gateway';
import { newId, randomAlnum, type Runtime } from '../../runtime';
import type { SecretStore } from '../../secrets/secret-store';
import type { CookieKey } from './session-cookie';

const NAMES: Record<GatewayKeyKind, string> = {
  cookie: 'gateway:cookieKey',
  assertion: 'gateway:assertionKey',
  ticket: 'gateway:ticketSecret',
};

interface Stored {
  id: string;
  /** cookie: the HMAC key (base64); assertion: the Ed25519 private key (PKCS#8 PEM); ticket: the secret. */
  value: string;
  at: number;
  /** Ids of earlier keys of this kind (the cookie's: an old cookie is told from a forged one). */
  retired?: string[];
}

/** How many rotated-out cookie key ids are remembered. */
const RETIRED_KEPT = 20;

/**
 * The gateway's keys, sealed in the secret store like every other secret (docs/architecture.md §5):
 * the cookie's HMAC-SHA256 key, the Ed25519 key of the assertion, and the secret the app's server
 * redeems tickets with. The first two are made on first use; the ticket secret only when the user
 * asks for one (it is shown once, then only its last 4). Each is rotated on demand: a new cookie
 * key signs every fan out, a new assertion key changes what apps verify with.
 */
export class GatewayKeys {
  private readonly cache = new Map<GatewayKeyKind, Stored>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly rt: Runtime,
  ) {}

  cookieKey(): CookieKey & { rotatedAt: number; retired: string[] } {
    const s = this.ensure('cookie');
    return { id: s.id, secret: Buffer.from(s.value, 'base64'), rotatedAt: s.at, retired: s.retired ?? [] };
  }

  assertionKey(): { kid: string; privateKey: KeyObject; rotatedAt: number } {
    const s = this.ensure('assertion');
    return { kid: s.id, privateKey: createPrivateKey(s.value), rotatedAt: s.at };
  }

  /** The redeem secret, or null until the user has made one. */
  ticketSecret(): { value: string; rotatedAt: number } | null {
    const s = this.read('ticket');
    return s ? { value: s.value, rotatedAt: s.at } : null;
  }

  /** A new key of that kind; returns the new ticket secret (to be shown once), else null. */
  rotate(kind: GatewayKeyKind): string | null {
    const before = this.read(kind);
    const s = {
      ...this.make(kind),
      retired: before ? [before.id, ...(before.retired ?? [])].slice(0, RETIRED_KEPT) : [],
    };
    this.secrets.set(NAMES[kind], JSON.stringify(s));
    this.cache.set(kind, s);
    return kind === 'ticket' ? s.value : null;
  }

  private ensure(kind: GatewayKeyKind): Stored {
    const s = this.read(kind);
    if (s) return s;
    this.rotate(kind);
    return this.cache.get(kind)!;
  }

  private read(kind: GatewayKeyKind): Stored | undefined {
    const cached = this.cache.get(kind);
    if (cached) return cached;
    const raw = this.secrets.get(NAMES[kind]);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Stored;
    this.cache.set(kind, s);
    return s;
  }

  private make(kind: GatewayKeyKind): Stored {
    const at = this.rt.clock.now();
    const id = newId(this.rt.random, 8);
    if (kind === 'cookie') return { id, value: this.rt.random.bytes(32).toString('base64'), at };
    if (kind === 'ticket') return { id, value: `mpgw_${randomAlnum(this.rt.random, 40)}`, at };
    const { privateKey } = generateKeyPairSync('ed25519');
    return { id, value: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), at };
  }
}
