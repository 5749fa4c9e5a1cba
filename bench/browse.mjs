// The timing half of bench/browse.sh: opens the page at a folder in fresh browser
// contexts and reports how long its first page (and the next) took to be drawn.
// Usage: node bench/browse.mjs <page URL> <folder prefix> <keys in it> <ampx-rs ls ms>
const { chromium } = await import(new URL("../tests/web/node_modules/playwright-core/index.mjs", import.meta.url));

const [url, prefix, keys, lsMs] = process.argv.slice(2);
const repeat = Number(process.env.REPEAT ?? 7);
const at = `${url}#amplifyTeamDrive:${encodeURIComponent(prefix)}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const drawn = (count) => document.querySelectorAll("#listing tbody tr").length >= count;
const first = [];
const next = [];
for (let i = 0; i < repeat; i += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(at);
  await page.waitForFunction(drawn, 1000, { polling: "raf", timeout: 30_000 });
  first.push(performance.now() - t0);
  const t1 = performance.now();
  await page.click("#more");
  await page.waitForFunction(drawn, 2000, { polling: "raf", timeout: 30_000 });
  next.push(performance.now() - t1);
  await context.close();
}
await browser.close();
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (n) => `${Math.round(n)} ms`;
console.log(`\n| ${keys} keys in ${prefix} | median | min | max |`);
console.log("|---|---:|---:|---:|");
console.log(`| first page drawn (1000 rows, fresh context) | ${ms(median(first))} | ${ms(Math.min(...first))} | ${ms(Math.max(...first))} |`);
console.log(`| next page drawn ("Load more") | ${ms(median(next))} | ${ms(Math.min(...next))} | ${ms(Math.max(...next))} |`);
console.log(`| \`ampx-rs ls\` of the whole folder, for contrast (one run) | ${lsMs} ms | | |`);
