// Bundles app.mjs with the `local-sandbox.js` module exactly as docs/local.md gives it,
// opens it in headless Chromium and prints what the app saw, as JSON.
// Usage: node run.mjs <amplify_outputs.json>   (CHROMIUM overrides /usr/bin/chromium)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const here = new URL(".", import.meta.url);
const docs = readFileSync(new URL("../../docs/local.md", here), "utf8");
const snippet = docs.match(/```js\n(\/\/ local-sandbox\.js[\s\S]*?)```/);
if (!snippet) throw new Error("docs/local.md has no ```js block starting with // local-sandbox.js");
mkdirSync(new URL(".build/", here), { recursive: true });
writeFileSync(new URL(".build/local-sandbox.js", here), snippet[1]);

const outputs = readFileSync(process.argv[2], "utf8");
const bundle = await build({
  entryPoints: [new URL("app.mjs", here).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  define: { AMPLIFY_OUTPUTS: outputs },
  logLevel: "error",
});

// The app's dev server, on localhost as in development (Chromium lets a page on a
// loopback address call another loopback address, such as the local sandbox).
const server = createServer((request, response) => {
  if (request.url === "/app.js") {
    response.writeHead(200, { "content-type": "text/javascript" });
    response.end(bundle.outputFiles[0].text);
  } else {
    response.writeHead(200, { "content-type": "text/html" });
    response.end('<!doctype html><script type="module" src="/app.js"></script>');
  }
});
await new Promise((listening) => server.listen(0, "127.0.0.1", listening));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => console.error(`console: ${message.text()}`));
  page.on("requestfailed", (request) =>
    console.error(`failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  await page.goto(`http://localhost:${server.address().port}/`);
  await page.waitForFunction(() => window.ampxResults, null, { timeout: 60_000 }).catch(() => {
    throw new Error(`the app did not finish: ${errors.join("; ")}`);
  });
  console.log(JSON.stringify(await page.evaluate(() => window.ampxResults), null, 2));
} finally {
  await browser.close();
  server.close();
}
