import type { PartnerConfig } from './partner-config.js';
import type { PartnerProfile } from './partner-profile.js';
import { PARTNER_PROFILES } from './profiles/registry.js';

/** Names of the registered profiles, in registry order. */
export function profileNames(): string[] {
  return PARTNER_PROFILES.map((profile) => profile.name);
}

/** The registered profile of that name, if any. */
export function findProfile(name: unknown): PartnerProfile | undefined {
  return PARTNER_PROFILES.find((profile) => profile.name === name);
}

/** The profile a partner feed follows; its config was parsed against the registry, so it exists. */
export function profileOf(partner: Pick<PartnerConfig, 'profile'>): PartnerProfile {
  const profile = findProfile(partner.profile);
  if (!profile) throw new Error(`no partner profile named ${JSON.stringify(partner.profile)}; known: ${profileNames().join(', ')}`);
  return profile;
}
