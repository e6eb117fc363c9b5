/** The first paragraph of a description, shortened for the home page. */
export function summary(text: string | null, max = 120): string | null {
  const first = text?.split(/\r?\n/).map((s) => s.trim()).find(Boolean);
  if (!first) return null;
  const chars = Array.from(first);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : first;
}
