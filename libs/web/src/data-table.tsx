/** A table of records (the site's operations, the console's pending operations and audit log): one row a record. */
import type { ReactNode } from "react";

/** data-* attributes for a row (what the e2e tests find rows by). */
export type DataAttributes = Record<`data-${string}`, string | boolean | undefined>;

export interface Column<R> {
  /** The column heading (a node, e.g. a screen-reader-only label for a column of buttons). */
  header: ReactNode;
  cell(row: R): ReactNode;
  className?: string;
  /** The cell's tooltip (e.g. the full id behind a shortened one). */
  title?(row: R): string | undefined;
  /** The cell's data-testid. */
  testId?: string;
}

export interface DataTableProps<R> {
  rows: R[];
  columns: Column<R>[];
  rowKey(row: R): string;
  rowAttributes?(row: R): DataAttributes;
  /** What the table lists, for screen readers. */
  caption?: string;
  testId?: string;
}

export function DataTable<R>({ rows, columns, rowKey, rowAttributes, caption, testId }: DataTableProps<R>) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={c.className} title={c.title?.(row)} data-testid={c.testId}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
