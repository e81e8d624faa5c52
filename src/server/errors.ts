/** Renders every error as `{ error: { code, zh, en, where } }`; never re-words a FairDrawError. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FairDrawError } from '../core/errors.js';
import { statusOf } from '../core/error-codes.js';
import { ImportRejected } from '../office/import-applicants.js';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ImportRejected) {
      return reply.status(422).send({ error: err.toJSON(), errors: err.errors });
    }
    if (err instanceof FairDrawError) {
      if (err.code === 'store.busy') reply.header('retry-after', '5');
      return reply.status(statusOf(err.code)).send({ error: err.toJSON() });
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
