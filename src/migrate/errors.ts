// A migration that cannot be done safely: the reason, in plain words, before any file is written.
export class MigrateError extends Error {
  override name = 'MigrateError';
}
