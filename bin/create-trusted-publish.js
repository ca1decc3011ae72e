#!/usr/bin/env node
// Checks the Node.js version before anything else loads, so an old Node gets one clear
// line instead of a syntax error from the bundle.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(
    `create-trusted-publish needs Node.js 22.14 or newer (24 recommended); this is Node.js ${process.versions.node}` +
      (major <= 20 ? ', which has reached end of life' : '') +
      '.\nInstall a current LTS from https://nodejs.org/ and run it again.\n',
  );
  process.exit(1);
}
// Reuses V8's compiled code across runs (Node 22.1+): a few ms from the second run on.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
await import('../dist/cli.js');
