/** Test vectors computed, not guessed: IDs with their GB 11643 check character, card numbers with their Luhn digit. */
import { idCardCheckChar, luhnValid } from './detectors.js';

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
