// Drives the page of `ampx-rs browse` in headless Chromium as a user would, and prints
// what it saw as JSON (tests/it/browse.rs checks the buckets afterwards with `ampx-rs ls`).
// Usage: node browse.mjs <page URL with its one-time code> <folder of files to upload> [screenshot dir]
// The bucket's first access path is `picture-submissions/*` (examples/team-drive).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, files, shots] = process.argv.slice(2);
const seen = {};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const alerts = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  const shot = async (name) => shots && (await page.screenshot({ path: `${shots}/${name}.png` }));
  const rows = () => page.locator("#listing tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  const row = (key) => page.locator(`#listing tbody tr[data-key="${key}"]`);
  // A row's action, through its Actions menu.
  const act = async (key, label) => {
    await row(key).getByRole("button", { name: /^Actions for / }).click();
    await page.locator("#menu button", { hasText: label }).click();
  };
  const offered = async (key, labels) => {
    await row(key).getByRole("button", { name: /^Actions for / }).click();
    const enabled = {};
    for (const label of labels) enabled[label] = await page.locator("#menu button", { hasText: label }).isEnabled();
    await page.keyboard.press("Escape");
    return enabled;
  };
  const settle = async () => {
    await page.waitForLoadState("networkidle");
  };
  const answer = async (text) => {
    await page.waitForSelector("#ask[open]");
    if (text !== undefined) await page.fill("#ask-input", text);
    const question = await page.textContent("#ask-text");
    await page.click("#ask-ok");
    await settle();
    return question;
  };

  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector("#listing tbody tr");
  seen.firstPageMs = Date.now() - started;
  seen.addressHoldsCode = page.url().includes("code=");
  seen.topLevel = await rows();

  // Into the folder app users write to.
  await row("picture-submissions/").locator("button.open").click();
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/<img src=x onerror=alert(1)>"]');
  seen.crumbs = await page.locator("#crumbs button").allTextContents();

  // Three files with the picker, then a folder.
  await page.setInputFiles("#upload-files", [`${files}/notes.txt`, `${files}/data.json`, `${files}/pixel.png`]);
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/pixel.png"]');
  await page.click("#new-folder");
  await answer("drafts");
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/drafts/"]');
  await page.setInputFiles("#upload-folder", `${files}/album`);
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/album/"]');
  // Two files dropped onto the list.
  const dropped = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(["dropped one"], "drop-1.txt", { type: "text/plain" }));
    data.items.add(new File(["dropped two"], "drop-2.txt", { type: "text/plain" }));
    return data;
  });
  await page.dispatchEvent("#files", "drop", { dataTransfer: dropped });
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/drop-2.txt"]');
  await settle();
  seen.afterUploads = await rows();
  seen.uploads = await page.locator("#uploads li").count();
  await shot("list");

  // Into the folder and back by the breadcrumb.
  await row("picture-submissions/album/").locator("button.open").click();
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/album/x.txt"]');
  seen.inAlbum = await rows();
  await page.locator("#crumbs button", { hasText: "picture-submissions" }).click();
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/pixel.png"]');
  seen.backTo = await page.locator("#crumbs button").allTextContents();

  // A reload opens the same folder (the address keeps it).
  await page.reload();
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/pixel.png"]');
  seen.afterReload = await page.locator("#crumbs button").allTextContents();

  // Preview: the image in the viewer, the JSON as text.
  await row("picture-submissions/pixel.png").locator("button.open").click();
  const image = page.locator("#viewer-body img");
  await image.waitFor();
  await page.waitForFunction(() => document.querySelector("#viewer-body img")?.complete);
  seen.imageWidth = await image.evaluate((img) => img.naturalWidth);
  await shot("preview");
  await page.click("#viewer-close");
  await row("picture-submissions/data.json").locator("button.open").click();
  await page.waitForSelector("#viewer-body pre");
  seen.jsonPreview = await page.textContent("#viewer-body pre");
  await page.click("#viewer-close");

  // Rename one file, move another into the folder.
  await act("picture-submissions/notes.txt", "Rename");
  await answer("renamed.txt");
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/renamed.txt"]');
  await act("picture-submissions/data.json", "Move");
  await answer("picture-submissions/album/");
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/data.json"]', { state: "detached" });
  seen.afterMoves = await rows();

  // Filter by name within the folder.
  await page.fill("#filter", "PIX");
  seen.filtered = await rows();
  await page.fill("#filter", "");

  // A download, and a presigned link with its expiry, fetched outside the page.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    act("picture-submissions/renamed.txt", "Download"),
  ]);
  seen.downloaded = { name: download.suggestedFilename(), body: readFileSync(await download.path(), "utf8") };
  await act("picture-submissions/renamed.txt", "Link");
  await answer("600");
  await page.waitForSelector("#viewer-body .url");
  const link = await page.textContent("#viewer-body .url");
  seen.link = {
    says: await page.textContent("#viewer-body p"),
    body: await (await fetch(link)).text(),
  };
  await page.click("#viewer-close");

  // The access panel of the folder; then of a file, selected.
  seen.access = await page.locator("#access tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  await shot("access");

  // A whole folder deleted after a confirmation that counts its objects.
  await act("picture-submissions/album/", "Delete");
  seen.deleteQuestion = await answer();
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/album/"]', { state: "detached" });
  seen.afterDelete = await rows();

  // A key that is markup is shown as text and runs nothing.
  const hostile = "picture-submissions/<img src=x onerror=alert(1)>";
  seen.hostileShown = await row(hostile).locator("button.open").textContent();
  seen.injectedImages = await page.locator('img[src="x"]').count();

  // The local sandbox's list follows changes made elsewhere (here: `ampx-rs cp`).
  if (process.env.AMPX_BIN && (await page.textContent("#mode")) === "local sandbox") {
    execFileSync(process.env.AMPX_BIN, ["-q", "cp", `${files}/notes.txt`, "s3://amplifyTeamDrive/picture-submissions/from-cli.txt"],
      { cwd: process.env.AMPX_PROJECT });
    await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/from-cli.txt"]', { timeout: 10_000 });
    seen.followedCp = true;
  }

  // View as a guest: what a guest may not do is disabled, here and at the top.
  await page.selectOption("#view-as", "guest");
  await page.waitForSelector('#listing[data-viewer="guest"]');
  seen.guestInSubmissions = {
    upload: await page.locator("#upload-files").isEnabled(),
    ...(await offered("picture-submissions/renamed.txt", ["Delete", "Download", "Rename"])),
  };
  await shot("guest");
  await page.locator("#crumbs button").first().click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("AccessDenied"));
  seen.guestAtTop = {
    upload: await page.locator("#upload-files").isEnabled(),
    status: await page.textContent("#status"),
  };
  // A narrow window still shows the list.
  await page.setViewportSize({ width: 420, height: 800 });
  await page.selectOption("#view-as", "");
  await page.waitForSelector('#listing tbody tr[data-key="picture-submissions/"]');
  await shot("narrow");

  seen.alerts = alerts;
  seen.errors = errors;
  console.log(JSON.stringify(seen, null, 2));
} catch (error) {
  console.log(JSON.stringify(seen, null, 2));
  throw error;
} finally {
  await browser.close();
}
