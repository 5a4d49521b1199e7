import type { PartnerProfile } from '../partner-profile.js';
import { flipboard } from './flipboard.js';
import { googleNews } from './google-news.js';
import { msn } from './msn.js';
import { smartnews } from './smartnews.js';

/**
 * Every partner profile, in the order help and error messages list them. A new partner is its
 * profile file, that file's test and one line here.
 */
export const PARTNER_PROFILES: readonly PartnerProfile[] = [googleNews, msn, flipboard, smartnews];
