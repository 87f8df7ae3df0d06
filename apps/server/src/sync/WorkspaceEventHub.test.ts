// Presence signals are coalesced per document: a burst of sockets opening one document is one
// signal to the lists (and one relay message), not one per socket.
import type { WorkspaceEvent } from '@factdesk/model';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceEventHub } from './WorkspaceEventHub.ts';

const WORKSPACE = '6f1c2a8e-5b4d-4c3a-9e2f-1a2b3c4d5e6f';
const DOC_A = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const DOC_B = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const log = { info() {}, warn() {} };

let hub: WorkspaceEventHub | undefined;
afterEach(() => hub?.close());

describe('WorkspaceEventHub', () => {
  it('sends one presence signal per document per window, however many sockets came and went', async () => {
    hub = new WorkspaceEventHub({ redisUrl: undefined, prefix: 'test:', log });
    const heard: WorkspaceEvent[] = [];
    hub.listen(WORKSPACE, (event) => heard.push(event));
    for (let i = 0; i < 50; i++) hub.publish(WORKSPACE, { kind: 'presence', documentId: DOC_A });
    hub.publish(WORKSPACE, { kind: 'presence', documentId: DOC_B });
    // Other signals are not held back.
    hub.publish(WORKSPACE, { kind: 'claims', documentId: DOC_A });
    expect(heard).toEqual([{ kind: 'claims', documentId: DOC_A }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(heard).toEqual([
      { kind: 'claims', documentId: DOC_A },
      { kind: 'presence', documentId: DOC_A },
      { kind: 'presence', documentId: DOC_B },
    ]);
    hub.publish(WORKSPACE, { kind: 'presence', documentId: DOC_A });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(heard.filter((event) => event.kind === 'presence')).toHaveLength(3);
  });
});
