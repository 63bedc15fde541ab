/** A table's one header row: each column's name in a `th scope="col"`, so a screen reader names every cell by its column. */
export interface ColumnHead {
  name: string;
  className?: string;
}

export function ColumnHeads({ columns }: { columns: readonly ColumnHead[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.name} scope="col" className={c.className}>
            {c.name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
