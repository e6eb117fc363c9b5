import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery.js';
import { isEmail as isEmailAddress } from '../../shared/contact.js';
import { pathsAbove } from './recipients.js';
import { citizenAnsweredMail } from './texts.js';

describe('mail rules', () => {
  it('backs off 1, 4, 16, 64 minutes, then every 4 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 4, 16, 64, 240, 240, 240]);
  });

  it('finds the organisations whose assignments cover a unit', () => {
    expect(pathsAbove('/a/b/c/')).toEqual(['/a/', '/a/b/', '/a/b/c/']);
    expect(pathsAbove('/a/')).toEqual(['/a/']);
  });

  it('mails only plain e-mail addresses', () => {
    expect(isEmailAddress('zhang.san@mail.example.cn')).toBe(true);
    for (const v of ['13800138000', '010-12345678', 'a@b', '张三 <a@b.cn>', 'a@b.cn, c@d.cn', 'a b@c.cn', '']) expect(isEmailAddress(v)).toBe(false);
  });

  it('links the citizen to the tracking page on the configured site, or gives the path alone', () => {
    const facts = { title: '标题', trackingCode: 'ABCD-EFGH-JKMN-PQRS', agencyName: '' };
    expect(citizenAnsweredMail('https://gk.example.cn/', facts).body).toContain('https://gk.example.cn/messages/track/ABCD-EFGH-JKMN-PQRS\n');
    expect(citizenAnsweredMail(undefined, facts).body).toContain('：/messages/track/ABCD-EFGH-JKMN-PQRS\n');
    expect(citizenAnsweredMail(undefined, facts).body).toContain('您提交的留言“标题”已答复。');
  });
});
