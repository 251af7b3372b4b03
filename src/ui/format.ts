/**
 * Bytes for people, in binary units.
 * @example formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Grouped by thousands, as `toLocaleString('en-US')` would, without it: its first call loads the
 * locale's number data, ~35 ms on the main thread as a job's progress first shows.
 * @example formatCount(1234567) // '1,234,567'
 */
export const formatCount = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');

/** @example formatSeconds(75.2) // '1 min 15 s' */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Money as the file holds it, with cents: @example formatMoney(1234.5) // '1,234.50' */
export const formatMoney = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A short number for an axis: @example formatCompact(1234567) // '1.2M' */
export const formatCompact = (n: number): string => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);

/** A ratio from 0 to 1 as a percentage: @example formatPercent(0.1234) // '12.3%' */
export const formatPercent = (ratio: number, digits = 1): string => `${(100 * ratio).toFixed(digits)}%`;
