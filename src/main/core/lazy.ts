// Parts of the app built on first use: a service, or a group of contract handlers whose module is imported only
// when one of its methods is first called, so a command that never calls it (`fleet-control status`) never loads it.

import type { FleetHandlers, MethodName } from '../../shared/contract';

export interface Lazy<T> {
  /** The value, built on the first call (a failed build is tried again on the next call). */
  (): Promise<T>;
  /** The value if it is built by now, else undefined: for callers that must not wait (or build). */
  readonly built: T | undefined;
  /** The build under way or done, else null: for a dispose that must wait only for what was started. */
  readonly started: Promise<T> | null;
}

/** `build` run once, on the first call. */
export function lazy<T>(build: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | null = null;
  let value: T | undefined;
  const get = (): Promise<T> =>
    (pending ??= build().then(
      (built) => (value = built),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    ));
  return Object.defineProperties(get, {
    built: { get: () => value },
    started: { get: () => pending },
  }) as Lazy<T>;
}

type AnyHandler = (input: never) => Promise<unknown>;

/**
 * Handlers for `methods` (a group's zod-free name list, shared/names-*.ts) that build the group on the first call
 * of any of them. The app's handler table must still be a whole FleetHandlers, so a method missing from the list
 * fails the typecheck.
 */
export function lazyGroup<M extends MethodName>(methods: readonly M[], build: () => Promise<Pick<FleetHandlers, M>>): Pick<FleetHandlers, M> {
  const group = lazy(build);
  const handlers: Partial<Record<M, AnyHandler>> = {};
  for (const method of methods) handlers[method] = async (input) => ((await group())[method] as AnyHandler)(input);
  return handlers as Pick<FleetHandlers, M>;
}
