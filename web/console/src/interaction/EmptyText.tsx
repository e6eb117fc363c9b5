/** A table's empty state in readable grey (Ant Design's own is too light for WCAG AA contrast). */
export function EmptyText({ children }: { children: string }) {
  return <span style={{ color: '#595959' }}>{children}</span>;
}
