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
try {
  await import('../dist/cli.js');
} catch (error) {
  // A clone that was never built: one line saying how, not a stack trace.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('/dist/cli.js')) throw error;
  const root = (await import('node:url')).fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `create-trusted-publish is not built in ${root}: run \`npm install && npm run build\` there, ` +
      'or start it with `node scripts/from-clone.mjs`, which builds when needed.\n',
  );
  process.exit(1);
}
