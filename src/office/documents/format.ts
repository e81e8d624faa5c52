/** Small formatting helpers shared by the documents: times, addresses, QR codes. */
import { FairDrawError } from '../../core/errors.js';

/**
 * An ISO time as Beijing time (UTC+8, no daylight saving), e.g. `2026-06-01 17:00:00`. Computed
 * by offset, not by the machine's time zone, so the documents read the same on every computer.
 */
export function beijingTime(iso: string, seconds = true): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 8 * 3600_000).toISOString().replace('T', ' ');
  return seconds ? s.slice(0, 19) : s.slice(0, 16);
}

/** `2026年6月1日` for an ISO time, in Beijing time. */
export function chineseDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/**
 * The public site's base address (http or https, no trailing slash). It is printed and put in QR
 * codes, so it must be given explicitly: a wrong default would send families to the wrong place.
 */
export function checkBaseUrl(baseUrl: string | undefined): string {
  const given = baseUrl?.trim() ?? '';
  let url: URL | undefined;
  try {
    url = given ? new URL(given) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new FairDrawError(
      'document.base-url',
      given
        ? `公开核验网址“${given}”无效：应为 http:// 或 https:// 开头的网址，如 https://yaohao.example.gov.cn`
        : '请给出公开核验网址（--base-url 或环境变量 FAIRDRAW_BASE_URL），如 https://yaohao.example.gov.cn',
      given
        ? `the public base address "${given}" is not valid: give an http:// or https:// address such as https://yaohao.example.gov.cn`
        : 'give the public base address (--base-url or FAIRDRAW_BASE_URL), e.g. https://yaohao.example.gov.cn',
      { field: 'baseUrl' },
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** The event's public page: `<base>/portal/<event>`. */
export function portalUrl(baseUrl: string, event: string): string {
  return `${checkBaseUrl(baseUrl)}/portal/${encodeURIComponent(event)}`;
}

/** A family's page: `<base>/portal/<event>/applicant/<reg>`. */
export function applicantUrl(baseUrl: string, event: string, regNo: string): string {
  return `${portalUrl(baseUrl, event)}/applicant/${encodeURIComponent(regNo)}`;
}
