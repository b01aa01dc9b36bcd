// api.ts: the one door to the application, over window.desk or the HTTP bridge, unwrapping envelopes into DeskErrors.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../electron/core/domain/errors.ts';
import { api } from '../../../renderer/src/api.ts';
import { createFakeDesk } from './fake-desk.ts';

afterEach(() => {
  delete window.desk;
  vi.unstubAllGlobals();
});

async function thrown(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected the call to fail');
}

describe('api over window.desk (Electron)', () => {
  it('returns the value of an ok envelope', async () => {
    const fake = createFakeDesk();
    window.desk = fake.desk;
    const record = await api.call('records.create', {});
    expect(record.revision).toBe(1);
    expect(fake.calls).toEqual([{ method: 'records.create', input: {} }]);
  });

  it('throws a DeskError with the code, message and details of an error envelope', async () => {
    const fake = createFakeDesk();
    window.desk = fake.desk;
    fake.failNext('records.save', { code: 'conflict', message: 'Changed elsewhere.', details: { current: 1 } });
    const error = await thrown(api.call('records.save', { id: 'x', baseRevision: 1, patch: {} }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Changed elsewhere.');
    expect(error.details).toEqual({ current: 1 });
  });

  it('turns a rejected IPC call into "unavailable", and an unknown error code into "internal" with its message', async () => {
    const fake = createFakeDesk();
    window.desk = new Proxy(fake.desk, { get: () => () => Promise.reject(new Error('IPC channel closed')) });
    expect((await thrown(api.call('records.list', {}))).code).toBe('unavailable');

    window.desk = new Proxy(fake.desk, {
      get: () => () =>
        Promise.resolve({ ok: false, error: { code: 'from-the-future', message: 'A newer kind of error.' } }),
    });
    const error = await thrown(api.call('records.list', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toBe('A newer kind of error.');

    window.desk = new Proxy(fake.desk, { get: () => () => Promise.resolve('not an envelope') });
    expect((await thrown(api.call('records.list', {}))).code).toBe('internal');
  });
});

describe('api over the HTTP bridge (browser mode)', () => {
  function stubFetch(answer: () => Promise<Response>) {
    const fetchMock = vi.fn<typeof fetch>(answer);
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('POSTs JSON to /api/<method>, sending no cookies, and unwraps the answer', async () => {
    const fetchMock = stubFetch(async () => Response.json({ ok: true, value: { items: [], total: 0 } }));
    const page = await api.call('records.list', { limit: 20 });
    expect(page).toEqual({ items: [], total: 0 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/records.list');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('omit');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ limit: 20 });
    // Small requests may outlive the page, so a save made as the tab closes still arrives.
    expect(init?.keepalive).toBe(true);
  });

  it('takes the token from the address’s fragment once, keeps it for the tab, and sends it in a header', async () => {
    const fetchMock = stubFetch(async () => Response.json({ ok: true, value: { items: [], total: 0 } }));
    const token = 'ab'.repeat(32);
    window.history.replaceState(null, '', `/?view=1#token=${token}`);
    await api.call('records.list', {});
    expect(new Headers(fetchMock.mock.calls[0]![1]?.headers).get('X-Desk-Token')).toBe(token);
    // Out of the address bar (and so out of bookmarks and screenshots), kept in the tab's own storage.
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?view=1');
    expect(window.sessionStorage.getItem('decision-desk.token')).toBe(token);

    await api.call('records.list', {});
    expect(new Headers(fetchMock.mock.calls[1]![1]?.headers).get('X-Desk-Token')).toBe(token);
    window.sessionStorage.clear();
  });

  it('reads the envelope of a refusal whatever the HTTP status', async () => {
    stubFetch(async () =>
      Response.json(
        { ok: false, error: { code: 'forbidden', message: 'This page is not signed in.' } },
        { status: 401 },
      ),
    );
    const error = await thrown(api.call('records.list', {}));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('This page is not signed in.');
  });

  it('says Decision Desk is not responding when the bridge has gone, or answers with something unreadable', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const gone = await thrown(api.call('records.list', {}));
    expect(gone.code).toBe('unavailable');
    expect(gone.message).toMatch(/not responding/);

    stubFetch(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await thrown(api.call('records.list', {}))).code).toBe('unavailable');
  });
});

describe('the app’s shell', () => {
  it('passes menu commands on in the app and listens to nothing in a browser', () => {
    const listeners: ((event: unknown) => void)[] = [];
    const stop = vi.fn();
    window.desk = {
      onMenu: (listener: (event: unknown) => void) => {
        listeners.push(listener);
        return stop;
      },
    } as unknown as typeof window.desk;
    const heard: unknown[] = [];
    const unsubscribe = api.onMenu((event) => heard.push(event));
    listeners[0]!({ command: 'new-record' });
    unsubscribe();
    expect(heard).toEqual([{ command: 'new-record' }]);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(api.inApp()).toBe(true);

    delete window.desk;
    expect(api.inApp()).toBe(false);
    expect(() => api.onMenu(() => {})()).not.toThrow();
  });

  it('says printing needs the app when the browser has no print dialog to offer', async () => {
    expect((await thrown(api.print('00000000-0000-4000-8000-000000000001'))).code).toBe('unavailable');
  });
});

describe('messageOf', () => {
  it('gives a DeskError’s message, and plain words for anything else', () => {
    expect(api.messageOf(new DeskError('locked', 'The record is locked.'))).toBe('The record is locked.');
    expect(api.messageOf(new Error('x is undefined'))).not.toContain('undefined');
  });
});
