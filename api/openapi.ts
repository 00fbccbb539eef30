import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import './zod';

export function createRegistry(): OpenAPIRegistry {
  return new OpenAPIRegistry();
}

export function openApiDocument(registry: OpenAPIRegistry, version: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PLUS Flow API',
      version,
      description: 'Case work of the State Probation Service of Latvia (VPD). Errors are RFC 9457 problem documents (application/problem+json).',
    },
    servers: [{ url: '/' }],
  });
}
