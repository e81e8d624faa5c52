/**
 * The bureau's flow over HTTP. Reading is open to every role; changing is for operators; the
 * supervisor (notary, inspectors) reads everything and co-signs, never edits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createEvent } from '../../office/create-event.js';
import { addUnit } from '../../office/add-unit.js';
import { deleteDraftEvent, deleteUnit, renameEvent, updateUnit } from '../../office/mend-event.js';
import { withdrawEvent } from '../../office/withdraw-event.js';
import { declareSources } from '../../office/declare-sources.js';
import { importApplicants } from '../../office/import-applicants.js';
import { publishEvent } from '../../office/publish-event.js';
import { freezeEvent } from '../../office/freeze-event.js';
import { rehearse } from '../../office/rehearse.js';
import { runDraw } from '../../office/run-draw.js';
import { changeOffer, publishResults } from '../../office/offers.js';
import { eventOverview } from '../../office/event-overview.js';
import { listEvents, listOffers, searchApplicants, staffResults } from '../../office/staff-views.js';
import { SheetChoiceRequired } from '../../office/import/sheet-choice.js';
import { DEFAULT_LIMITS, fileTooLarge } from '../../office/import/limits.js';
import { FairDrawError } from '../../core/errors.js';
import { actorOf } from '../auth.js';
import { access } from '../access.js';
import { requestScope } from '../district-scope.js';
import { staffName } from './privacy.js';
import {
  ApplicantQuery,
  ApplicantSearch,
  DrawBody,
  DrawOutcome,
  EventDeleted,
  EventList,
  EventOverview,
  EventParams,
  FreezeResult,
  ImportHeaders,
  ImportQuery,
  ImportReportBody,
  ImportResult,
  ImportSheetChoice,
  NewEventBody,
  NewUnitBody,
  OfferChangeBody,
  OfferChanges,
  OfferList,
  OfferParams,
  PublishBody,
  PublishResult,
  RehearseBody,
  RenameEventBody,
  ResultsPublished,
  SourcesBody,
  StaffResults,
  UnitChangeBody,
  UnitParams,
  WithdrawBody,
} from '../../api/staff.js';
import type { Office } from '../../office/ports.js';
import type { DeclaredSource as CoreDeclared } from '../../core/rules.js';
import type { DrawOutcome as OfficeDrawOutcome } from '../../office/run-draw.js';

function drawBody(d: OfficeDrawOutcome): DrawOutcome {
  return { computedNow: d.computedNow, drawId: d.draw.draw_id, seed: d.draw.seed, recordSha256: d.draw.record_sha256, units: d.units };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const eventRoutes = (office: Office): FastifyPluginAsyncZod =>
  async function (app) {
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: DEFAULT_LIMITS.maxFileBytes },
      (_req, body, done) => done(null, body),
    );

    await app.register(
      access.staff(async (app) => {
        app.get(
          '/api/events',
          {
            schema: {
              tags: ['events'],
              response: {
                200: EventList,
              },
            },
          },
          async (req) => ({ events: await listEvents(office, requestScope(req)) }),
        );

        app.get('/api/events/:id', { schema: { tags: ['events'], params: EventParams, response: { 200: EventOverview } } }, async (req) =>
          eventOverview(office, req.params.id),
        );

        app.post(
          '/api/events/:id/import/report',
          {
            schema: {
              tags: ['applicants'],
              params: EventParams,
              body: ImportReportBody,
            },
          },
          async (req, reply) => {
            // The workbook writer (ExcelJS) is loaded when a report is first asked for.
            const { errorsWorkbook } = await import('../../office/import/errors-workbook.js');
            const bytes = await errorsWorkbook(req.body.errors, req.body.file);
            reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
            reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`导入错误-${req.body.file}.xlsx`)}`);
            return reply.send(Buffer.from(bytes));
          },
        );

        app.get(
          '/api/events/:id/applicants',
          {
            schema: {
              tags: ['applicants'],
              params: EventParams,
              querystring: ApplicantQuery,
              response: { 200: ApplicantSearch },
            },
          },
          async (req) => searchApplicants(office, req.params.id, req.query, staffName(req)),
        );

        app.get(
          '/api/events/:id/results',
          {
            schema: {
              tags: ['lifecycle'],
              params: EventParams,
              response: {
                200: StaffResults,
              },
            },
          },
          async (req) => staffResults(office, req.params.id, staffName(req)),
        );

        app.get(
          '/api/events/:id/offers',
          { schema: { tags: ['offers'], params: EventParams, response: { 200: OfferList } } },
          async (req) => ({ offers: await listOffers(office, req.params.id) }),
        );
      }),
    );

    await app.register(
      access.operator(async (app) => {
        app.post(
          '/api/events',
          {
            schema: {
              tags: ['events'],
              body: NewEventBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await createEvent(
              office,
              { ...req.body, declaredSources: req.body.declaredSources as CoreDeclared[] | undefined },
              actorOf(req),
              requestScope(req),
            );
            return eventOverview(office, req.body.id);
          },
        );

        app.post(
          '/api/events/:id/units',
          {
            schema: {
              tags: ['events'],
              params: EventParams,
              body: NewUnitBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await addUnit(office, { event: req.params.id, ...req.body }, actorOf(req));
            return eventOverview(office, req.params.id);
          },
        );

        app.patch(
          '/api/events/:id',
          {
            schema: {
              tags: ['events'],
              summary: 'Rename a draft event',
              params: EventParams,
              body: RenameEventBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await renameEvent(office, req.params.id, req.body.title, actorOf(req));
            return eventOverview(office, req.params.id);
          },
        );

        app.delete(
          '/api/events/:id',
          {
            schema: {
              tags: ['events'],
              summary: 'Delete a draft event (its audit log stays; a published event is withdrawn instead)',
              params: EventParams,
              response: { 200: EventDeleted },
            },
          },
          async (req) => {
            await deleteDraftEvent(office, req.params.id, actorOf(req));
            return { deleted: req.params.id };
          },
        );

        app.patch(
          '/api/events/:id/units/:unit',
          {
            schema: {
              tags: ['events'],
              summary: "Change a draft unit's name or seats",
              params: UnitParams,
              body: UnitChangeBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await updateUnit(office, { event: req.params.id, id: req.params.unit, ...req.body }, actorOf(req));
            return eventOverview(office, req.params.id);
          },
        );

        app.delete(
          '/api/events/:id/units/:unit',
          {
            schema: {
              tags: ['events'],
              summary: 'Delete a draft unit no applicant lists',
              params: UnitParams,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await deleteUnit(office, req.params.id, req.params.unit, actorOf(req));
            return eventOverview(office, req.params.id);
          },
        );

        app.post(
          '/api/events/:id/withdraw',
          {
            schema: {
              tags: ['lifecycle'],
              summary: '撤回: withdraw a published event before its draw, with a public reason',
              params: EventParams,
              body: WithdrawBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await withdrawEvent(office, req.params.id, req.body.reason, actorOf(req));
            return eventOverview(office, req.params.id);
          },
        );

        app.put(
          '/api/events/:id/sources',
          {
            schema: {
              tags: ['events'],
              params: EventParams,
              body: SourcesBody,
              response: { 200: EventOverview },
            },
          },
          async (req) => {
            await declareSources(
              office,
              req.params.id,
              req.body.declaredSources.map(({ ...s }) => ('producedAt' in s ? (delete s.producedAt, s) : s)) as CoreDeclared[],
              actorOf(req),
            );
            return eventOverview(office, req.params.id);
          },
        );

        app.post(
          '/api/events/:id/import',
          {
            // Before the body is read: a file over the limit is refused with its own message.
            onRequest: async (req) => {
              const length = Number(req.headers['content-length']);
              if (Number.isFinite(length) && length > DEFAULT_LIMITS.maxFileBytes) {
                const name = typeof req.headers['x-file-name'] === 'string' ? safeDecode(req.headers['x-file-name']) : 'upload';
                throw fileTooLarge(name, DEFAULT_LIMITS.maxFileBytes);
              }
            },
            schema: {
              tags: ['applicants'],
              params: EventParams,
              querystring: ImportQuery,
              headers: ImportHeaders,
              response: { 200: ImportResult, 409: ImportSheetChoice },
            },
          },
          async (req, reply) => {
            const body = req.body as unknown;
            if (!Buffer.isBuffer(body) || body.length === 0) {
              throw new FairDrawError('import.empty', '没有收到文件内容', 'no file content was received', { field: 'file' });
            }
            const name = decodeURIComponent(req.headers['x-file-name']);
            const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
            try {
              // A large file is read and checked on the import's helper thread: other requests keep their answers.
              return await importApplicants(office, req.params.id, bytes, name, actorOf(req), undefined, {
                helperThread: true,
                ...(req.query.sheet !== undefined ? { sheet: req.query.sheet } : {}),
              });
            } catch (e) {
              if (e instanceof SheetChoiceRequired) return reply.status(409).send({ error: e.toJSON(), errors: { sheets: e.sheets } });
              throw e;
            }
          },
        );

        app.post(
          '/api/events/:id/publish',
          {
            schema: {
              tags: ['lifecycle'],
              params: EventParams,
              body: PublishBody,
              response: { 200: PublishResult },
            },
          },
          async (req) => publishEvent(office, req.params.id, actorOf(req), req.body?.reason),
        );

        app.post(
          '/api/events/:id/freeze',
          { schema: { tags: ['lifecycle'], params: EventParams, response: { 200: FreezeResult } } },
          async (req) => freezeEvent(office, req.params.id, actorOf(req)),
        );

        app.post(
          '/api/events/:id/rehearse',
          {
            schema: {
              tags: ['lifecycle'],
              params: EventParams,
              body: RehearseBody,
              response: { 200: DrawOutcome },
            },
          },
          async (req) => drawBody(await rehearse(office, req.params.id, req.body?.sources, actorOf(req))),
        );

        app.post(
          '/api/events/:id/draw',
          {
            schema: {
              tags: ['lifecycle'],
              params: EventParams,
              body: DrawBody,
              response: { 200: DrawOutcome },
            },
          },
          async (req) => drawBody(await runDraw(office, req.params.id, req.body.sources, actorOf(req))),
        );

        app.post(
          '/api/events/:id/results',
          {
            schema: { tags: ['lifecycle'], params: EventParams, response: { 200: ResultsPublished } },
          },
          async (req) => publishResults(office, req.params.id, actorOf(req)),
        );

        app.post(
          '/api/events/:id/offers/:reg/:act',
          {
            schema: {
              tags: ['offers'],
              params: OfferParams,
              body: OfferChangeBody,
              response: { 200: OfferChanges },
            },
          },
          async (req) => ({
            changes: await changeOffer(office, req.params.id, req.params.reg, req.params.act, req.body?.reason, actorOf(req)),
          }),
        );
      }),
    );
  };
