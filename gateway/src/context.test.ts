import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createContext } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const request = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('createContext', () => {
  it('takes authorization and a valid traceparent with its tracestate', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(
      createContext(
        request({ authorization: 'Bearer t', traceparent, tracestate: 'v=1', 'x-request-id': 'r1' }),
      ),
    ).toEqual({ requestId: 'r1', authorization: 'Bearer t', forwarded: {}, traceparent, tracestate: 'v=1' });
  });

  it('keeps the client headers the header rules pick', () => {
    const pick = (headers: Record<string, unknown>) => ({ 'x-tenant': String(headers['x-tenant']) });
    expect(createContext(request({ 'x-tenant': 'acme', cookie: 'c' }), pick).forwarded).toEqual({
      'x-tenant': 'acme',
    });
  });

  it('drops a malformed traceparent and the tracestate that belongs to it', () => {
    const context = createContext(request({ traceparent: 'nonsense', tracestate: 'v=1' }));
    expect(context).toMatchObject({
      authorization: undefined,
      traceparent: undefined,
      tracestate: undefined,
    });
    expect(context.requestId).toMatch(UUID);
  });
});
