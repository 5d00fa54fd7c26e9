import { Controller, Get, Header } from '@nestjs/common';
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
  private readonly document = openApiDocument();

  @Get('openapi.json')
  openApi(): Record<string, unknown> {
    return this.document;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }
}
