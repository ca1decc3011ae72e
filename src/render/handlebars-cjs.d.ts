// Types for the compiled CommonJS build of Handlebars (its `module.exports` is the instance).
// Imported instead of `handlebars` (lib/index.js), which also patches `require.extensions`.
declare module 'handlebars/dist/cjs/handlebars.js' {
  const handlebars: typeof import('handlebars');
  export default handlebars;
}
