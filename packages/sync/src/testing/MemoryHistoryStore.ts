// A HistoryStore in memory, for the sync core's own tests: each document's refused clients and
// lineage outlive its room, as they do in PostgreSQL, so a reloaded document still refuses
// what it refused before. Tests only.
import type { HistoryRecords, RefusedClient } from '../HistoryGuard.ts';
import type { HistoryStore } from '../HistoryStore.ts';

export class MemoryHistoryStore implements HistoryStore {
  private readonly documents = new Map<string, HistoryRecords>();

  async load(documentId: string): Promise<HistoryRecords> {
    const records = this.documents.get(documentId);
    return { refused: [...(records?.refused ?? [])], lineage: [...(records?.lineage ?? [])] };
  }

  async recordRefused(documentId: string, refused: RefusedClient[]): Promise<void> {
    const records = this.recordsOf(documentId);
    for (const entry of refused) {
      const known = records.refused.find((r) => r.client === entry.client);
      if (!known) records.refused.push({ ...entry });
      else known.fromClock = Math.min(known.fromClock, entry.fromClock);
    }
  }

  async recordLineage(documentId: string, client: number): Promise<void> {
    const records = this.recordsOf(documentId);
    if (!records.lineage.includes(client)) records.lineage.push(client);
  }

  private recordsOf(documentId: string): HistoryRecords {
    let records = this.documents.get(documentId);
    if (!records) {
      records = { refused: [], lineage: [] };
      this.documents.set(documentId, records);
    }
    return records;
  }
}
