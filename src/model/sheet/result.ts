/**
 * The one shape of a result that may fail: `ok` says which, and the other
 * fields are the value's or the failure's. Every `{ ok: false, … }` in the
 * add-in is one of these: the model's (a sheet chosen, an index look-up, the
 * period columns chosen, a tracker loaded, the period compared with) and the
 * pane's host's errors (src/shared/host.ts: HostError).
 */
export type Result<T extends object, F extends object = { message: string }> = ({ ok: true } & T) | ({ ok: false } & F);
