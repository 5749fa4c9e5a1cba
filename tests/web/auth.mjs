// Signs a user up or in through Amplify's <Authenticator> (auth_app.jsx, with the
// `local-sandbox.js` module exactly as docs/local.md gives it) in headless Chromium,
// against the local sandbox whose outputs are given, then prints what the app saw.
// Usage: node auth.mjs <amplify_outputs.json> <sign-up|sign-in|totp|expiry> <email> <password>
// (expiry: signs in, waits out a short --token-lifetime, then uses storage again)
// Codes are read where the sandbox keeps them: .amplify/local/mail.jsonl beside the
// outputs. CHROMIUM overrides /usr/bin/chromium.
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const [outputsFile, scenario, email, password] = process.argv.slice(2);
const here = new URL(".", import.meta.url);
const docs = readFileSync(new URL("../../docs/local.md", here), "utf8");
const snippet = docs.match(/```js\n(\/\/ local-sandbox\.js[\s\S]*?)```/);
if (!snippet) throw new Error("docs/local.md has no ```js block starting with // local-sandbox.js");
mkdirSync(new URL(".build/", here), { recursive: true });
writeFileSync(new URL(".build/local-sandbox.js", here), snippet[1]);

const bundle = await build({
  entryPoints: [new URL("auth_app.jsx", here).pathname],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  define: {
    AMPLIFY_OUTPUTS: readFileSync(outputsFile, "utf8"),
    "process.env.NODE_ENV": '"production"',
  },
  logLevel: "error",
});
const server = createServer((request, response) => {
  if (request.url === "/app.js") {
    response.writeHead(200, { "content-type": "text/javascript" });
    response.end(bundle.outputFiles[0].text);
  } else {
    response.writeHead(200, { "content-type": "text/html" });
    response.end('<!doctype html><div id="root"></div><script type="module" src="/app.js"></script>');
  }
});
await new Promise((listening) => server.listen(0, "127.0.0.1", listening));

/** The newest code the sandbox sent to `to`, waiting for it. */
const mailFile = join(dirname(outputsFile), ".amplify", "local", "mail.jsonl");
async function codeFor(to, purpose) {
  for (let i = 0; i < 100; i++) {
    const sent = existsSync(mailFile)
      ? readFileSync(mailFile, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse)
      : [];
    const found = sent.filter((n) => n.to === to && n.purpose === purpose).pop();
    if (found) return found.code;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`no ${purpose} code for ${to} in ${mailFile}`);
}

/** RFC 6238: the 6-digit TOTP of a base32 secret now, as authenticator apps compute it. */
function totp(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const results = {};
try {
  const page = await browser.newPage();
  page.on("console", (message) => console.error(`console: ${message.text()}`));
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://localhost:${server.address().port}/`);
  const field = (label) => page.getByLabel(label, { exact: true });
  if (scenario === "sign-up") {
    await page.getByRole("tab", { name: "Create Account" }).click();
    await field("Email").fill(email);
    await field("Password").fill(password);
    await field("Confirm Password").fill(password);
    await page.getByRole("button", { name: "Create Account" }).click();
    await field("Confirmation Code").fill(await codeFor(email, "sign up"));
    await page.getByRole("button", { name: "Confirm" }).click();
  } else {
    await field("Email").fill(email);
    await field("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  if (scenario === "totp") {
    // The Authenticator shows the secret (and its QR code) for the user's app.
    await page.getByText("Setup TOTP").waitFor();
    const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()).trim();
    results.secret = secret;
    await field("Code *").fill(totp(secret));
    await page.getByRole("button", { name: "Confirm" }).click();
  }
  await page.locator("#signed-in").waitFor({ timeout: 30_000 });
  const ampx = (name, ...args) => page.evaluate(([n, a]) => window.ampx[n](...a), [name, args]);
  if (scenario === "expiry") {
    // The client refreshes expired tokens by itself when storage asks for credentials.
    const before = await ampx("tokenId");
    const exp = await ampx("tokenExpiry");
    await new Promise((wait) => setTimeout(wait, Math.max(0, exp * 1000 - Date.now()) + 1500));
    results.afterExpiry = await ampx("list", "picture-submissions/");
    results.refreshedByItself = (await ampx("tokenId")) !== before;
  }
  results.signedIn = await ampx("session");
  results.uploadOwn = await ampx("uploadOwn", "me.txt");
  results.uploadToSomeoneElse = await ampx("upload", "profile-pictures/us-east-1:00000000-0000-4000-8000-000000000abc/x.txt");
  results.listSubmissions = await ampx("list", "picture-submissions/");
  results.listRoom = await ampx("list", "room/");
  results.refresh = await ampx("refresh");
  results.signOut = await ampx("signOut");
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  results.afterSignOut = await ampx("session");
  if (scenario === "totp") {
    // The next sign-in asks for a code from the app the secret went to.
    await field("Email").fill(email);
    await field("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Confirm TOTP Code").waitFor();
    await field("Code *").fill(totp(results.secret));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.locator("#signed-in").waitFor({ timeout: 30_000 });
    results.signedInAgain = await ampx("session");
  }
  delete results.secret;
  console.log(JSON.stringify(results, null, 2));
} catch (error) {
  console.error(`auth.mjs: ${error.message}\nso far: ${JSON.stringify(results)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
