import type { FeedHubs, HubNotice } from '../core/ports/change-notices.js';

/** Time one hub may take to answer before the publish moves on. */
const HUB_TIMEOUT_MS = 5000;

/**
 * Tells WebSub hubs that topics (feed URLs) changed: `POST hub.mode=publish&hub.url=<topic>`,
 * the form common hubs accept (the W3C Recommendation leaves publisher→hub notification open).
 * A hub that fails is reported, never thrown: feeds are already published, and hubs also poll.
 */
export async function notifyHubs(hubs: readonly string[], topics: readonly string[]): Promise<HubNotice[]> {
  const notices = hubs.flatMap((hub) => topics.map((topic) => notifyHub(hub, topic)));
  return Promise.all(notices);
}

async function notifyHub(hub: string, topic: string): Promise<HubNotice> {
  try {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
      signal: AbortSignal.timeout(HUB_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { hub, topic, status: response.status, ...(!response.ok && { error: `hub answered ${response.status}` }) };
  } catch (error) {
    return { hub, topic, status: 0, error: (error as Error).message };
  }
}

/** The WebSub hubs port on `fetch`. */
export const webSubHubs: FeedHubs = { notify: notifyHubs };
