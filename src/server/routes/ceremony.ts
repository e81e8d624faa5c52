/**
 * The draw ceremony over HTTP. The operator drives it; witnesses submit from their phones with a
 * one-time link (no login); the big screen and the public live view follow the ceremony's log
 * through Server-Sent Events, fanned out from one in-memory notifier.
 */
import { networkInterfaces } from 'node:os';
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findEvent } from '../../office/load-event.js';
import { CeremonyFeed } from '../../office/ceremony/feed.js';
import { ceremonyLog } from '../../office/ceremony/steps.js';
import { openCeremony } from '../../office/ceremony/open-ceremony.js';
import { setRoster, substituteWitness } from '../../office/ceremony/roster.js';
import { enterValue } from '../../office/ceremony/enter-value.js';
import { importDrand } from '../../office/ceremony/drand-import.js';
import { commitByLink, issueWitnessLink, revealByLink, submitByLink, witnessLinkView } from '../../office/ceremony/witness-links.js';
import { commitValue, replaceValue, revealValue } from '../../office/ceremony/sealing.js';
import { confirmingStaff } from '../../office/ceremony/confirm.js';
import { startCeremonyDraw } from '../../office/ceremony/ceremony-draw.js';
import { revealNext } from '../../office/ceremony/reveal.js';
import { drawReps, prepareReps, repsFiles } from '../../office/ceremony/reps-draw.js';
import { addWitness, recordMeeting, recordRecording } from '../../office/ceremony/meeting.js';
import { ceremonyView } from '../../office/ceremony/ceremony-view.js';
import type { LogEntry } from '../../office/ceremony/log-types.js';
import { actorOf } from '../auth.js';
import { access } from '../access.js';
import { EventParams, UnitParams } from '../../api/staff.js';
import {
  CeremonyDrawn,
  CeremonyLog,
  CeremonyOpened,
  CeremonyView,
  DrandBeacon,
  DrandBody,
  EnteredValue,
  HallCommitBody,
  HallCommitted,
  HallRevealBody,
  IssuedLink,
  LanAddresses,
  LinkBody,
  LinkView,
  LogQuery,
  MeetingBody,
  Ok,
  RecordingBody,
  ReplaceBody,
  RepsDrawBody,
  RepsFileParams,
  RepsPrepareBody,
  RepsView,
  RevealBody,
  RevealProgress,
  Roster,
  RosterBody,
  RosterSlot,
  SlotParams,
  SlotRevealed,
  StreamQuery,
  ValueBody,
  WitnessBody,
  WitnessCommitBody,
  WitnessRevealBody,
  WitnessSealed,
  WitnessSubmitBody,
  WitnessTokenBody,
  WitnessValue,
} from '../../api/ceremony.js';
import { reading, type Office } from '../../office/ports.js';

/** An SSE frame: the log row's id (for Last-Event-ID) and the whole entry as one line of JSON. */
export function sseFrame(e: LogEntry): string {
  return `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;
}

/** IPv4 addresses of this machine on the hall's network, for the witnesses' QR links. */
function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

export const ceremonyRoutes = (
  office: Office,
  feed = new CeremonyFeed((id, after) => ceremonyLog(reading(office), id, after), sseFrame),
): FastifyPluginAsyncZod =>
  async function (app) {
    // The public side reads from the read-only connection: it never waits for an import's write.
    const reader = reading(office);
    const streams = new Set<ServerResponse>();
    // One timer for all viewers: a comment line keeps proxies and phones from dropping idle streams.
    const heartbeat = setInterval(() => {
      for (const res of streams) res.write(': ping\n\n');
    }, 15_000);
    heartbeat.unref();
    // Steps committed by another server instance on the same database (PostgreSQL) reach this one's viewers.
    const unlisten = office.store.onCeremonyStep((eventId) => void feed.poke(eventId));
    app.addHook('preClose', (done) => {
      unlisten();
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
      done();
    });

    /** Runs a state change, then tells the notifier (also after a refusal: a halt is logged before it is reported). */
    const change = async <T>(eventId: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } finally {
        void feed.poke(eventId);
      }
    };

    await app.register(
      access.public(async (app) => {
        app.get(
          '/api/ceremony/:id/stream',
          {
            schema: {
              tags: ['ceremony'],
              summary: 'Server-Sent Events: every ceremony step, resumable with Last-Event-ID',
              params: EventParams,
              querystring: StreamQuery,
            },
          },
          async (req, reply) => {
            await findEvent(reader, req.params.id);
            const header = Number(req.headers['last-event-id']);
            const after = Number.isSafeInteger(header) && header > 0 ? header : (req.query.lastEventId ?? 0);
            reply.hijack();
            const res = reply.raw;
            res.writeHead(200, {
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-cache, no-transform',
              connection: 'keep-alive',
              'x-accel-buffering': 'no',
            });
            res.write('retry: 2000\n\n');
            let closed = false;
            let unsubscribe: (() => void) | undefined;
            req.raw.on('close', () => {
              closed = true;
              streams.delete(res);
              unsubscribe?.();
            });
            const off = await feed.subscribe(req.params.id, after, {
              send: (item) => {
                if (!closed) res.write(item.frame);
              },
              caughtUp: () => {
                if (!closed) res.write('event: caughtup\ndata: {}\n\n');
              },
            });
            if (closed) off();
            else {
              unsubscribe = off;
              streams.add(res);
            }
          },
        );

        app.get(
          '/api/ceremony/:id/log',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              querystring: LogQuery,
              response: { 200: CeremonyLog },
            },
          },
          async (req) => {
            const ev = await findEvent(reader, req.params.id);
            return { event: { id: ev.id, title: ev.title }, entries: await ceremonyLog(reader, ev.id, req.query.after) };
          },
        );

        app.get(
          '/api/ceremony/:id/reps/:unit/:file',
          {
            schema: {
              tags: ['ceremony'],
              summary: 'The files of a representatives draw (rules.json, list.jsonl, sources.json, record.json)',
              params: RepsFileParams,
            },
          },
          async (req, reply) => {
            const files = await repsFiles(reader, req.params.id, req.params.unit);
            reply.header(
              'content-type',
              req.params.file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
            );
            reply.header('content-disposition', `attachment; filename="${req.params.id}.reps-${req.params.unit}-${req.params.file}"`);
            return reply.send(files[req.params.file]);
          },
        );

        app.post(
          '/api/ceremony/witness/lookup',
          {
            config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
            schema: { tags: ['ceremony'], body: WitnessTokenBody, response: { 200: LinkView } },
          },
          async (req) => witnessLinkView(reader, req.body.token),
        );

        app.post(
          '/api/ceremony/witness/commit',
          {
            config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
            schema: {
              tags: ['ceremony'],
              summary: "A witness's phone seals its value: only the commitment is sent",
              body: WitnessCommitBody,
              response: { 200: WitnessSealed },
            },
          },
          async (req) => {
            const view = await witnessLinkView(reader, req.body.token);
            return change(view.event, () => commitByLink(office, req.body.token, req.body.commitment));
          },
        );

        app.post(
          '/api/ceremony/witness/reveal',
          {
            config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
            schema: {
              tags: ['ceremony'],
              summary: 'A witness reveals value and salt, checked against the commitment',
              body: WitnessRevealBody,
              response: { 200: WitnessValue },
            },
          },
          async (req) => {
            const view = await witnessLinkView(reader, req.body.token);
            return change(view.event, () => revealByLink(office, req.body.token, req.body.value, req.body.salt));
          },
        );

        app.post(
          '/api/ceremony/witness/submit',
          {
            config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
            schema: {
              tags: ['ceremony'],
              summary: 'The drand slot: the beacon, brought by a phone',
              body: WitnessSubmitBody,
              response: { 200: WitnessValue },
            },
          },
          async (req) => {
            const view = await witnessLinkView(reader, req.body.token);
            return change(view.event, () => submitByLink(office, req.body.token, req.body.value));
          },
        );
      }),
    );

    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/ceremony/:id',
          { schema: { tags: ['ceremony'], params: EventParams, response: { 200: CeremonyView } } },
          async (req) => ceremonyView(office, req.params.id),
        );

        app.get(
          '/api/ceremony/:id/lan',
          {
            schema: { tags: ['ceremony'], params: EventParams, response: { 200: LanAddresses } },
          },
          async () => ({ addresses: lanAddresses() }),
        );
      }),
    );

    await app.register(
      access.operator(async (app) => {
        app.post(
          '/api/ceremony/:id/open',
          {
            schema: { tags: ['ceremony'], params: EventParams, response: { 200: CeremonyOpened } },
          },
          async (req) => change(req.params.id, () => openCeremony(office, req.params.id, actorOf(req))),
        );

        app.put(
          '/api/ceremony/:id/roster',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: RosterBody,
              response: { 200: Roster },
            },
          },
          async (req) => ({ slots: await change(req.params.id, () => setRoster(office, req.params.id, req.body.slots, actorOf(req))) }),
        );

        app.post(
          '/api/ceremony/:id/slots/:index/substitute',
          { schema: { tags: ['ceremony'], params: SlotParams, response: { 200: RosterSlot } } },
          async (req) => change(req.params.id, () => substituteWitness(office, req.params.id, req.params.index, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/slots/:index/link',
          {
            schema: {
              tags: ['ceremony'],
              params: SlotParams,
              body: LinkBody,
              response: { 200: IssuedLink },
            },
          },
          async (req) => issueWitnessLink(office, req.params.id, req.params.index, actorOf(req), req.body?.minutes),
        );

        app.post(
          '/api/ceremony/:id/slots/:index/value',
          {
            schema: {
              tags: ['ceremony'],
              params: SlotParams,
              body: ValueBody,
              response: { 200: EnteredValue },
            },
          },
          async (req) => change(req.params.id, () => enterValue(office, req.params.id, req.params.index, req.body.value, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/slots/:index/commit',
          {
            schema: {
              tags: ['ceremony'],
              summary: 'A sealed entry on the hall keyboard, made by the witness, confirmed by a staff member of another role',
              params: SlotParams,
              body: HallCommitBody,
              response: { 200: HallCommitted },
            },
          },
          async (req) => {
            const actor = actorOf(req);
            const confirmedBy = await confirmingStaff(office, actor, req.body.confirm.username, req.body.confirm.password);
            return change(req.params.id, () =>
              commitValue(
                office,
                req.params.id,
                { index: req.params.index, commitment: req.body.commitment, via: 'hall', confirmedBy },
                actor,
              ),
            );
          },
        );

        app.post(
          '/api/ceremony/:id/slots/:index/reveal',
          {
            schema: {
              tags: ['ceremony'],
              summary: 'A witness reveals value and salt on the hall keyboard',
              params: SlotParams,
              body: HallRevealBody,
              response: { 200: SlotRevealed },
            },
          },
          async (req) =>
            change(req.params.id, () =>
              revealValue(
                office,
                req.params.id,
                { index: req.params.index, value: req.body.value, salt: req.body.salt, via: 'hall' },
                actorOf(req),
              ),
            ),
        );

        app.post(
          '/api/ceremony/:id/slots/:index/replace',
          {
            schema: {
              tags: ['ceremony'],
              summary: 'Replaces a sealed value not revealed, as the published rules say',
              params: SlotParams,
              body: ReplaceBody,
              response: { 200: SlotRevealed },
            },
          },
          async (req) =>
            change(req.params.id, () =>
              replaceValue(office, req.params.id, { index: req.params.index, reason: req.body.reason }, actorOf(req)),
            ),
        );

        app.post(
          '/api/ceremony/:id/drand',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: DrandBody,
              response: { 200: DrandBeacon },
            },
          },
          async (req) => change(req.params.id, () => importDrand(office, req.params.id, req.body.text, req.body.via, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/draw',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              response: { 200: CeremonyDrawn },
            },
          },
          async (req) => change(req.params.id, () => startCeremonyDraw(office, req.params.id, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/reveal',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: RevealBody,
              response: { 200: RevealProgress },
            },
          },
          async (req) => change(req.params.id, () => revealNext(office, req.params.id, actorOf(req), req.body?.all ?? false)),
        );

        app.post(
          '/api/ceremony/:id/reps/:unit/prepare',
          {
            schema: {
              tags: ['ceremony'],
              params: UnitParams,
              body: RepsPrepareBody,
              response: { 200: RepsView },
            },
          },
          async (req) =>
            change(req.params.id, () => prepareReps(office, req.params.id, { unit: req.params.unit, ...req.body }, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/reps/:unit/draw',
          {
            schema: {
              tags: ['ceremony'],
              params: UnitParams,
              body: RepsDrawBody,
              response: { 200: RepsView },
            },
          },
          async (req) => change(req.params.id, () => drawReps(office, req.params.id, req.params.unit, req.body.value, actorOf(req))),
        );

        app.post(
          '/api/ceremony/:id/meeting',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: MeetingBody,
              response: { 200: Ok },
            },
          },
          async (req) => {
            await change(req.params.id, () => recordMeeting(office, req.params.id, req.body, actorOf(req)));
            return { ok: true };
          },
        );

        app.post(
          '/api/ceremony/:id/witnesses',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: WitnessBody,
              response: { 200: Ok },
            },
          },
          async (req) => {
            await change(req.params.id, () => addWitness(office, req.params.id, req.body, actorOf(req)));
            return { ok: true };
          },
        );

        app.post(
          '/api/ceremony/:id/recording',
          {
            schema: {
              tags: ['ceremony'],
              params: EventParams,
              body: RecordingBody,
              response: { 200: Ok },
            },
          },
          async (req) => {
            await change(req.params.id, () => recordRecording(office, req.params.id, req.body, actorOf(req)));
            return { ok: true };
          },
        );
      }),
    );
  };
