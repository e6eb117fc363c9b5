/** The limits of uploads (docs/adr/0011-attachments.md). Constants rather than settings until someone needs to change them. */
export const LIMITS = {
  /** One uploaded file. */
  fileBytes: 20 * 1024 * 1024,
  /** All the attachments of one revision together. */
  revisionBytes: 100 * 1024 * 1024,
  /** Attachments of one revision. */
  revisionFiles: 50,
  /** Longest display name, in characters (extension included). */
  nameChars: 120,
  /** OOXML files: what their entries may inflate to in total, ratio of inflated to stored bytes, entries. */
  zipInflatedBytes: 200 * 1024 * 1024,
  zipRatio: 100,
  zipEntries: 5000,
  /** Extracted text kept for search, in characters. */
  textChars: 1024 * 1024,
  /** Multipart text fields (e.g. `version`). */
  fieldBytes: 1024,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

export function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
