/** The documents' settings of an event: one JSON object per event (see src/office/documents/settings.ts). */
import type { DB } from '../db.js';

export class DocumentSettingsRepository {
  constructor(private readonly db: DB) {}

  async get(eventId: string): Promise<Record<string, string> | undefined> {
    const r = await this.db.selectFrom('document_settings').select('settings').where('event_id', '=', eventId).executeTakeFirst();
    return r ? (JSON.parse(r.settings) as Record<string, string>) : undefined;
  }

  async put(eventId: string, settings: Record<string, string>, at: string): Promise<void> {
    const text = JSON.stringify(settings);
    await this.db
      .insertInto('document_settings')
      .values({ event_id: eventId, settings: text, updated_at: at })
      .onConflict((oc) => oc.column('event_id').doUpdateSet({ settings: text, updated_at: at }))
      .execute();
  }
}
