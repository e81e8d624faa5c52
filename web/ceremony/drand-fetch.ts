/**
 * Optional, when the draw laptop (or a witness's phone) is online: fetch the declared round from the
 * public drand relays. Whatever comes back is only text to be verified by the server against the
 * pinned quicknet parameters, exactly like a pasted beacon; the relays are never trusted.
 */
import { DRAND_QUICKNET } from '../../src/core/drand.js';

export const DRAND_RELAYS = ['https://api.drand.sh', 'https://api2.drand.sh', 'https://api3.drand.sh', 'https://drand.cloudflare.com'];

export class BeaconFetchError extends Error {
  readonly body: { zh: string; en: string };
  constructor(round: number, detail: string) {
    super(detail);
    this.body = {
      zh: `无法从 drand 公共中继获取第 ${round} 轮（${detail}）。本机可能未联网：请在能上网的设备上打开 ${relayUrl(DRAND_RELAYS[0]!, round)}，把返回的内容粘贴或用文件导入。`,
      en: `could not fetch round ${round} from the public drand relays (${detail}). This machine may be offline: open ${relayUrl(DRAND_RELAYS[0]!, round)} on a device that is online and paste or import what it returns.`,
    };
  }
}

export function relayUrl(relay: string, round: number): string {
  return `${relay}/${DRAND_QUICKNET.chainHash}/public/${round}`;
}

/** Tries each relay in turn (a few seconds each); resolves to the beacon's JSON text. */
export async function fetchBeacon(round: number, timeoutMs = 5000): Promise<string> {
  let last = 'no relay answered';
  for (const relay of DRAND_RELAYS) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      const res = await fetch(relayUrl(relay, round), { signal: ctl.signal, cache: 'no-store', credentials: 'omit' });
      if (res.ok) return await res.text();
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = ctl.signal.aborted ? 'timeout' : e instanceof Error ? e.message : String(e);
    } finally {
      clearTimeout(timer);
    }
  }
  throw new BeaconFetchError(round, last);
}
