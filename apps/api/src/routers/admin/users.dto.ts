import type { AdminUserRow } from '@roundhouse/db/repositories/users';

export function adminUserDto(user: AdminUserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? 'user',
    emailVerified: user.emailVerified,
    banned: user.banned === true,
    banReason: user.banReason,
    banExpires: user.banExpires,
    createdAt: user.createdAt,
  };
}
