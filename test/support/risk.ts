// Test vectors of the risk scan, computed, not guessed: IDs with their GB 11643 check character, card numbers with
// their Luhn digit; and the tag structure of HTML, which masking must leave untouched.
import { Parser } from 'htmlparser2';
import { idCardCheckChar, luhnValid } from '../../src/modules/risk/detectors.js';

export function makeId(first17: string): string {
  const c = idCardCheckChar(first17);
  if (c === null) throw new Error(`not 17 digits: ${first17}`);
  return first17 + c;
}

/** An ID whose check character is wrong. */
export function wrongId(first17: string): string {
  const right = idCardCheckChar(first17)!;
  return first17 + (right === '1' ? '2' : '1');
}

/** `body` plus the Luhn check digit. */
export function makeCard(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

/** `body` plus a digit that fails Luhn. */
export function wrongCard(body: string): string {
  const right = makeCard(body);
  return body + ((Number(right.slice(-1)) + 1) % 10);
}

/** Tag names in order, with open/close events: equal before and after masking means the structure is untouched. */
export function tagEvents(html: string): string[] {
  const events: string[] = [];
  const p = new Parser({ onopentag: (n) => events.push(`<${n}>`), onclosetag: (n) => events.push(`</${n}>`) });
  p.write(html);
  p.end();
  return events;
}
