// Calls the desk's API as the window does, over the web bridge with its token: for setting up what a test needs
// and reading back what the window did.

import type { Method, MethodInput, MethodResult } from '../../../electron/contract.ts';

export interface Bridge {
  origin: string;
  token: string;
}

/** One call; an error envelope throws, with the method and the message. */
export async function callApi<M extends Method>(
  bridge: Bridge,
  method: M,
  input: MethodInput<M>,
): Promise<MethodResult<M>> {
  const response = await fetch(`${bridge.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Token': bridge.token },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: MethodResult<M>; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value!;
}

/** A caller for the bridge a test serves (asked for at each call, since it is made in beforeAll). */
export function apiOf(
  bridge: () => Bridge,
): <M extends Method>(method: M, input: MethodInput<M>) => Promise<MethodResult<M>> {
  return (method, input) => callApi(bridge(), method, input);
}
