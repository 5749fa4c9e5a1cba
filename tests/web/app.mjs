// A web app on Amplify's JS client, run in Chromium by run.mjs against the local
// sandbox: a guest's file round trip, a multipart upload, and two denials.
import { Amplify } from "aws-amplify";
import { downloadData, getUrl, list, remove, uploadData } from "aws-amplify/storage";
import { routeToLocalSandbox } from "./.build/local-sandbox.js";

/* global AMPLIFY_OUTPUTS */
const outputs = AMPLIFY_OUTPUTS;
const localUrl = routeToLocalSandbox(outputs);
Amplify.configure(outputs);

const results = {};
const attempt = async (name, step) => {
  try {
    results[name] = { ok: await step() };
  } catch (error) {
    results[name] = { error: error.name, message: error.message };
  }
};

await attempt("upload", async () => {
  const file = new Blob(["hello from the browser"], { type: "text/plain" });
  return (await uploadData({ path: "picture-submissions/web.txt", data: file }).result).path;
});
await attempt("list", async () => {
  const { items } = await list({ path: "picture-submissions/" });
  return items.map(({ path, size, eTag }) => ({ path, size, eTag }));
});
await attempt("download", async () => {
  const { body } = await downloadData({ path: "picture-submissions/web.txt" }).result;
  return await body.text();
});
await attempt("presignedUrl", async () => {
  const { url } = await getUrl({ path: "picture-submissions/web.txt" });
  const response = await fetch(localUrl(url));
  return { host: url.hostname, status: response.status, body: await response.text() };
});
await attempt("multipart", async () => {
  const big = new Uint8Array(6 * 1024 * 1024 + 11).map((_, i) => i % 251);
  let progress = 0;
  await uploadData({
    path: "picture-submissions/big.bin",
    data: new Blob([big]),
    options: { onProgress: ({ transferredBytes }) => (progress = transferredBytes) },
  }).result;
  const { body } = await downloadData({ path: "picture-submissions/big.bin" }).result;
  const back = new Uint8Array(await body.arrayBuffer());
  return { progress, same: back.length === big.length && back.every((b, i) => b === big[i]) };
});
await attempt("removeAsGuest", async () => {
  await remove({ path: "picture-submissions/web.txt" });
  return "removed";
});
await attempt("uploadToSomeoneElse", async () => {
  return (await uploadData({ path: "profile-pictures/us-east-1:someone/x.txt", data: "x" }).result).path;
});
window.ampxResults = results;
