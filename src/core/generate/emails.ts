import { DIRT } from './dirt.ts';
import { INTEGERS } from './format.ts';
import type { Prng } from './prng.ts';

const FIRST_NAMES = ['john', 'jane', 'maria', 'li', 'ahmed', 'sofia', 'lucas', 'emma', 'noah', 'olivia', 'liam', 'ava', 'mateo', 'yuki', 'priya', 'omar', 'chloe', 'david', 'sarah', 'kwame', 'anna', 'ivan', 'fatima', 'carlos', 'mei', 'leon', 'grace', 'hugo', 'nina', 'raj'];
const LAST_NAMES = ['doe', 'smith', 'garcia', 'chen', 'khan', 'muller', 'rossi', 'silva', 'kim', 'patel', 'nguyen', 'brown', 'jones', 'lopez', 'tanaka', 'okafor', 'novak', 'dubois', 'jensen', 'cohen', 'ali', 'wang', 'martin', 'costa', 'berg', 'haddad', 'fischer', 'moreau', 'sato', 'mensah'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'example.com', 'mail.co.uk', 'web.de', 'icloud.com', 'proton.me', 'shop-mail.net'];
const capitalise = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const FIRST_NAMES_CAPITAL = FIRST_NAMES.map(capitalise);
const LAST_NAMES_CAPITAL = LAST_NAMES.map(capitalise);
const DOMAINS_CAPITAL = DOMAINS.map(capitalise);

/** A customer_email cell of a dirty row: blank, malformed, mixed case, padded or valid. */
export function dirtyEmail(rng: Prng): string {
  const p = DIRT.email;
  let r = rng.float();
  if ((r -= p.blank) < 0) return '';
  if ((r -= p.malformed) < 0) return malformedEmail(rng);
  if ((r -= p.mixedCase) < 0) return validEmail(rng, true);
  if (r < p.padded) return ' ' + validEmail(rng, false) + ' ';
  return validEmail(rng, false);
}

/** A valid address: lower case, or in mixed case that lower-cases to a valid one. */
export function validEmail(rng: Prng, mixedCase: boolean): string {
  const f = rng.int(0, FIRST_NAMES.length - 1);
  const l = rng.int(0, LAST_NAMES.length - 1);
  const d = rng.int(0, DOMAINS.length - 1);
  const first = mixedCase ? FIRST_NAMES_CAPITAL[f]! : FIRST_NAMES[f]!;
  const last = mixedCase ? LAST_NAMES_CAPITAL[l]! : LAST_NAMES[l]!;
  const domain = mixedCase ? DOMAINS_CAPITAL[d]! : DOMAINS[d]!;
  switch (rng.next() & 7) {
    case 0: return first + last + '@' + domain;
    case 1: return first + '_' + last + INTEGERS[rng.int(1, 99)] + '@' + domain;
    case 2: return first[0] + last + '@' + domain;
    case 3: return first + '.' + last + INTEGERS[rng.int(1, 999)] + '@' + domain;
    case 4: return first + '+shop@' + domain;
    default: return first + '.' + last + '@' + domain;
  }
}

function malformedEmail(rng: Prng): string {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const domain = rng.pick(DOMAINS);
  switch (rng.int(0, 6)) {
    case 0: return first + '.' + last + '@'; // john.doe@
    case 1: return first + '-' + last + '.' + domain; // no at sign
    case 2: return first[0] + '@' + last[0]; // a@b
    case 3: return first + '@@' + domain;
    case 4: return first + ' ' + last + '@' + domain;
    case 5: return first + '.' + last + '@' + domain.slice(0, domain.indexOf('.')); // no top-level domain
    default: return '@' + domain;
  }
}
