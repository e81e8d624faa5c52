/**
 * The first half of a bundle check: everything computed from the input files alone — the rules
 * (§2), the list (§3), the sources (§4), the seed (§5) and the draw (§6–§9) — and the record's hash,
 * with progress. Nothing here reads the published record's fields.
 */
import { computeSeed } from '../seed.js';
import { drawParsed, type DrawResult } from '../draw.js';
import { FairDrawError } from '../errors.js';
import { parseList, type ApplicantList } from '../list.js';
import { parseRules, type ParsedRules } from '../rules.js';
import { sha256Large } from '../sha256-block.js';
import { parseSources, type ParsedSources } from '../sources.js';
import { ticketRange, ticketSource } from '../ticket.js';
import { checkDrand } from './drand.js';
import { clock, type ProgressBar } from './progress.js';
import { sameBytes } from './same-bytes.js';
import type { BundleInput, Outcome } from './types.js';

/** The outcome of computing one input: its value, or the refusal, and the time it took. */
export interface Computed<T> {
  value?: T;
  refusal?: FairDrawError;
  ms: number;
}

export function compute<T>(f: () => T): Computed<T> {
  const s0 = clock();
  try {
    return { value: f(), ms: Math.round(clock() - s0) };
  } catch (e) {
    if (!(e instanceof FairDrawError)) throw e;
    return { refusal: e, ms: Math.round(clock() - s0) };
  }
}

export interface Recomputed {
  rules: Computed<ParsedRules>;
  /** Absent when the rules were refused (the list is parsed under them). */
  list?: Computed<ApplicantList>;
  /** Present when the rules declare a drand round. */
  drand?: Computed<Outcome>;
  sources?: Computed<ParsedSources>;
  seed?: string;
  result?: DrawResult;
  drawMs: number;
  recordSha256: string;
  /** record.json is byte for byte the recomputed record (the usual case). */
  identical: boolean;
  hashMs: number;
}

export function recompute(files: BundleInput, bar: ProgressBar): Recomputed {
  bar.at('rules', 0);
  const rules = compute(() => parseRules(files.rules));
  bar.finish('rules');
  const r = rules.value;
  const list = r ? compute(() => parseList(files.list, r.rules)) : undefined;
  bar.finish('list');
  const drandDeclared = r?.rules.declaredSources.filter((s) => s.kind === 'drand') ?? [];
  const drand = drandDeclared.length > 0 ? compute(() => checkDrand(files.sources, drandDeclared)) : undefined;
  bar.finish('drand');
  const sources = r ? compute(() => parseSources(files.sources, r.rules.declaredSources)) : undefined;
  bar.finish('sources');
  const l = list?.value;
  const src = sources?.value;
  const seed = r && l && src ? computeSeed(r.rules.drawId, r.paramsSha256, l.listRoot, src.sourcesSha256) : undefined;
  bar.finish('seed');
  let result: DrawResult | undefined;
  let drawMs = 0;
  if (r && l && src) {
    const s0 = clock();
    result = drawParsed({ rules: r, list: l, sources: src }, (seedBytes, entrants, rr) => {
      const perPair = rr.tieBreak === 'multiple';
      const total = perPair ? entrants.pairUnit.length : entrants.count;
      const words = new Uint32Array(total * 8);
      const chunk = 8192;
      const ts = ticketSource(entrants, rr.units, rr.tieBreak);
      for (let from = 0; from < total; from += chunk) {
        ticketRange(seedBytes, ts, from, Math.min(total, from + chunk), words, from * 8);
        bar.at('tickets', Math.min(total, from + chunk) / total);
      }
      bar.finish('tickets');
      return { perPair, words };
    });
    drawMs = Math.round(clock() - s0);
  }
  bar.finish('units');
  bar.at('record', 0);
  const r0 = clock();
  const recordSha256 = sha256Large(files.record);
  const identical = result !== undefined && sameBytes(files.record, result.recordBytes);
  const hashMs = Math.round(clock() - r0);
  return { rules, list, drand, sources, seed, result, drawMs, recordSha256, identical, hashMs };
}
