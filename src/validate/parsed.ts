// The one shape every check of a user-given value returns: the value, made canonical, or the
// reason it was refused (a sentence the user reads). Callers branch on `ok`; nothing throws.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** The same refusal, or `value` in place of what was parsed (e.g. `owner/name` kept as typed). */
export const withValue = <T>(parsed: Parsed<unknown>, value: T): Parsed<T> => (parsed.ok ? ok(value) : parsed);
