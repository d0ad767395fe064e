import type { ReactNode } from 'react';
import { CursorListState, type CursorListLike } from './cursor-list-state';
import { Table, TBody, TR } from './table';

/** A cursor list shown as a table: its states, a row per item, "load more" under it. */
export function CursorTable<T extends { id: string }>({
  list,
  caption,
  columns,
  empty,
  row,
  rowData,
}: {
  list: CursorListLike<T>;
  caption: string;
  columns: readonly ReactNode[];
  empty?: ReactNode;
  /** The cells (TD) of one item's row. */
  row: (item: T) => ReactNode;
  /** `data-*` attributes of one item's row (hooks for tests and styling). */
  rowData?: (item: T) => Record<`data-${string}`, string>;
}) {
  return (
    <CursorListState list={list} empty={empty}>
      {(items) => (
        <Table caption={caption} columns={columns}>
          <TBody>
            {items.map((item) => (
              <TR key={item.id} {...rowData?.(item)}>
                {row(item)}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </CursorListState>
  );
}
