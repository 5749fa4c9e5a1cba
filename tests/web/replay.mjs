// Tries what another server on 127.0.0.1 could do with what the browser gives it, in
// headless Chromium, and prints what happened as JSON (tests/it/browse.rs checks it).
// Usage: node replay.mjs <page URL with its one-time code>
//  1. The page signs in with the code; the code then signs no other browser in.
//  2. The same browser visits a server of ours on another port of 127.0.0.1: cookies
//     ignore ports, so that server receives the page's session cookie.
//  3. That server replays the cookie against the page's API, and its own page tries
//     the API from the browser: both must be refused.
import { createServer } from "node:http";
import { chromium } from "playwright-core";

const [url] = process.argv.slice(2);
const origin = new URL(url).origin;
const seen = {};
const received = [];
const other = createServer((request, response) => {
  received.push(request.headers.cookie ?? "");
  response.setHeader("content-type", "text/html");
  response.end("<!doctype html><title>another server</title>");
});
await new Promise((resolve) => other.listen(0, "127.0.0.1", resolve));
const otherUrl = `http://127.0.0.1:${other.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("#listing tbody tr");
  seen.signedIn = true;
  seen.addressHoldsCode = page.url().includes("code=");

  // The same address in another browser: the code was used.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url);
  await stranger.waitForFunction(() => document.querySelector("#status")?.textContent.includes("used already"));
  seen.secondUse = await stranger.textContent("#status");
  seen.strangerListed = await stranger.locator("#listing tbody tr").count();

  // Another port of 127.0.0.1, visited by the signed-in browser.
  const visit = await context.newPage();
  await visit.goto(otherUrl);
  seen.cookieReachedOtherPort = received.some((c) => c.includes("ampx_browse_"));
  const cookie = received.find((c) => c.includes("ampx_browse_")) ?? "";
  // The other server replays the cookie from outside the browser...
  const replay = await fetch(`${origin}/api/session`, { headers: { cookie, host: new URL(origin).host } });
  seen.replayStatus = replay.status;
  const replayList = await fetch(`${origin}/api/list?bucket=amplifyTeamDrive&prefix=`, { headers: { cookie } });
  seen.replayListStatus = replayList.status;
  // ...and its page tries the API from inside the browser, cookie and all.
  seen.fromOtherPage = await visit.evaluate(async (target) => {
    try {
      const answer = await fetch(`${target}/api/session`, { credentials: "include" });
      return `read ${answer.status}`;
    } catch (error) {
      return `refused: ${error.name}`;
    }
  }, origin);
  seen.otherPageReadsSecret = await visit.evaluate(() => sessionStorage.getItem("ampx-browse-secret"));
  // The signed-in page still works.
  await page.reload();
  await page.waitForSelector("#listing tbody tr");
  seen.ownerStillListed = await page.locator("#listing tbody tr").count();
} finally {
  await browser.close();
  other.close();
}
console.log(JSON.stringify(seen));
