// Read-only connections (viewers; everyone while the text is locked): their updates are
// received and dropped — never applied, relayed or stored — and never merged later.
import { describe, expect, it } from 'vitest';
import { CloseCodes } from './CloseCodes.ts';
import { connect, pause, until } from './testing/clients.ts';
import { addParagraph, createTestRegistry, paragraphsOf } from './testing/testRegistry.ts';

describe('read-only connections', () => {
  it('a viewer’s edit reaches no other client and never persistence, but the viewer sees edits', async () => {
    const { registry, persistence } = createTestRegistry();
    const viewer = connect(registry, 'doc', { readOnly: true });
    const writer = connect(registry, 'doc');
    await until(() => expect(viewer.synced && writer.synced).toBe(true));
    addParagraph(viewer.doc, 'from the viewer');
    addParagraph(writer.doc, 'from the writer');
    await until(() => expect(writer.ownEditsSaved).toBe(true));
    await until(() => expect(paragraphsOf(viewer.doc)).toContain('from the writer'));
    expect(paragraphsOf(writer.doc)).toEqual(['from the writer']);
    expect(paragraphsOf(persistence.storedDoc('doc'))).toEqual(['from the writer']);
    expect(viewer.socket.closed).toBeUndefined();
    await registry.shutdown();
    expect(paragraphsOf(persistence.storedDoc('doc'))).toEqual(['from the writer']);
  });

  it('made writable again, a copy that typed while read-only is told to reload (4409); a clean copy writes on', async () => {
    const { registry, persistence } = createTestRegistry();
    const typed = connect(registry, 'doc', { readOnly: true });
    const clean = connect(registry, 'doc', { readOnly: true });
    await until(() => expect(typed.synced && clean.synced).toBe(true));
    addParagraph(typed.doc, 'typed while locked');
    await pause(); // the refused update is received
    typed.connection.setReadOnly(false);
    clean.connection.setReadOnly(false);
    expect(typed.socket.closed).toEqual(CloseCodes.RefusedChangesHeld);
    expect(clean.socket.closed).toBeUndefined();
    addParagraph(clean.doc, 'after the unlock');
    await until(() => expect(clean.ownEditsSaved).toBe(true));
    expect(paragraphsOf(persistence.storedDoc('doc'))).toEqual(['after the unlock']);
    await registry.shutdown();
  });
});
