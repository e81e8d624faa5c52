/** Renders every error as `{ error: { code, zh, en, where } }`; never re-words a FairDrawError. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FairDrawError } from '../core/errors.js';
import { ImportRejected } from '../office/import-applicants.js';

const STATUS: Record<string, number> = {
  'auth.required': 401,
  'auth.failed': 401,
  'auth.locked': 423,
  'auth.forbidden': 403,
  'auth.backoff': 429,
  'auth.password-change': 403,
  'network.plain': 403,
  'rate.limited': 429,
  'account.missing': 404,
  'account.last-admin': 409,
  'auth.csrf': 403,
  'event.missing': 404,
  'receipt.missing': 404,
  'event.status': 409,
  'event.exists': 409,
  'unit.exists': 409,
  'account.exists': 409,
  'draw.not-frozen': 409,
  'ceremony.link-unknown': 404,
  'ceremony.link-expired': 410,
  'ceremony.link-used': 410,
  'ceremony.halted': 409,
  'ceremony.drawn': 409,
  'ceremony.value-present': 409,
  'ceremony.roster-locked': 409,
  'ceremony.reps-drawn': 409,
  'store.busy': 503,
  'store.corrupt': 500,
  'store.io': 500,
  'store.full': 507,
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ImportRejected) {
      return reply.status(422).send({ error: err.toJSON(), errors: err.errors });
    }
    if (err instanceof FairDrawError) {
      if (err.code === 'store.busy') reply.header('retry-after', '5');
      return reply.status(STATUS[err.code] ?? 400).send({ error: err.toJSON() });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const field = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      return reply.status(400).send({
        error: {
          code: 'request.invalid',
          zh: `请求参数有误：${field} ${first?.message ?? ''}`,
          en: `invalid request: ${field} ${first?.message ?? ''}`,
          where: { field },
        },
      });
    }
    if (err instanceof URIError) {
      // A header or parameter that is not valid percent-encoding (e.g. x-file-name).
      return reply.status(400).send({
        error: { code: 'request.encoding', zh: '请求中的编码有误', en: 'a header or parameter is not valid percent-encoding', where: {} },
      });
    }
    if (err.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate.limited', zh: '请求过于频繁，请稍后再试', en: 'too many requests; try again later', where: {} } });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send({ error: { code: 'request.invalid', zh: `请求有误：${err.message}`, en: err.message, where: {} } });
    }
    req.log.error(err);
    return reply.status(500).send({
      error: { code: 'server.error', zh: '服务器内部错误，请查看服务器日志', en: 'internal server error; see the server log', where: {} },
    });
  });
}
