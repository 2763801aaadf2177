// How timeline entries are stored: people packed as ["@p", platform, workspace, user, name] (most of
// an entry is people), anything else untouched, and read back to the same entry.
import { describe, expect, it } from 'vitest';
import { entryFromStored, entryJson } from '../../src/store/stored-json.js';
import { entry, person } from '../support/factories.js';

describe('stored timeline entries', () => {
  it('packs every person of an entry and reads the same entry back', () => {
    const tag = entry('tag', { mentions: [person('Ana'), person('Bo')] });
    const json = entryJson(tag);
    expect(json.match(/\["@p",/g)?.length).toBe(3); // the actor and both mentions
    expect(json).not.toContain('"workspace"');
    expect(entryFromStored('1-0', json)).toEqual({ ...tag, id: '1-0' });
  });

  it('leaves objects that merely look like people as they are', () => {
    const p = person('Ana');
    const reordered = { name: p.name, user: p.user, workspace: p.workspace, platform: p.platform };
    const extra = { ...p, role: 'am' };
    const tag = entry('tag', { mentions: [reordered, extra] as never });
    const json = entryJson(tag);
    expect(json.match(/\["@p",/g)?.length).toBe(1); // only the actor
    expect(entryFromStored('1-0', json)).toEqual({ ...tag, id: '1-0' });
  });
});
