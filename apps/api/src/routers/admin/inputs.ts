import { z } from 'zod';

/** Input pieces the admin procedures share. */

export const pageInput = {
  limit: z.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(1_000).optional(),
};

/** better-auth user ids are opaque text (not uuids). */
export const userId = z.string().trim().min(1).max(100);

export const createdRange = {
  createdFrom: z.date().optional(),
  /** Exclusive. */
  createdTo: z.date().optional(),
};

/** For `.refine`: a [from, to) range whose ends are both given must not be empty. */
export const orderedRange = {
  check: (input: { createdFrom?: Date; createdTo?: Date }) =>
    input.createdFrom === undefined ||
    input.createdTo === undefined ||
    input.createdFrom < input.createdTo,
  params: { message: 'createdTo must be after createdFrom', path: ['createdTo'] },
};

/** Free text searched with ILIKE; blank means no search. */
export const searchText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((text) => (text ? text : undefined));
