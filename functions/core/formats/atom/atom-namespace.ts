/** The Atom namespace (RFC 4287 §2): Atom's own, and RSS's `atom:link`. */
export const ATOM_NAMESPACE_URI = 'http://www.w3.org/2005/Atom';
