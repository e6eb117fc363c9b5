/** The kinds of file an item may have attached, told apart by their content (sniff.ts), never by their name. */
export const KINDS = ['pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg', 'gif', 'webp'] as const;
export type Kind = (typeof KINDS)[number];

export interface KindInfo {
  mime: string;
  /** Extensions that agree with the kind; the first is added to names without one. */
  extensions: readonly string[];
  /** Shown in the browser rather than saved (safe viewers: the PDF viewer, images). */
  inline: boolean;
  image: boolean;
}

export const KIND_INFO: Record<Kind, KindInfo> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], inline: true, image: false },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false, image: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false, image: false },
  doc: { mime: 'application/msword', extensions: ['doc'], inline: false, image: false },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], inline: false, image: false },
  png: { mime: 'image/png', extensions: ['png'], inline: true, image: true },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true, image: true },
  gif: { mime: 'image/gif', extensions: ['gif'], inline: true, image: true },
  webp: { mime: 'image/webp', extensions: ['webp'], inline: true, image: true },
};

export function kindOfMime(mime: string): Kind | null {
  return KINDS.find((k) => KIND_INFO[k].mime === mime) ?? null;
}

/** For messages: "PDF、Word（.docx/.doc）、Excel（.xlsx/.xls）、图片（PNG、JPEG、GIF、WebP）". */
export const ACCEPTED_LABEL = 'PDF、Word（.docx、.doc）、Excel（.xlsx、.xls）或图片（PNG、JPEG、GIF、WebP）';
