// The one redaction step between main and the world: every reply, event, log line, printed line and stored record
// passes through `redact`. It knows every secret the process has read or stored (registered at that moment, in all
// their encoded forms) and recognises credentials by shape; one precompiled expression does a single pass per string.

import { basicAuthForms, secretForms } from './secret-forms';
import { PATTERN_SOURCE, REDACTED, replacePattern } from './secret-patterns';

export { REDACTED } from './secret-patterns';

const escapeForRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Nested values deeper than this are left as they are (contract payloads are a few levels deep). */
const MAX_DEPTH = 64;

export class Redactor {
  private readonly registered = new Set<string>();
  private readonly forms = new Set<string>();
  private combined: RegExp | null = null;
  private knownOnly: RegExp | null = null;

  /** Registers a secret (a key, a token, a password); short or empty values are ignored. */
  register(secret: string | null | undefined): void {
    if (!secret) return;
    const value = secret.trim();
    if (this.registered.has(value)) return;
    this.registered.add(value);
    this.addForms(secretForms(value));
  }

  /** Registers a user name and password as basic auth sends them (the password alone too). */
  registerBasic(username: string, password: string): void {
    this.register(password);
    const key = `basic\u0000${username}\u0000${password}`;
    if (this.registered.has(key)) return;
    this.registered.add(key);
    this.addForms(basicAuthForms(username, password));
  }

  /** `text` with every known secret (in any of its forms) and every credential-shaped string replaced. */
  redactText(text: string): string {
    if (text.length < 6) return text;
    const expression = this.expression();
    expression.lastIndex = 0;
    return text.replace(expression, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as Record<string, string | undefined>;
      if (groups.known !== undefined) return REDACTED;
      // What a pattern keeps (a scheme, a user name, a word that was not a credential) may still hold a known secret.
      const kept = replacePattern(match, groups);
      return this.knownOnly ? kept.replace(this.knownOnly, REDACTED) : kept;
    });
  }

  /** `value` with every string inside it redacted; objects and arrays are copied only where something changed. */
  redact<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i], depth + 1);
        if (next !== value[i]) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (value instanceof Error) return this.redactError(value, depth);
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value; // Dates, buffers, class instances
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const before = (value as Record<string, unknown>)[key];
      const next = this.walk(before, depth + 1);
      if (next !== before) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return copy ?? value;
  }

  /** An error of the same class with its message, stack, code and data redacted (a FleetError stays a FleetError). */
  private redactError(error: Error, depth: number): Error {
    const copy = Object.create(Object.getPrototypeOf(error) as object) as Error & Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(error)) {
      copy[key] = this.walk((error as unknown as Record<string, unknown>)[key], depth + 1);
    }
    return copy;
  }

  private addForms(forms: string[]): void {
    let added = false;
    for (const form of forms) {
      if (!this.forms.has(form)) {
        this.forms.add(form);
        added = true;
      }
    }
    if (added) this.combined = this.knownOnly = null;
  }

  /** The single expression: known forms first (longest first, so a whole form wins over its part), then the patterns. */
  private expression(): RegExp {
    if (this.combined) return this.combined;
    const known = [...this.forms].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|');
    this.knownOnly = known ? new RegExp(known, 'g') : null;
    this.combined = new RegExp(known ? `(?<known>${known})|${PATTERN_SOURCE}` : PATTERN_SOURCE, 'g');
    return this.combined;
  }
}

/** The process's redactor: main holds one set of secrets, so there is one. */
export const redactor = new Redactor();

/** Registers a secret with the process's redactor. */
export function registerSecret(secret: string | null | undefined): void {
  redactor.register(secret);
}

/** `value` (any string, object or array) with every secret removed, through the process's redactor. */
export function redact<T>(value: T): T {
  return redactor.redact(value);
}
