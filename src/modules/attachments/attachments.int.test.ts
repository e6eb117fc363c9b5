import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testCategory, withCatalog } from '../../../test/support/catalog.js';
import { testDatabases } from '../../../test/support/databases.js';
import { publishRevision } from '../../../test/support/publishing.js';
import { cliActor } from '../audit/audit.js';
import { attachmentText, carryAttachments, listAttachments } from './attachments.repo.js';
import { LIMITS } from './limits.js';
import { sniff } from './sniff.js';
import { ZipArchive, ZipError } from './zip.js';

// ---------------------------------------------------------------------------------------------------------
// Real files, made here.

/** A one-page PDF: ASCII in Helvetica, Chinese in a CID font (STSong-Light) with a ToUnicode map. */
function makePdf(ascii: string, cjk: string): Buffer {
  const chars = [...new Set(cjk)];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  const content = `BT\n/F1 14 Tf 1 0 0 1 72 760 Tm (${ascii}) Tj\n/F2 14 Tf 1 0 0 1 72 730 Tm <${[...cjk].map((c) => hex4(cid.get(c)!)).join('')}> Tj\nET\n`;
  const cmap =
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    `/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${chars.length} beginbfchar\n` +
    `${chars.map((c) => `<${hex4(cid.get(c)!)}> <${hex4(c.codePointAt(0)!)}>`).join('\n')}\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>',
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}endstream`,
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ];
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(200, 0x41)]);

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A .docx with a heading, a Chinese paragraph, a table, a hostile link and (optionally) an embedded PNG. */
async function makeDocx(options: { image?: boolean; heading?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="png" ContentType="image/png"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>` +
      (options.image ? `<Relationship Id="rId5" Type="${REL}/image" Target="media/image1.png"/>` : '') +
      '</Relationships>',
  );
  // Chinese Word: style id "1", internal name "heading 1".
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
      '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style></w:styles>',
  );
  const p = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const cell = (text: string) => `<w:tc>${p(text)}</w:tc>`;
  const image =
    '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="示意图"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>' +
      p(options.heading ?? '第一章 总则', '1') +
      p('为进一步优化营商环境，制定本方案。') +
      p('一、工作目标', '2') +
      p('&lt;script&gt;alert(1)&lt;/script&gt;') +
      '<w:p><w:hyperlink r:id="rId2"><w:r><w:t>点此</w:t></w:r></w:hyperlink></w:p>' +
      `<w:tbl><w:tr>${cell('项目')}${cell('金额（万元）')}</w:tr><w:tr>${cell('道路维修')}${cell('125')}</w:tr></w:tbl>` +
      (options.image ? image : '') +
      '</w:body></w:document>',
  );
  if (options.image) zip.file('word/media/image1.png', PNG);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** An .xlsx with shared strings, a number and an inline string. */
async function makeXlsx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="预算表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  zip.file('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>项目</t></si><si><t>金额</t></si><si><r><t>道路</t></r><r><t>维修</t></r></si></sst>');
  zip.file(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1250000</v></c><c r="C2" t="inlineStr"><is><t>已完成</t></is></c></row>' +
      '</sheetData></worksheet>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * A ZIP written by hand (jszip deflates in JavaScript: 300 MiB would take seconds), the data deflated by zlib.
 * `declare` overrides an entry's recorded uncompressed size, to make an archive that lies.
 */
function makeZip(entries: { name: string; data: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = zlib.deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declare ?? e.data.length;
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const DOCX_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** 300 MiB of zeros in word/document.xml: about 300 KB packed. */
let bomb: Buffer | null = null;
const zipBomb = () => (bomb ??= makeZip([{ name: '[Content_Types].xml', data: Buffer.from(DOCX_TYPES) }, { name: 'word/document.xml', data: Buffer.alloc(300 * 1024 * 1024) }]));

/** A multipart/form-data body built by hand. */
function form(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]): { payload: Buffer; contentType: string } {
  const boundary = `----gongkai${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n` +
      (p.filename !== undefined ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : '') +
      '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------------------

describe('zip inspection', () => {
  it('refuses a zip bomb from its central directory, without inflating anything', () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    const stream = vi.spyOn(zlib, 'createInflateRaw');
    try {
      expect(() => sniff(bomb, LIMITS)).toThrow(ZipError);
      expect(() => new ZipArchive(bomb, LIMITS)).toThrow(/inflate beyond the limit/);
      // Under the total but far beyond the ratio:
      expect(() => new ZipArchive(bomb, { ...LIMITS, zipInflatedBytes: 1024 * 1024 * 1024 })).toThrow(/ratio/);
      expect(inflate).not.toHaveBeenCalled();
      expect(stream).not.toHaveBeenCalled();
    } finally {
      inflate.mockRestore();
      stream.mockRestore();
    }
  });

  it('catches an archive that understates its sizes when it is inflated', async () => {
    const liar = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from(DOCX_TYPES) },
      { name: 'word/document.xml', data: Buffer.alloc(5 * 1024 * 1024), declare: 1000 },
    ]);
    const archive = new ZipArchive(liar, LIMITS);
    expect(() => archive.read('word/document.xml')).toThrow(/beyond its declared size/);
    await expect(archive.verify()).rejects.toThrow(/beyond its declared size/);
  });

  it('refuses too many entries', () => {
    const many = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(() => new ZipArchive(many, { ...LIMITS, zipEntries: 20 })).toThrow(/too many entries/);
  });

  it('tells .docx from .xlsx from other ZIPs', async () => {
    expect(sniff(await makeDocx(), LIMITS).kind).toBe('docx');
    expect(sniff(await makeXlsx(), LIMITS).kind).toBe('xlsx');
    expect(sniff(makeZip([{ name: 'readme.txt', data: Buffer.from('hi') }]), LIMITS).kind).toBeNull();
    const docm = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from(DOCX_TYPES) },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: 'word/vbaProject.bin', data: Buffer.from('macro') },
    ]);
    expect(sniff(docm, LIMITS)).toEqual({ kind: null, reason: 'macros' });
  });
});

const CATALOG = [testCategory('01', '基本信息'), testCategory('02', '政策法规', null, 1)];

describe.each(testDatabases())('attachments on $name', (database) => {
  let t: TestApp;
  let dataDir: string;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  const pub = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  const upload = (who: Staff, itemId: string, filename: string, data: Buffer, type?: string) => {
    const { payload, contentType } = form([{ name: 'file', filename, data, ...(type ? { type } : {}) }]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/attachments`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
      payload,
    });
  };
  const importDocx = (who: Staff, itemId: string, filename: string, data: Buffer, version: number | null) => {
    const { payload, contentType } = form([...(version !== null ? [{ name: 'version', data: String(version) }] : []), { name: 'file', filename, data }]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/import-docx`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
      payload,
    });
  };
  const createItem = async (title: string) => {
    const res = await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02', title });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; version: number }>();
  };
  const workingRevision = async (itemId: string) =>
    (await t.db.kysely.selectFrom('items').select(['working_revision_id', 'live_revision_id']).where('id', '=', itemId).executeTakeFirstOrThrow());
  const filesOnDisk = (): string[] => {
    const root = path.join(dataDir, 'attachments');
    if (!fs.existsSync(root)) return [];
    return fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => `${d}/${f}`));
  };
  const publish = (itemId: string) => publishRevision(t, itemId, { by: { editor, reviewer, office } });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-attachments-'));
    t = await startTestApp(database, { demo: true, config: { dataDir } });
    await withCatalog(t, CATALOG);
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let item: { id: string; version: number };
  const uploaded: Record<string, { id: string; name: string; size: number; type: string }> = {};

  it('uploads each accepted type, identified by content, with text for search', async () => {
    item = await createItem('江川市营商环境优化行动方案');
    const pdf = makePdf('Jiangchuan Business Environment Plan 2026', '江川市营商环境');
    const cases: [string, string, Buffer, string][] = [
      ['pdf', '江川市营商环境优化行动方案（全文）.pdf', pdf, 'application/pdf'],
      ['docx', '方案说明.docx', await makeDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', '预算表.xlsx', await makeXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['png', '示意图.png', PNG, 'image/png'],
    ];
    for (const [key, name, data, type] of cases) {
      const res = await upload(editor, item.id, name, data);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ id: expect.any(String), name, size: data.length, type });
      uploaded[key] = res.json();
    }
    const { working_revision_id } = await workingRevision(item.id);
    const listed = await listAttachments(t.db.kysely, working_revision_id!);
    expect(listed.map((a) => a.name)).toEqual(['江川市营商环境优化行动方案（全文）.pdf', '方案说明.docx', '预算表.xlsx', '示意图.png']);
    expect(listed[0]).toEqual(uploaded.pdf);
    const text = await attachmentText(t.db.kysely, working_revision_id!);
    expect(text).toContain('Jiangchuan Business Environment Plan 2026');
    expect(text).toContain('江川市营商环境');
    expect(text).toContain('为进一步优化营商环境，制定本方案。');
    expect(text).toContain('道路维修');
    expect(text).toContain('1250000');
    expect(text).toContain('已完成');
    // On disk: files named by key only, none with the uploader's name.
    const files = filesOnDisk();
    expect(files).toHaveLength(4);
    expect(files.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{32}$/.test(f))).toBe(true);
    const audit = await t.db.kysely.selectFrom('audit_log').select('summary').where('action', '=', 'item.attachment.add').where('object_id', '=', item.id).execute();
    expect(audit).toHaveLength(4);
  });

  it('keeps a draft’s files from the public and gives them to the unit’s staff', async () => {
    const { id, name } = uploaded.pdf!;
    const url = `/attachments/${id}/${encodeURIComponent(name)}`;
    expect((await pub(url)).statusCode).toBe(404);
    const staff = await pub(url, { cookie: editor.cookie });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toBe('private, no-store');
    expect(staff.rawPayload.equals(makePdf('Jiangchuan Business Environment Plan 2026', '江川市营商环境'))).toBe(true);
    // an editor of another unit is the public here
    const other = await otherUnitEditor();
    expect((await pub(url, { cookie: other.cookie })).statusCode).toBe(404);
    expect((await pub(`/attachments/not-a-uuid/x.pdf`)).statusCode).toBe(404);
    expect((await pub(`/attachments/${crypto.randomUUID()}/x.pdf`)).statusCode).toBe(404);
  });

  let otherEditor: Staff | null = null;
  async function otherUnitEditor(): Promise<Staff> {
    if (otherEditor) return otherEditor;
    const sys = await signIn(t, 'sysadmin');
    const sec = await signIn(t, 'secadmin');
    const user = await sys.request('POST', '/api/v1/users', { username: 'czj-editor', displayName: '财政信息员', org: 'jc-czj', password: 'Str0ng&Secret' });
    expect(user.statusCode).toBe(201);
    await sec.request('POST', `/api/v1/users/${user.json().id}/roles`, { role: 'editor', org: 'jc-czj' });
    otherEditor = await signIn(t, 'czj-editor', 'Str0ng&Secret');
    return otherEditor;
  }

  it('refuses hostile uploads: wrong extension, programs, traversal names, oversized files, zip bombs', async () => {
    const before = filesOnDisk().length;
    const png = await upload(editor, item.id, 'scan.pdf', PNG);
    expect(png.statusCode).toBe(415);
    expect(png.json().error).toMatchObject({ code: 'type_mismatch', fields: { file: '文件扩展名 .pdf 与文件内容（PNG 图片）不符' } });
    const exe = await upload(editor, item.id, '通知.pdf', EXE, 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('unsupported_type');
    expect(exe.json().error.fields.file).toContain('不支持此类文件');
    const html = await upload(editor, item.id, 'page.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.statusCode).toBe(415);

    const bomb = await upload(editor, item.id, '炸弹.docx', zipBomb());
    expect(bomb.statusCode).toBe(415);
    expect(bomb.json().error.code).toBe('unsafe_archive');

    const big = await upload(editor, item.id, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMITS.fileBytes)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('文件不能超过 20 MB');
    expect(filesOnDisk()).toHaveLength(before);
    // no temporary files left behind either
    const leftovers = fs.readdirSync(path.join(dataDir, 'attachments')).flatMap((d) => fs.readdirSync(path.join(dataDir, 'attachments', d)));
    expect(leftovers.some((f) => f.endsWith('.tmp'))).toBe(false);

    const traversal = await upload(editor, item.id, '../../etc/passwd.pdf', makePdf('passwd', '密码'));
    expect(traversal.statusCode).toBe(201);
    expect(traversal.json().name).toBe('passwd.pdf');
    const windows = await upload(editor, item.id, '..\\..\\Windows\\win.ini.pdf', makePdf('ini', '配置'));
    expect(windows.json().name).toBe('win.ini.pdf');
    for (const a of [traversal.json(), windows.json()]) {
      expect((await editor.request('DELETE', `/api/v1/items/${item.id}/attachments/${a.id}`)).statusCode).toBe(204);
    }
    expect(filesOnDisk()).toHaveLength(before);

    const none = await t.app.inject({
      method: 'POST',
      url: `/api/v1/items/${item.id}/attachments`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      payload: { file: 'x' },
    });
    expect(none.statusCode).toBe(415);
    const two = form([
      { name: 'file', filename: 'a.png', data: PNG },
      { name: 'file', filename: 'b.png', data: PNG },
    ]);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/items/${item.id}/attachments`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': two.contentType },
      payload: two.payload,
    });
    expect(twice.statusCode).toBe(413);
    expect(filesOnDisk()).toHaveLength(before);
  });

  it('enforces the total per revision', async () => {
    const small = await createItem('附件总量');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000)]);
    const { addAttachment } = await import('./attachments.commands.js');
    const { working_revision_id } = await workingRevision(small.id);
    const limits = { ...LIMITS, revisionBytes: 1500 };
    const deps = { ctx: t.ctx, principal: null, actor: cliActor(), log: { warn: () => undefined }, limits };
    async function* parts(data: Buffer) {
      const { Readable } = await import('node:stream');
      yield { type: 'file' as const, field: 'file', filename: 'a.pdf', stream: Readable.from([data]) };
    }
    await addAttachment(deps, small.id, parts(pdf));
    await expect(addAttachment(deps, small.id, parts(pdf))).rejects.toMatchObject({ status: 413, message: expect.stringContaining('附件总大小不能超过') });
    expect(await listAttachments(t.db.kysely, working_revision_id!)).toHaveLength(1);
  });

  it('refuses an editor of another unit', async () => {
    const other = await otherUnitEditor();
    expect((await upload(other, item.id, 'x.png', PNG)).statusCode).toBe(403);
    expect((await importDocx(other, item.id, 'x.docx', await makeDocx(), item.version)).statusCode).toBe(403);
    expect((await other.request('DELETE', `/api/v1/items/${item.id}/attachments/${uploaded.png!.id}`)).statusCode).toBe(403);
    const denied = await t.db.kysely.selectFrom('audit_log').select('action').where('outcome', '=', 'denied').where('object_id', '=', item.id).execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('imports a .docx as the body: headings, table and images kept, scripts and bad links gone', async () => {
    const current = (await editor.request('GET', `/api/v1/items/${item.id}`)).json();
    const stale = await importDocx(editor, item.id, '方案.docx', await makeDocx({ image: true }), current.version - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await importDocx(editor, item.id, '方案.docx', await makeDocx(), null)).json().error.fields.version).toBeTruthy();
    expect((await importDocx(editor, item.id, '方案.pdf', makePdf('x', '文'), current.version)).statusCode).toBe(415);
    expect((await importDocx(editor, item.id, '方案.docx', zipBomb(), current.version)).json().error.code).toBe('unsafe_archive');

    const res = await importDocx(editor, item.id, '方案.docx', await makeDocx({ image: true }), current.version);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.version).toBe(current.version + 1);
    expect(out.body).toContain('<h2>第一章 总则</h2>');
    expect(out.body).toContain('<h3>一、工作目标</h3>');
    expect(out.body).toContain('<p>为进一步优化营商环境，制定本方案。</p>');
    expect(out.body).toMatch(/<table>.*<td><p>道路维修<\/p><\/td>.*<\/table>/s);
    expect(out.body).not.toMatch(/<script|javascript:/i);
    expect(out.body).toContain('&lt;script&gt;');
    const image = out.attachments.find((a: { name: string }) => a.name === '图片1.png');
    expect(image).toMatchObject({ type: 'image/png', size: PNG.length });
    expect(out.body).toContain(`<p><img alt="示意图" src="/attachments/${image.id}/${encodeURIComponent('图片1.png')}" /></p>`);
    const fetched = await pub(`/attachments/${image.id}/${encodeURIComponent('图片1.png')}`, { cookie: editor.cookie });
    expect(fetched.rawPayload.equals(PNG)).toBe(true);
    expect(Array.isArray(out.warnings)).toBe(true);
    const stored = await t.db.kysely.selectFrom('item_revisions').select('body').where('id', '=', (await workingRevision(item.id)).working_revision_id!).executeTakeFirstOrThrow();
    expect(stored.body).toBe(out.body);
    expect((await editor.request('GET', `/api/v1/items/${item.id}`)).json()).toMatchObject({ version: current.version + 1, body: out.body });

    // A second import replaces the images of the first.
    const again = await importDocx(editor, item.id, '方案.docx', await makeDocx({ image: true, heading: '第一章 总体要求' }), out.version);
    expect(again.statusCode).toBe(200);
    const images = again.json().attachments.filter((a: { name: string }) => a.name.startsWith('图片'));
    expect(images).toHaveLength(1);
    expect(images[0].id).not.toBe(image.id);
    expect((await pub(`/attachments/${image.id}/x.png`, { cookie: editor.cookie })).statusCode).toBe(404);
    const actions = await t.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'item.import-docx').where('object_id', '=', item.id).execute();
    expect(actions).toHaveLength(2);
  });

  it('publishes: the files become public with the right headers; drafts’ files do not', async () => {
    await publish(item.id);
    const { id, name } = uploaded.pdf!;
    const res = await pub(`/attachments/${id}/${encodeURIComponent(name)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="${'_'.repeat(name.length - 4)}.pdf"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const sha = crypto.createHash('sha256').update(res.rawPayload).digest('hex');
    expect(res.headers.etag).toBe(`"${sha}"`);
    expect(Number(res.headers['content-length'])).toBe(uploaded.pdf!.size);

    const docx = await pub(`/attachments/${uploaded.docx!.id}/anything`);
    expect(docx.headers['content-disposition']).toMatch(/^attachment; /);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    expect((await pub(`/attachments/${id}/x`, { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304);
    const head = await t.app.inject({ method: 'HEAD', url: `/attachments/${id}/x` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(uploaded.pdf!.size));
    expect(head.rawPayload.length).toBe(0);
    const range = await pub(`/attachments/${id}/x`, { range: 'bytes=0-7' });
    expect(range.statusCode).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 0-7/${uploaded.pdf!.size}`);
    expect(range.body).toBe('%PDF-1.4');
    const suffix = await pub(`/attachments/${id}/x`, { range: 'bytes=-6' });
    expect(suffix.body).toBe('%%EOF\n');
    expect((await pub(`/attachments/${id}/x`, { range: 'bytes=999999-' })).statusCode).toBe(416);

    // Published: no more changes to the live revision's files.
    expect((await upload(editor, item.id, 'late.png', PNG)).statusCode).toBe(409);
    expect((await editor.request('DELETE', `/api/v1/items/${item.id}/attachments/${id}`)).statusCode).toBe(409);
  });

  it('carries attachments into a new revision by reference: same ids, shared files', async () => {
    const live = (await workingRevision(item.id)).live_revision_id!;
    const files = filesOnDisk().length;
    // What the lead's updateItem will do when a published item gets a new revision:
    const next = crypto.randomUUID();
    await t.db.kysely.transaction().execute(async (trx) => {
      const rev = await trx.selectFrom('item_revisions').selectAll().where('id', '=', live).executeTakeFirstOrThrow();
      await trx.insertInto('item_revisions').values({ ...rev, id: next, revision_no: rev.revision_no + 1, state: 'draft', published_at: null }).execute();
      await trx.updateTable('items').set({ working_revision_id: next }).where('id', '=', item.id).execute();
      expect(await carryAttachments(trx, live, next)).toBe(5);
      expect(await carryAttachments(trx, live, next)).toBe(0);
    });
    expect(await listAttachments(t.db.kysely, next)).toEqual(await listAttachments(t.db.kysely, live));
    expect(filesOnDisk()).toHaveLength(files);
    // Removing it from the new draft keeps the published file.
    expect((await editor.request('DELETE', `/api/v1/items/${item.id}/attachments/${uploaded.pdf!.id}`)).statusCode).toBe(204);
    expect((await editor.request('DELETE', `/api/v1/items/${item.id}/attachments/${uploaded.pdf!.id}`)).statusCode).toBe(404);
    expect(filesOnDisk()).toHaveLength(files);
    expect((await pub(`/attachments/${uploaded.pdf!.id}/x.pdf`)).statusCode).toBe(200);
    expect(await listAttachments(t.db.kysely, next)).toHaveLength(4);
    // A new upload to the draft is the staff's only until published.
    const added = await upload(editor, item.id, '补充.png', PNG);
    expect(added.statusCode).toBe(201);
    expect((await pub(`/attachments/${added.json().id}/x.png`)).statusCode).toBe(404);
    expect((await pub(`/attachments/${added.json().id}/x.png`, { cookie: reviewer.cookie })).statusCode).toBe(200);
  });

  it('sweeps files that no row refers to, after a grace period', async () => {
    const { sweepAttachmentFiles } = await import('./attachments.commands.js');
    const before = filesOnDisk();
    const orphan = path.join(dataDir, 'attachments', 'ab', `ab${'0'.repeat(30)}`);
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, 'left over by a crash');
    const tmp = path.join(dataDir, 'attachments', 'ab', '.ab0.1.tmp');
    fs.writeFileSync(tmp, 'half');
    const all = [orphan, tmp, ...before.map((b) => path.join(dataDir, 'attachments', b))];
    const recent = new Date(t.clock.now().getTime() - 3600 * 1000);
    for (const f of all) fs.utimesSync(f, recent, recent);
    expect(await sweepAttachmentFiles(t.ctx)).toBe(0); // within the grace period
    const old = new Date(t.clock.now().getTime() - 2 * 24 * 3600 * 1000);
    for (const f of all) fs.utimesSync(f, old, old);
    expect(await sweepAttachmentFiles(t.ctx)).toBe(2);
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses changes while the revision is under review, and answers 410 once withdrawn', async () => {
    const other = await createItem('审核中的信息');
    const pngRes = await upload(editor, other.id, '图.png', PNG);
    expect(pngRes.statusCode).toBe(201);
    expect((await editor.request('POST', `/api/v1/items/${other.id}/submit`)).statusCode).toBe(200);
    const res = await upload(editor, other.id, 'x.png', PNG);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('invalid_state');
    const current = (await editor.request('GET', `/api/v1/items/${other.id}`)).json();
    expect((await importDocx(editor, other.id, 'x.docx', await makeDocx(), current.version)).statusCode).toBe(409);
    expect((await editor.request('DELETE', `/api/v1/items/${other.id}/attachments/${pngRes.json().id}`)).statusCode).toBe(409);

    expect((await office.request('POST', `/api/v1/items/${item.id}/withdraw`, { reason: '已被替代' })).statusCode).toBe(200);
    const gone = await pub(`/attachments/${uploaded.png!.id}/x.png`);
    expect(gone.statusCode).toBe(410);
    expect((await pub(`/attachments/${uploaded.png!.id}/x.png`, { cookie: office.cookie })).statusCode).toBe(200);
  });
});
