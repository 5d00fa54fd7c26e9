import { Controller, Get, Header } from '@nestjs/common';
import { z } from 'zod';
import { Responds, RespondsWith } from '../common/contract';
import { ApiRoutes } from './api-routes';
import { openApiDocument } from './openapi';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Signal Room API</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script>SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#docs' });</script>
  </body>
</html>`;

@Controller('docs')
export class DocsController {
  private document: Record<string, unknown> | null = null;

  constructor(private readonly routes: ApiRoutes) {}

  @Get('openapi.json')
  @Responds(z.record(z.string(), z.unknown()), 'This document: OpenAPI 3.1, from the routes')
  openApi(): Record<string, unknown> {
    // Written on first read, once every module has registered its controllers.
    this.document ??= openApiDocument(this.routes.list());
    return this.document;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @RespondsWith({ 'text/html': z.string() }, 'A page that reads this document')
  page(): string {
    return PAGE;
  }
}
