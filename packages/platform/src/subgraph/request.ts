import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../auth/viewer';
import { requestIdFrom } from '../request-id';

/** What every subgraph's context carries, besides its own loaders. */
export interface RequestInfo {
  requestId: string;
  /** The gateway's internal token, already verified into `viewer`. */
  authorization: string | undefined;
  /** Who is asking, from the verified internal token. */
  viewer: Viewer;
}

/** The request info of an HTTP request whose internal token verified into `viewer`. */
export function requestInfo(req: IncomingMessage, viewer: Viewer): RequestInfo {
  return {
    requestId: requestIdFrom(req.headers['x-request-id']),
    authorization: req.headers.authorization,
    viewer,
  };
}
