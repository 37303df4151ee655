import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** When to fail: called with the command name and how many times it was seen so far. */
export type FaultPlan = (
  command: string,
  seen: number,
) => 'throttle' | 'conflict' | 'deny' | 'lose-response' | undefined;

class InjectedError extends Error {
  readonly $retryable?: { throttling: boolean };

  constructor(name: string, message: string, throttling: boolean) {
    super(message);
    this.name = name;
    if (throttling) this.$retryable = { throttling: true };
  }
}

/**
 * Adds a middleware to a DynamoDB client that fails chosen calls: a throttling error (inside the SDK's
 * retry loop, which retries it), a transaction conflict, a permanent denial, or a lost response after
 * the call succeeded (outside the retry loop: the write happened and the caller sees an error, the
 * crash-after-commit case).
 */
export function injectFaults(client: DynamoDBDocumentClient, plan: FaultPlan): { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  // The plan is decided once per call (outside the retry loop) and kept on that call's own context.
  type Ctx = { commandName?: string; injectedFault?: ReturnType<FaultPlan> };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const ctx = context as Ctx;
      const command = ctx.commandName ?? 'unknown';
      counts[command] = (counts[command] ?? 0) + 1;
      ctx.injectedFault = plan(command, counts[command]!);
      const fault = ctx.injectedFault;
      const result = await next(args);
      if (fault === 'lose-response')
        throw new InjectedError('TimeoutError', 'injected: response lost after the write', false);
      return result;
    },
    { step: 'initialize', name: 'breachwatchFaultPlan' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const ctx = context as Ctx;
      const fault = ctx.injectedFault;
      if (fault === 'throttle') {
        ctx.injectedFault = undefined; // throttled once: the SDK's retry goes through
        throw new InjectedError('ThrottlingException', 'injected throttling', true);
      }
      if (fault === 'conflict') throw new InjectedError('TransactionConflictException', 'injected conflict', false);
      if (fault === 'deny') throw new InjectedError('AccessDeniedException', 'injected denial', false);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'breachwatchFaultInjection' },
  );
  return { counts };
}
