import { sampleTable, type SampleTable } from './prng.ts';
import { pad, TWO_DIGITS } from './format.ts';

/** The sale window's days, formatted once in each layout, with a recent and seasonal bias. */
export interface Calendar {
  endYear: number;
  iso: string[];
  us: string[];
  eu: string[];
  slash: string[];
  /** Day indices, weighted: later days and November/December more often. */
  table: SampleTable;
  /** Dates that look right but are not on the calendar (2024-02-30). */
  impossible: string[];
}

const DAY_MS = 86_400_000;
/** Weight of each month (January first): holiday sales lift November and December. */
const SEASON = [0.9, 0.85, 0.95, 1, 1, 0.95, 0.95, 1, 1, 1.05, 1.5, 1.8];
/** The last day of the window is sold on this many times as often as the first. */
const RECENT_BIAS = 2.5;

/** The two years up to and including endDate (YYYY-MM-DD); throws RangeError on a non-date. */
export function buildCalendar(endDate: string): Calendar {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(endDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const end = epochDay(year, month, day);
  if (end === null || year < 3) throw new RangeError(`endDate must be a real date as YYYY-MM-DD, got '${endDate}'`);
  const start = epochDay(year - 2, month, Math.min(day, daysInMonth(year - 2, month)))! + 1;
  const cal: Calendar = { endYear: year, iso: [], us: [], eu: [], slash: [], table: new Uint16Array(0), impossible: [] };
  const weights: number[] = [];
  const years = new Set<number>();
  for (let d = start; d <= end; d++) {
    const date = new Date(d * DAY_MS);
    const y = pad(date.getUTCFullYear(), 4);
    const m = TWO_DIGITS[date.getUTCMonth() + 1]!;
    const dd = TWO_DIGITS[date.getUTCDate()]!;
    cal.iso.push(`${y}-${m}-${dd}`);
    cal.us.push(`${m}/${dd}/${y}`);
    cal.eu.push(`${dd}-${m}-${y}`);
    cal.slash.push(`${y}/${m}/${dd}`);
    weights.push((1 + ((RECENT_BIAS - 1) * (d - start)) / (end - start)) * SEASON[date.getUTCMonth()]!);
    years.add(date.getUTCFullYear());
  }
  cal.table = sampleTable(weights);
  for (const y of years) {
    const yyyy = pad(y, 4);
    cal.impossible.push(`${yyyy}-02-30`, `${yyyy}-04-31`, `${yyyy}-09-31`, `${yyyy}-13-01`, `${yyyy}-00-12`, `02/30/${yyyy}`, `31-06-${yyyy}`, `${yyyy}/11/31`);
    if (daysInMonth(y, 2) === 28) cal.impossible.push(`${yyyy}-02-29`, `29-02-${yyyy}`);
  }
  return cal;
}

/** Days since 1970-01-01 of a real calendar date, or null. */
function epochDay(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(date.getTime() / DAY_MS);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
