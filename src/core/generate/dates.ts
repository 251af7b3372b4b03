import type { Calendar } from './calendar.ts';
import { DIRT } from './dirt.ts';
import { pad } from './format.ts';
import { sampleTable, type Prng } from './prng.ts';

/** Date formats: ISO, MM/DD/YYYY, DD-MM-YYYY, YYYY/MM/DD, ISO with a time, MM/DD/YYYY with a time. */
const DATE_FORMAT_TABLE = sampleTable([50, 15, 13, 10, 9, 3]);
const TIME_PARTS = ['T10:15:00', 'T09:30:00', 'T14:45:30', 'T23:59:59', ' 08:00', 'T12:00:00Z', 'T16:20:00+02:00', ' 17:05:00'];
const SPACED_TIME_PARTS = [' 10:15', ' 08:00:00', ' 19:42:05'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A sale_date cell of a dirty row: a day of the window in one of the accepted formats, or dirt. */
export function dirtyDate(rng: Prng, cal: Calendar): string {
  const p = DIRT.date;
  const day = rng.sample(cal.table);
  let r = rng.float();
  if ((r -= p.blank) < 0) return '';
  if ((r -= p.impossible) < 0) return rng.pick(cal.impossible);
  if ((r -= p.farPast) < 0) return pad(rng.int(1900, cal.endYear - 21), 4) + cal.iso[day]!.slice(4).replace('-02-29', '-02-28');
  if (r < p.badFormat) return badlyFormatted(rng, cal.iso[day]!);
  switch (rng.sample(DATE_FORMAT_TABLE)) {
    case 0: return cal.iso[day]!;
    case 1: return cal.us[day]!;
    case 2: return cal.eu[day]!;
    case 3: return cal.slash[day]!;
    case 4: return cal.iso[day]! + rng.pick(TIME_PARTS);
    default: return cal.us[day]! + rng.pick(SPACED_TIME_PARTS);
  }
}

/** A date in none of the four formats: '2024-3-5', '5 Mar 2024', '2024.03.05', '20240305'. */
function badlyFormatted(rng: Prng, iso: string): string {
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  switch (rng.int(0, 3)) {
    case 0: return m[0] === '0' || d[0] === '0' ? `${y}-${Number(m)}-${Number(d)}` : `${y}${m}${d}`;
    case 1: return `${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
    case 2: return `${y}.${m}.${d}`;
    default: return `${y}${m}${d}`;
  }
}
