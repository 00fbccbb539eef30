import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ProblemSchema } from './problem';

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', ProblemSchema);
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'plusflow_session',
    description:
      'Staff session from GET /auth/login (OpenID Connect). Changes also need the X-CSRF-Token header (GET /api/me).',
  });
  return registry;
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The OpenAPI 3.1 document of every route mounted through `mountRoutes`. */
export function openApiDocument(registry: OpenAPIRegistry, version: string): OpenApiDocument {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PLUS Flow API',
      version,
      description:
        'Case work of the State Probation Service of Latvia (Valsts probācijas dienests). Every error answer is an RFC 9457 problem document ' +
        '(application/problem+json) with a requestId that is also in the X-Request-Id header. Tasks, process instances and incidents are named by the workflow engine’s ids (UUIDs in lower-case hex); treat them as opaque strings.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'tasks', description: 'User tasks of running processes' },
      { name: 'operations', description: 'Health of the stack' },
    ],
  });
}
