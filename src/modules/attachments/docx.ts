import mammoth from 'mammoth';

/**
 * Word headings become the body's h2–h4 (the item's title is the page's h1); Chinese Word names its
 * built-in headings "heading 1" internally, WPS and some templates "标题 1". Tables, lists, bold and italics
 * are mammoth's defaults. The document's own embedded style map is ignored.
 */
export const STYLE_MAP: readonly string[] = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => {
    const h = `h${Math.min(n + 1, 6)}`;
    return [
      `p[style-name='Heading ${n}'] => ${h}:fresh`,
      `p[style-name='标题 ${n}'] => ${h}:fresh`,
      `p[style-name='标题${n}'] => ${h}:fresh`,
      `p.Heading${n} => ${h}:fresh`,
    ];
  }),
  "p[style-name='Title'] => h2:fresh",
  "p[style-name='标题'] => h2:fresh",
  "p[style-name='Subtitle'] => h3:fresh",
];

export interface EmbeddedImage {
  contentType: string;
  read(): Promise<Buffer>;
}

/**
 * Converts a .docx (already sniffed and checked against zip bombs) to HTML. Each embedded image is handed
 * to `image`, which stores it and answers its address, or null to leave it out.
 */
export async function docxToHtml(buffer: Buffer, image: (img: EmbeddedImage) => Promise<string | null>): Promise<{ html: string; messages: string[] }> {
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: [...STYLE_MAP],
      includeEmbeddedStyleMap: false,
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async (img) => {
        const src = await image({ contentType: img.contentType, read: () => img.readAsBuffer() });
        return { src: src ?? '' };
      }),
    },
  );
  return { html: result.value, messages: result.messages.map((m) => m.message) };
}
