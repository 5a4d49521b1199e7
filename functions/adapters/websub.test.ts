import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyHubs } from './websub.js';
import { startLocalHub, type LocalHub } from '../../test/support/local-hub.js';

describe('notifyHubs', () => {
  let hub: LocalHub;
  beforeAll(async () => {
    hub = await startLocalHub();
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('posts hub.mode=publish with each topic URL to each hub', async () => {
    const topics = ['https://feeds.example/rss.xml', 'https://feeds.example/atom.xml'];
    const notices = await notifyHubs([`${hub.url}/`], topics);
    expect(notices.map((n) => n.status)).toEqual([204, 204]);
    expect(hub.received.map((r) => [r.contentType, r.form.get('hub.mode'), r.form.get('hub.url')])).toEqual([
      ['application/x-www-form-urlencoded', 'publish', topics[0]],
      ['application/x-www-form-urlencoded', 'publish', topics[1]],
    ]);
  });

  it('reports a failing or unreachable hub without throwing', async () => {
    const notices = await notifyHubs([`${hub.url}/fail`, 'http://127.0.0.1:9/'], ['https://feeds.example/rss.xml']);
    expect(notices[0]).toMatchObject({ status: 503, error: 'hub answered 503' });
    expect(notices[1]).toMatchObject({ status: 0 });
    expect(notices[1]!.error).toBeTruthy();
  });
});
