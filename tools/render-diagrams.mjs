// Renders every plane of the given BPMN files to PNG with bpmn-js's prebuilt viewer in headless Chromium,
// so that a layout can be looked at without a modeler:
//   node tools/render-diagrams.mjs docs/processes processes/<module>/<process>.bpmn …
// One PNG per plane: <file>.png for the process, <file>--<SubProcessId>.png for each collapsed subprocess.
/* global window -- the page.evaluate callbacks run in the browser */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const viewerBundle = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const diagramCss = require.resolve('bpmn-js/dist/assets/diagram-js.css');
const bpmnCss = require.resolve('bpmn-js/dist/assets/bpmn-js.css');

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || !files.length) {
  console.error('usage: render.mjs <outDir> <file.bpmn>…');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#fff"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>',
  );
  await page.addStyleTag({ path: diagramCss });
  await page.addStyleTag({ path: bpmnCss });
  await page.addScriptTag({ path: viewerBundle });
  // the drill-down breadcrumbs would cover the top-left corner of a subprocess plane
  await page.addStyleTag({ content: '.bjs-breadcrumbs { display: none !important; }' });
  for (const file of files) {
    const xml = readFileSync(file, 'utf8');
    const planes = await page.evaluate(async (source) => {
      window.viewer?.destroy();
      window.viewer = new window.BpmnJS({ container: '#canvas' });
      const { warnings } = await window.viewer.importXML(source);
      const canvas = window.viewer.get('canvas');
      return {
        warnings: warnings.map((w) => w.message),
        roots: canvas.getRootElements().map((r) => r.id),
      };
    }, xml);
    if (planes.warnings.length) console.warn(`${file}: import warnings:\n  ${planes.warnings.join('\n  ')}`);
    const base = path.basename(file, '.bpmn');
    for (const rootId of planes.roots) {
      const size = await page.evaluate((id) => {
        const canvas = window.viewer.get('canvas');
        canvas.setRootElement(canvas.findRoot(id));
        canvas.zoom(1);
        const { inner } = canvas.viewbox();
        return { x: inner.x, y: inner.y, width: inner.width, height: inner.height };
      }, rootId);
      const margin = 50;
      const width = Math.ceil(size.width + 2 * margin);
      const height = Math.ceil(size.height + 2 * margin);
      await page.setViewportSize({ width, height });
      await page.evaluate(
        ({ s, w, h, mg }) => {
          const canvas = window.viewer.get('canvas');
          canvas.resized();
          canvas.viewbox({ x: s.x - mg, y: s.y - mg, width: w, height: h });
        },
        { s: size, w: width, h: height, mg: margin },
      );
      const suffix = rootId.endsWith('_plane') ? `--${rootId.replace(/_plane$/, '')}` : '';
      const out = path.join(outDir, `${base}${suffix}.png`);
      await page.screenshot({ path: out, fullPage: false });
      console.log(`${out} (${width}×${height})`);
      // RENDER_TILES=<dir>: also cut the plane into tiles of at most 1400×1000 px, for reviewing large planes
      if (process.env.RENDER_TILES) {
        const tw = 1400;
        const th = 1000;
        for (let ty = 0, row = 0; ty < height; ty += th, row++) {
          for (let tx = 0, col = 0; tx < width; tx += tw, col++) {
            const clip = { x: tx, y: ty, width: Math.min(tw, width - tx), height: Math.min(th, height - ty) };
            await page.screenshot({
              path: path.join(process.env.RENDER_TILES, `${base}${suffix}-r${row}c${col}.png`),
              clip,
            });
          }
        }
      }
    }
  }
} finally {
  await browser.close();
}
