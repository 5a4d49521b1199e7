import type { XmlNamespace } from '../../xml-namespace.js';

/** MSN's ingestion namespace, which an MSN feed must declare. */
export const MI: XmlNamespace = { prefix: 'mi', uri: 'http://schemas.ingestion.microsoft.com/common/' };
