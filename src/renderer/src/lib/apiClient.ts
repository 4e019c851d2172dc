// Turns a transport (envelope answers) into the FleetApi the renderer uses: a value, or a thrown ApiError.

import type { FleetApi } from '../../../shared/contract';
import { METHOD_NAMES, type Envelope } from '../../../shared/names';
import type { Transport } from '../transport/types';

/** A failed call: `code` is one of the contract's error codes, or DISCONNECTED / TIMEOUT / BAD_RESPONSE from the window's side. */
export class ApiError extends Error {
  readonly code: string;
  readonly data?: Record<string, unknown>;

  constructor(code: string, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.data = data;
  }
}

export function unwrap<T>(result: Envelope<T>): T {
  if (result && result.ok === true) return result.value;
  const error =
    result && result.ok === false && result.error
      ? result.error
      : { code: 'BAD_RESPONSE', message: 'Fleet Control sent an answer this window does not understand.' };
  throw new ApiError(error.code, error.message, error.data);
}

/** Builds a FleetApi over any transport. */
export function createApi(transport: Transport): FleetApi {
  const methods: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    methods[name] = async (input?: unknown) => unwrap(await transport.call(name, input ?? {}));
  }
  return { ...methods, on: transport.on.bind(transport) } as unknown as FleetApi;
}

/** Anything a call threw, as an ApiError (renderer bugs become INTERNAL with their message). */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}
