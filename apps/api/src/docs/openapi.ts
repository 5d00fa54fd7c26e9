import type { Type } from '@nestjs/common';
import { ParseUUIDPipe, RequestMethod } from '@nestjs/common';
import {
  GUARDS_METADATA,
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { errorResponseSchema } from '@signal-room/protocol';
import { z } from 'zod';
import { AuthGuard } from '../auth/auth.guard';
import type { RouteContract } from '../common/contract';
import { CONTRACT_METADATA } from '../common/contract';
import { ZodPipe } from '../common/zod-body.pipe';

const METHODS = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
} as const;
type Method = (typeof METHODS)[keyof typeof METHODS];

/** One route the app serves, as its controller declares it: the document is written from these. */
export interface ApiRoute {
  method: Method;
  /** In OpenAPI's form, the global prefix included: /api/sessions/{id}. */
  path: string;
  status: number;
  /** Whether the route needs `Authorization: Bearer <token>` (the AuthGuard guards it). */
  auth: boolean;
  /** Null for a handler nobody described: the docs spec fails on one. */
  contract: RouteContract | null;
  body: z.ZodType | null;
  query: { name: string; schema: z.ZodType }[];
  params: { name: string; uuid: boolean }[];
}

/** One parameter of a handler as Nest records it: where it comes from, its name, its pipes. */
interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

const read = <T>(key: string, target: object, property?: string): T | undefined =>
  (property === undefined
    ? Reflect.getMetadata(key, target)
    : Reflect.getMetadata(key, target, property)) as T | undefined;

/** "/sessions/:id" and "feedback" under "api" → "/api/sessions/{id}/feedback". */
const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/')}`;

const schemaOf = (argument: RouteArgument): z.ZodType | null =>
  argument.pipes?.find((pipe): pipe is ZodPipe<z.ZodType> => pipe instanceof ZodPipe)?.schema ??
  null;

/** The handler's parameters of one kind (body, query, path), in declaration order. */
function argumentsOf(controller: Type, name: string, kind: RouteParamtypes): RouteArgument[] {
  const args = read<Record<string, RouteArgument>>(ROUTE_ARGS_METADATA, controller, name) ?? {};
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(kind))
    .map(([, argument]) => argument)
    .sort((a, b) => a.index - b.index);
}

/** A query part parsed whole (an object schema) is one parameter per key. */
function queryOf(argument: RouteArgument): ApiRoute['query'] {
  const schema = schemaOf(argument) ?? z.string();
  if (typeof argument.data === 'string') return [{ name: argument.data, schema }];
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, part]) => ({
      name,
      schema: part,
    }));
  }
  return [];
}

/** Every route one controller serves, read from the decorators Nest routes by. */
export function routesOf(controller: Type, prefix: string, methodNames: string[]): ApiRoute[] {
  const prototype = controller.prototype as Record<string, object>;
  const controllerGuards = read<unknown[]>(GUARDS_METADATA, controller) ?? [];
  return methodNames.flatMap((name): ApiRoute[] => {
    const handler = prototype[name];
    const verb = handler && read<RequestMethod>(METHOD_METADATA, handler);
    if (!handler || verb === undefined || !(verb in METHODS)) return [];
    const method = METHODS[verb as keyof typeof METHODS];
    const guards = [...controllerGuards, ...(read<unknown[]>(GUARDS_METADATA, handler) ?? [])];
    const contract = read<RouteContract>(CONTRACT_METADATA, handler) ?? null;
    const [body] = argumentsOf(controller, name, RouteParamtypes.BODY);
    return [
      {
        method,
        path: joinPath(
          prefix,
          read<string>(PATH_METADATA, controller) ?? '',
          read<string>(PATH_METADATA, handler) ?? '',
        ),
        status:
          read<number>(HTTP_CODE_METADATA, handler) ?? (verb === RequestMethod.POST ? 201 : 200),
        auth: guards.includes(AuthGuard),
        contract,
        body: (body && schemaOf(body)) ?? contract?.body ?? null,
        query: argumentsOf(controller, name, RouteParamtypes.QUERY).flatMap(queryOf),
        params: argumentsOf(controller, name, RouteParamtypes.PARAM).flatMap((argument) =>
          typeof argument.data === 'string'
            ? [
                {
                  name: argument.data,
                  uuid: !!argument.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe),
                },
              ]
            : [],
        ),
      },
    ];
  });
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const errorContent = { 'application/json': { schema: jsonSchema(errorResponseSchema, 'input') } };

// What a client receives is the schema's input: what it parses, before any default fills in.
function success(contract: RouteContract | null): Record<string, unknown> {
  if (!contract) return { description: 'Not described' };
  const media = Object.entries(contract.content);
  if (media.length === 0) return { description: 'No content' };
  return {
    description: 'OK',
    content: Object.fromEntries(
      media.map(([type, schema]) => [type, { schema: jsonSchema(schema, 'input') }]),
    ),
  };
}

function operationOf(route: ApiRoute): Record<string, unknown> {
  const parameters = [
    ...route.params.map(({ name, uuid }) => ({
      name,
      in: 'path',
      required: true,
      schema: uuid ? { type: 'string', format: 'uuid' } : { type: 'string' },
    })),
    ...route.query.map(({ name, schema }) => ({
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      schema: jsonSchema(schema, 'input'),
    })),
  ];
  return {
    ...(route.contract ? { summary: route.contract.summary } : {}),
    ...(route.auth ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    ...(route.contract?.rawBody
      ? {
          requestBody: {
            required: true,
            content: { [route.contract.rawBody]: { schema: { type: 'string', format: 'binary' } } },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: success(route.contract),
      default: { description: 'An error, in the one error shape', content: errorContent },
    },
  };
}

/** The OpenAPI 3.1 document, generated from the routes and their protocol schemas. */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    (paths[route.path] ??= {})[route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signal Room API',
      version: '1.0.0',
      description:
        'REST side of Signal Room. The realtime room protocol (socket.io) is described in docs/socket-protocol.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
}
