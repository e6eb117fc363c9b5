import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { contentDisposition, safeName } from './names.js';
import { sniff } from './sniff.js';

describe('safe names', () => {
  const ok = (raw: string, kind: Parameters<typeof safeName>[1] = 'pdf') => {
    const r = safeName(raw, kind, LIMITS.nameChars);
    if (!r.ok) throw new Error(`refused ${raw}`);
    return r.name;
  };
  it('keeps only the last path segment', () => {
    expect(ok('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(ok('..\\..\\Windows\\system32\\报告.pdf')).toBe('报告.pdf');
    expect(ok('/var/www/x.pdf')).toBe('x.pdf');
    expect(ok('C:\\Users\\李强\\Desktop\\方案.PDF')).toBe('方案.pdf');
    expect(ok('C:方案.pdf')).toBe('方案.pdf');
  });
  it('drops control, bidi and reserved characters and keeps Chinese', () => {
    expect(ok('江川市\u0000营商\u001f环境.pdf')).toBe('江川市营商环境.pdf');
    expect(ok('invoice\u202egpj.pdf')).toBe('invoicegpj.pdf');
    expect(ok('a<b>c:d"e|f?g*h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
    expect(ok('  ..隐藏  文件 . pdf')).toBe('隐藏 文件 . pdf.pdf');
    expect(ok('CON.pdf')).toBe('_CON.pdf');
  });
  it('adds the extension of the sniffed type and refuses a different one', () => {
    expect(ok('通知', 'docx')).toBe('通知.docx');
    expect(ok('2026.3.1 会议纪要', 'pdf')).toBe('2026.3.1 会议纪要.pdf');
    expect(ok('photo.JPEG', 'jpeg')).toBe('photo.jpeg');
    expect(ok('photo.jpg', 'jpeg')).toBe('photo.jpg');
    expect(ok('', 'png')).toBe('附件.png');
    expect(ok('../', 'png')).toBe('附件.png');
    expect(safeName('image.pdf', 'png', 120)).toEqual({ ok: false, extension: 'pdf' });
    expect(safeName('setup.exe', 'pdf', 120)).toEqual({ ok: false, extension: 'exe' });
  });
  it('limits the length without splitting characters', () => {
    const name = ok(`${'很长的文件名'.repeat(40)}.pdf`);
    expect([...name].length).toBe(LIMITS.nameChars);
    expect(name.endsWith('.pdf')).toBe(true);
    const emoji = ok(`${'😀'.repeat(200)}.pdf`);
    expect(emoji.endsWith('😀.pdf')).toBe(true);
  });
  it('writes Content-Disposition with an RFC 5987 name', () => {
    expect(contentDisposition('江川市"方案" (1).pdf', true)).toBe(
      `inline; filename="_______ (1).pdf"; filename*=UTF-8''%E6%B1%9F%E5%B7%9D%E5%B8%82%22%E6%96%B9%E6%A1%88%22%20%281%29.pdf`,
    );
    expect(contentDisposition('a.docx', false)).toBe(`attachment; filename="a.docx"; filename*=UTF-8''a.docx`);
  });
});

describe('sniffing', () => {
  const s = (bytes: number[] | string) => sniff(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes), LIMITS).kind;
  it('knows the accepted types by their magic numbers', () => {
    expect(s('%PDF-1.7\n')).toBe('pdf');
    expect(s([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).toBe('png');
    expect(s([0xff, 0xd8, 0xff, 0xe0])).toBe('jpeg');
    expect(s('GIF89a...')).toBe('gif');
    expect(s('RIFF\x10\x00\x00\x00WEBPVP8 ')).toBe('webp');
  });
  it('refuses everything else', () => {
    expect(s('MZ\x90\x00\x03')).toBeNull();
    expect(s('<html><script>alert(1)</script>')).toBeNull();
    expect(s('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeNull();
    expect(s(' %PDF-1.7')).toBeNull();
    expect(s('')).toBeNull();
  });
  it('tells legacy Word from Excel by the compound file directory', () => {
    const cfb = (stream: string) => {
      const buf = Buffer.alloc(1024);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf);
      const entry = (at: number, name: string, type: number) => {
        buf.write(name, at, 'utf16le');
        buf.writeUInt16LE((name.length + 1) * 2, at + 64);
        buf[at + 66] = type;
      };
      entry(512, 'Root Entry', 5);
      entry(640, stream, 2);
      return buf;
    };
    expect(sniff(cfb('WordDocument'), LIMITS).kind).toBe('doc');
    expect(sniff(cfb('Workbook'), LIMITS).kind).toBe('xls');
    expect(sniff(cfb('Macros'), LIMITS)).toEqual({ kind: null, reason: 'macros' });
    expect(sniff(cfb('Something'), LIMITS).kind).toBeNull();
  });
});
