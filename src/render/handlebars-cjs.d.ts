// Types for the compiled CommonJS build of Handlebars (its `module.exports` is the instance).
// Imported instead of `handlebars` (lib/index.js), which also patches `require.extensions`.
declare module 'handlebars/dist/cjs/handlebars.js' {
  const handlebars: typeof import('handlebars');
  export default handlebars;
}

// The runtime-only build: renders precompiled templates, cannot compile.
declare module 'handlebars/dist/cjs/handlebars.runtime.js' {
  const handlebars: typeof import('handlebars');
  export default handlebars;
}
