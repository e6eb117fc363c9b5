/**
 * Splits the server's `error.fields` into errors for fields the form shows and the rest, which the caller
 * reports in a message so that nothing the server said is lost.
 */
export function splitFieldErrors(
  fields: Record<string, string>,
  formFields: readonly string[],
): { onForm: { name: string; errors: string[] }[]; elsewhere: string[] } {
  const onForm: { name: string; errors: string[] }[] = [];
  const elsewhere: string[] = [];
  for (const [name, message] of Object.entries(fields)) {
    if (formFields.includes(name)) onForm.push({ name, errors: [message] });
    else elsewhere.push(message);
  }
  return { onForm, elsewhere };
}
