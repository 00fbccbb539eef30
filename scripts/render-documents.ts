import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from '../platform/config';
import { runCli } from '../platform/cli';
import { renderPdf } from '../domain/documents/pdf';
import { sampleDocuments } from '../domain/documents/samples';

/**
 * `npm run docs:documents`: renders every document template with sample data to PDF and then, page 1, to PNG
 * (pdf.js in headless Debian Chromium) under docs/documents/, so the layout can be reviewed by eye.
 */
runCli(async () => {
  const out = path.join(REPO_ROOT, 'docs', 'documents');
  mkdirSync(out, { recursive: true });
  const pdfs = new Map<string, Buffer>();
  for (const [kind, doc] of Object.entries(sampleDocuments())) pdfs.set(kind, await renderPdf(doc));
  const pdfjs = path.join(REPO_ROOT, 'node_modules', 'pdfjs-dist', 'build');
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/pdfjs/'))
      return void res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(readFileSync(path.join(pdfjs, path.basename(url))));
    if (url.startsWith('/pdf/'))
      return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdfs.get(path.basename(url)));
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><body style="margin:0;background:#888"><canvas id="c"></canvas><script type="module">
      import * as pdfjs from '/pdfjs/pdf.min.mjs';
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
      const doc = await pdfjs.getDocument(new URLSearchParams(location.search).get('pdf')).promise;
      const page = await doc.getPage(1);
      const viewport = page.getViewport({ scale: 1.5 });
      const c = document.getElementById('c');
      c.width = viewport.width; c.height = viewport.height;
      await page.render({ canvasContext: c.getContext('2d'), viewport }).promise;
      document.body.dataset.done = '1';
    </script></body>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1270 } });
    for (const kind of pdfs.keys()) {
      await page.goto(`${base}/view?pdf=/pdf/${kind}`);
      await page.waitForSelector('body[data-done="1"]', { timeout: 20_000 });
      await page.locator('#c').screenshot({ path: path.join(out, `${kind.toLowerCase()}.png`) });
      console.log(`docs/documents/${kind.toLowerCase()}.png`);
    }
  } finally {
    await browser.close();
    server.close();
  }
});
