// Builds the object that implements the contract: validates every input with the contract's schemas,
// runs the handler, and turns any failure into {code, message, data}. Transports (IPC, WebSocket, CLI) call `call`.
// Every reply passes the redaction step on its way out.

import { contract, type EventName, type EventPayload, type FleetHandlers, type MethodName } from '../shared/contract';
import { FleetError, toErrorPayload } from '../shared/errors';
import { describeIssues } from '../shared/manifest';
import { findPrototypeKey, prototypeKeyProblem } from '../shared/prototype-keys';
import type { Envelope } from '../shared/names';
import { redact } from './core/secrets/redactor';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ContractDispatcher {
  /** Validates `input` against the method's schema, runs it, and never throws. */
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract.methods, name);
}

const MAX_PROBLEMS = 20;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Wraps handlers so that every call is validated, every error is a payload, and no reply carries a secret. */
export function createDispatcher(handlers: FleetHandlers, log: (message: string, error: unknown) => void): ContractDispatcher {
  return {
    async call(method, input) {
      try {
        if (!isMethodName(method)) throw new FleetError('UNKNOWN_METHOD', `There is no operation called "${clip(method, 80)}".`);
        const schema = contract.methods[method].input;
        // Before the schema: a record schema would drop such a key silently instead of refusing it.
        const protoKey = findPrototypeKey(input);
        if (protoKey) {
          const problem = prototypeKeyProblem(protoKey);
          throw new FleetError('INVALID_INPUT', `Invalid input for ${method}: ${problem}`, { problems: [problem] });
        }
        const parsed = schema.safeParse(input ?? {});
        if (!parsed.success) {
          // Bounded: a hostile payload's thousand bad fields or megabyte key must not come back as a megabyte reply.
          const all = describeIssues(parsed.error);
          const problems = all.slice(0, MAX_PROBLEMS).map((problem) => clip(problem, 300));
          if (all.length > MAX_PROBLEMS) problems.push(`and ${all.length - MAX_PROBLEMS} more problems`);
          throw new FleetError('INVALID_INPUT', `Invalid input for ${method}: ${problems.join('; ')}`, { problems });
        }
        const handler = handlers[method] as (input: unknown) => Promise<unknown>;
        const value = await handler(parsed.data);
        return { ok: true, value: redact(value) };
      } catch (error) {
        if (!(error instanceof FleetError)) log(`${method} failed`, redact(error));
        return { ok: false, error: redact(toErrorPayload(error)) };
      }
    },
  };
}
