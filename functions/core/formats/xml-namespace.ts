/** An XML namespace a feed declares on its root element, with the prefix its elements use. */
export interface XmlNamespace {
  prefix: string;
  uri: string;
}

/** The root element's declarations of `namespaces`, in order, each with a leading space. */
export function declareNamespaces(namespaces: readonly XmlNamespace[]): string {
  return namespaces.map(({ prefix, uri }) => ` xmlns:${prefix}="${uri}"`).join('');
}
