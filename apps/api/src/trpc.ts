import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { PermissionAction, PermissionResource } from './auth/permissions';
import type { ApiContext, AuthUser, Caller } from './context';
import { toTRPCError } from './errors';
import { apiTransformer } from './transformer';

/**
 * tRPC is initialised here once; every router builds on these procedures, so who may call a
 * procedure is declared by which one it starts from (DESIGN §6).
 */
const t = initTRPC.context<ApiContext>().create({
  transformer: apiTransformer,
  errorFormatter({ shape, error }) {
    // Never leak stacks or SQL: only the message of errors we threw on purpose reaches clients,
    // plus the field-level issues of a failed input validation.
    const internal = shape.data.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodIssues:
          error.cause instanceof ZodError
            ? error.cause.issues.map((issue) => ({ path: issue.path, message: issue.message }))
            : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every procedure starts here: domain errors thrown anywhere below (core's ResourceError etc.)
 * become their tRPC code in one place (errors.ts), and each call is counted and timed for
 * /metrics. (Unexpected errors are logged by the HTTP handler's onError.)
 */
const observed = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  let error = result.ok ? undefined : result.error;
  if (error?.code === 'INTERNAL_SERVER_ERROR' && error.cause !== undefined) {
    error = toTRPCError(error.cause);
  }
  ctx.metrics.observeProcedure({
    procedure: path,
    type,
    status: error?.code ?? 'OK',
    seconds: (performance.now() - started) / 1000,
  });
  if (error) throw error;
  return result;
});

export const publicProcedure = t.procedure.use(observed);

/** Signed in (session or API key). `ctx.user` is the acting user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const caller = ctx.caller;
  if (caller.kind === 'anonymous') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: caller.refused ?? 'Sign in first' });
  }
  return next({ ctx: { ...ctx, caller, user: caller.user } });
});

/**
 * Signed in through a browser session. For what an API key must never do, such as minting or
 * revoking API keys: a leaked key cannot then entrench itself.
 */
export const sessionProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.caller.kind !== 'session') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This needs a signed-in browser session; API keys cannot call it',
    });
  }
  return next();
});

/** Signed in as an admin. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Admins only' });
  }
  return next();
});

/**
 * For procedures an API key may call only with a given permission, e.g.
 * `protectedProcedure.use(requirePermission('instances', 'write'))`. Browser sessions act with
 * the user's full rights; API keys with the permissions they were created with.
 */
export function requirePermission(resource: PermissionResource, action: PermissionAction) {
  return middleware(({ ctx, next }) => {
    if (!hasPermission(ctx.caller, resource, action)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This API key lacks the "${resource}:${action}" permission`,
      });
    }
    return next();
  });
}

export function hasPermission(caller: Caller, resource: string, action: string): boolean {
  if (caller.kind === 'session') return true;
  if (caller.kind === 'apiKey') return caller.permissions[resource]?.includes(action) ?? false;
  return false;
}

export type { ApiContext, AuthUser, Caller };
