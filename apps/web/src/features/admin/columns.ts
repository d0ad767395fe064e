import type { MessageKey, T } from '../../i18n';

type AdminColumn = {
  [K in MessageKey]: K extends `admin.col.${infer C}` ? C : never;
}[MessageKey];

/** Table headings from the console's shared column names (`admin.col.*`). */
export const adminColumns = (t: T, columns: readonly AdminColumn[]) =>
  columns.map((column) => t(`admin.col.${column}`));
