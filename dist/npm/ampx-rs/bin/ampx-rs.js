#!/usr/bin/env node
// Runs the native ampx-rs binary of this machine's platform package (one of the
// optionalDependencies; npm installs only the one whose os, cpu and libc match).
// No install script: nothing runs at `npm install`.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const PLATFORMS = {
  "linux x64": "@ampx-rs/linux-x64-gnu",
  "linux arm64": "@ampx-rs/linux-arm64-gnu",
  "darwin x64": "@ampx-rs/darwin-x64",
  "darwin arm64": "@ampx-rs/darwin-arm64",
  "win32 x64": "@ampx-rs/win32-x64",
};

function isMusl() {
  if (process.platform !== "linux") return false;
  const report = process.report && process.report.getReport();
  return Boolean(report && report.header && !report.header.glibcVersionRuntime);
}

const name = PLATFORMS[`${process.platform} ${process.arch}`];
if (!name || isMusl()) {
  console.error(
    `ampx-rs: no prebuilt binary for ${process.platform} ${process.arch}${isMusl() ? " (musl)" : ""}; ` +
      "build it from source: cargo install --locked ampx-rs",
  );
  process.exit(1);
}
let binary;
try {
  const root = path.dirname(require.resolve(`${name}/package.json`));
  binary = path.join(root, "bin", process.platform === "win32" ? "ampx-rs.exe" : "ampx-rs");
} catch {
  console.error(
    `ampx-rs: the package ${name} is not installed. npm installs it as an optional ` +
      "dependency of ampx-rs; reinstall without --omit=optional (or --no-optional).",
  );
  process.exit(1);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`ampx-rs: cannot run ${binary}: ${result.error.message}`);
  process.exit(1);
}
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
