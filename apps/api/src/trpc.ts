import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { ApiContext, AuthUser, Caller } from './context';

/**
 * tRPC is initialised here once; every router builds on these procedures, so who may call a
 * procedure is declared by which one it starts from (DESIGN §6).
 */
const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
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

export const publicProcedure = t.procedure;

/** Signed in (session or API key). `ctx.user` is the acting user. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  const caller = ctx.caller;
  if (caller.kind === 'anonymous') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  }
  return next({ ctx: { ...ctx, caller, user: caller.user } });
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
export function requirePermission(resource: string, action: string) {
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
