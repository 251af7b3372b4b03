import { describe, expect, it } from 'vitest';
import { defaultLookups } from '../../src/core/lookups/defaults.ts';
import { withDefaults } from '../../src/core/options.ts';
import { runInMemory } from '../../src/core/pipeline/runInMemory.ts';
import { calendarDay, parseDiscount, parseEmail, parsePrice, parseQuantity, parseSaleDate, shiftYears } from '../../src/core/clean/values.ts';

/** Days since 1970-01-01 of a YYYY-MM-DD date, computed independently of the code under test. */
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('parseQuantity', () => {
  const cases: Array<{ input: string; expected: number | null }> = [
    { input: '3', expected: 3 },
    { input: '3.0', expected: 3 },
    { input: '3.000', expected: 3 },
    { input: '3.', expected: 3 },
    { input: '+3', expected: 3 },
    { input: '03', expected: 3 },
    { input: '0000000000000000000003', expected: 3 },
    { input: '0', expected: 0 },
    { input: 'two', expected: 2 },
    { input: 'Twenty', expected: 20 },
    { input: 'ZERO', expected: 0 },
    { input: 'eleven', expected: 11 },
    { input: 'twenty-one', expected: null },
    { input: 'twentyone', expected: null },
    { input: '-1', expected: null },
    { input: '-0', expected: null },
    { input: '2.5', expected: null },
    { input: '3.01', expected: null },
    { input: '', expected: null },
    { input: '+', expected: null },
    { input: 'many', expected: null },
    { input: '1e3', expected: null },
    { input: '1,000', expected: null },
    { input: '0x10', expected: null },
    { input: '9007199254740991', expected: 9007199254740991 },
    { input: '9007199254740992', expected: null },
    { input: '9007199254740993', expected: null },
    { input: '99999999999999999999', expected: null },
  ];

  it.each(cases)('parseQuantity($input) = $expected', ({ input, expected }) => {
    expect(parseQuantity(input)).toBe(expected);
  });
});

describe('parsePrice', () => {
  const cases: Array<{ input: string; expected: number | null }> = [
    { input: '$1,299.50', expected: 1299.5 },
    { input: '€12', expected: 12 },
    { input: '£3', expected: 3 },
    { input: '19.99', expected: 19.99 },
    { input: '0', expected: 0 },
    { input: '.5', expected: 0.5 },
    { input: '$.5', expected: 0.5 },
    { input: '5.', expected: 5 },
    { input: '1,000', expected: 1000 },
    { input: '12,345,678.9', expected: 12345678.9 },
    { input: '50000.01', expected: 50000.01 },
    { input: '007', expected: 7 },
    { input: '1,23', expected: null },
    { input: '1,2345', expected: null },
    { input: '1234,567', expected: null },
    { input: ',123', expected: null },
    { input: '1,,000', expected: null },
    { input: '-5', expected: null },
    { input: '+5', expected: null },
    { input: '$-5', expected: null },
    { input: '1e3', expected: null },
    { input: '$ 5', expected: null },
    { input: '5$', expected: null },
    { input: '$$5', expected: null },
    { input: 'USD 5', expected: null },
    { input: '$', expected: null },
    { input: '.', expected: null },
    { input: '', expected: null },
    { input: '1.2.3', expected: null },
    { input: '12,5', expected: null },
  ];

  it.each(cases)('parsePrice($input) = $expected', ({ input, expected }) => {
    expect(parsePrice(input)).toBe(expected);
  });
});

describe('parseDiscount', () => {
  const cases: Array<{ input: string; expected: number | null }> = [
    { input: '', expected: 0 },
    { input: '0', expected: 0 },
    { input: '15%', expected: 0.15 },
    { input: '15 %', expected: 0.15 },
    { input: '15   %', expected: 0.15 },
    { input: '15\t%', expected: null },
    { input: '12.5%', expected: 0.125 },
    { input: '100%', expected: 1 },
    { input: '150%', expected: 1.5 },
    { input: '-10%', expected: -0.1 },
    { input: '0.2', expected: 0.2 },
    { input: '.2', expected: 0.2 },
    { input: '+0.2', expected: 0.2 },
    { input: '1', expected: 1 },
    // Parsed: the range check is the caller's.
    { input: '1.5', expected: 1.5 },
    { input: '-0.1', expected: -0.1 },
    { input: 'ten', expected: null },
    { input: '%', expected: null },
    { input: '15%%', expected: null },
    { input: '% 15', expected: null },
    { input: '1e-1', expected: null },
    { input: '0,2', expected: null },
    { input: '$0.2', expected: null },
  ];

  it.each(cases)('parseDiscount($input) = $expected', ({ input, expected }) => {
    expect(parseDiscount(input)).toBe(expected);
  });
});

describe('parseSaleDate', () => {
  const cases: Array<{ input: string; expected: string | null }> = [
    // The four formats.
    { input: '2024-03-05', expected: '2024-03-05' },
    { input: '03/05/2024', expected: '2024-03-05' },
    { input: '05-03-2024', expected: '2024-03-05' },
    { input: '2024/03/05', expected: '2024-03-05' },
    { input: '12/31/2024', expected: '2024-12-31' },
    { input: '31-12-2024', expected: '2024-12-31' },
    // Times after T or a space, with Z and offsets.
    { input: '2024-03-05T10:20', expected: '2024-03-05' },
    { input: '2024-03-05 10:20:30', expected: '2024-03-05' },
    { input: '2024-03-05T10:20:30.123', expected: '2024-03-05' },
    { input: '2024-03-05T23:59:59Z', expected: '2024-03-05' },
    { input: '2024-03-05T00:00:00+05:30', expected: '2024-03-05' },
    { input: '2024-03-05T00:00:00-0800', expected: '2024-03-05' },
    { input: '2024-03-05T00:00+05', expected: '2024-03-05' },
    { input: '03/05/2024T10:00:00Z', expected: '2024-03-05' },
    { input: '05-03-2024 10:00', expected: '2024-03-05' },
    { input: '2024/03/05T10:00:00.5-03:00', expected: '2024-03-05' },
    // The calendar date is kept as written, not moved by the offset.
    { input: '2024-03-05T23:30:00-05:00', expected: '2024-03-05' },
    // Leap years.
    { input: '2024-02-29', expected: '2024-02-29' },
    { input: '2000-02-29', expected: '2000-02-29' },
    { input: '2023-02-29', expected: null },
    { input: '1900-02-29', expected: null },
    { input: '2023-02-30', expected: null },
    { input: '2024-04-31', expected: null },
    { input: '2024-13-01', expected: null },
    { input: '2024-00-10', expected: null },
    { input: '2024-01-00', expected: null },
    { input: '13/01/2024', expected: null },
    { input: '0000-01-01', expected: null },
    { input: '0001-01-01', expected: '0001-01-01' },
    // Strict shapes.
    { input: '2024-1-5', expected: null },
    { input: '3/5/2024', expected: null },
    { input: '24-03-05', expected: null },
    { input: '2024.03.05', expected: null },
    { input: '2024-03/05', expected: null },
    { input: '20240305', expected: null },
    { input: 'March 5, 2024', expected: null },
    { input: '', expected: null },
    // Bad times.
    { input: '2024-03-05T', expected: null },
    { input: '2024-03-05 ', expected: null },
    { input: '2024-03-05T24:00', expected: null },
    { input: '2024-03-05T10:60', expected: null },
    { input: '2024-03-05T10:00:60', expected: null },
    { input: '2024-03-05T10', expected: null },
    { input: '2024-03-05t10:00', expected: null },
    { input: '2024-03-05  10:00', expected: null },
    { input: '2024-03-05Z', expected: null },
    { input: '2024-03-05T10:00+24:00', expected: null },
    { input: '2024-03-05T10:00:00.', expected: null },
    { input: '2024-03-05T10:00:00 Z', expected: null },
  ];

  it.each(cases)('parseSaleDate($input) = $expected', ({ input, expected }) => {
    const parsed = parseSaleDate(input);
    if (expected === null) expect(parsed).toBeNull();
    else expect(parsed).toMatchObject({ iso: expected, day: dayOf(expected) });
  });

  it('counts days from 1970-01-01', () => {
    expect(parseSaleDate('1970-01-01')?.day).toBe(0);
    expect(parseSaleDate('1969-12-31')?.day).toBe(-1);
    expect(parseSaleDate('2024-03-05')?.day).toBe(19787);
  });
});

describe('calendarDay', () => {
  const cases: Array<{ input: [number, number, number]; expected: number | null }> = [
    { input: [1970, 1, 1], expected: 0 },
    { input: [2024, 2, 29], expected: dayOf('2024-02-29') },
    { input: [2023, 2, 29], expected: null },
    { input: [50, 6, 1], expected: dayOf('0050-06-01') },
    { input: [0, 1, 1], expected: null },
    { input: [2024, 12, 32], expected: null },
  ];

  it.each(cases)('calendarDay($input) = $expected', ({ input, expected }) => {
    expect(calendarDay(...input)).toBe(expected);
  });
});

describe('shiftYears', () => {
  const cases = [
    { input: ['2024-06-30', -20], expected: '2004-06-30' },
    { input: ['2024-06-30', 1], expected: '2025-06-30' },
    { input: ['2024-02-29', 1], expected: '2025-02-28' },
    { input: ['2024-02-29', -1], expected: '2023-02-28' },
    { input: ['2024-02-29', -20], expected: '2004-02-29' },
    { input: ['2024-02-29', 4], expected: '2028-02-29' },
    { input: ['2100-02-28', 0], expected: '2100-02-28' },
    { input: ['2024-12-31', 1], expected: '2025-12-31' },
    { input: ['2024-01-01', -20], expected: '2004-01-01' },
  ] as Array<{ input: [string, number]; expected: string }>;

  it.each(cases)('shiftYears($input) = $expected', ({ input, expected }) => {
    expect(shiftYears(...input)).toBe(dayOf(expected));
  });
});

describe('parseEmail', () => {
  const cases: Array<{ input: string; expected: string | null }> = [
    { input: 'alice@example.com', expected: 'alice@example.com' },
    { input: 'Alice@Example.COM', expected: 'alice@example.com' },
    { input: 'a.b+tag_1%x-y@mail.sub-domain.co.uk', expected: 'a.b+tag_1%x-y@mail.sub-domain.co.uk' },
    { input: 'a@b.io', expected: 'a@b.io' },
    { input: 'a@b.c', expected: null },
    { input: 'a@b', expected: null },
    { input: 'a@b.c0m', expected: null },
    { input: 'no-at-sign.com', expected: null },
    { input: 'a@@b.com', expected: null },
    { input: 'a b@c.com', expected: null },
    { input: '@b.com', expected: null },
    { input: 'a@.com', expected: null },
    { input: 'a@b..com', expected: null },
    { input: 'a@b_c.com', expected: null },
    { input: 'ä@b.com', expected: null },
    { input: 'a@b.com.', expected: null },
    { input: '', expected: null },
  ];

  it.each(cases)('parseEmail($input) = $expected', ({ input, expected }) => {
    expect(parseEmail(input)).toBe(expected);
  });
});

describe('a reference date near year 1', () => {
  it('has no lower bound before the calendar starts (regression: every date before 1970 was out of range)', async () => {
    const csv =
      'order_id,product_name,category,quantity,unit_price,region,sale_date\n' +
      'a,Smartphone X,Electronics,1,1,Europe,0011-01-01\n' +
      'b,Smartphone X,Electronics,1,1,Europe,0005-01-01\n' +
      'c,Smartphone X,Electronics,1,1,Europe,0011-07-01\n';
    const result = await runInMemory(csv, withDefaults({ reference_date: '0010-06-30' }), defaultLookups());
    expect(result.rowsAccepted).toBe(2);
    expect(result.rejectedCsv).toContain('3,sale_date_out_of_range,c,');
  });
});
