/**
 * The IANA media type and EU file type of each kind of file a release holds, by the name's
 * ending, longer endings first (so `.jsonld` wins over `.json`). One table for every output that
 * names formats: the JSON-LD's encodingFormat and the DCAT catalogue's dcat:mediaType/dct:format.
 */
export interface FileType {
  ending: string;
  /** IANA media type, without the registry's address */
  mediaType: string;
  /** the code in the EU file-type vocabulary (http://publications.europa.eu/resource/authority/file-type/) */
  euFileType: string;
}

export const FILE_TYPES: readonly FileType[] = [
  { ending: '.jsonld', mediaType: 'application/ld+json', euFileType: 'JSON_LD' },
  { ending: '.json', mediaType: 'application/json', euFileType: 'JSON' },
  { ending: '.csv', mediaType: 'text/csv', euFileType: 'CSV' },
  { ending: '.rdf', mediaType: 'application/rdf+xml', euFileType: 'RDF_XML' },
  { ending: '.ttl', mediaType: 'text/turtle', euFileType: 'RDF_TURTLE' },
  { ending: '.nt', mediaType: 'application/n-triples', euFileType: 'RDF_N_TRIPLES' },
  { ending: '.nq', mediaType: 'application/n-quads', euFileType: 'RDF_N_QUADS' },
  { ending: '.xml', mediaType: 'application/xml', euFileType: 'XML' },
  { ending: '.html', mediaType: 'text/html', euFileType: 'HTML' },
  { ending: '.yaml', mediaType: 'application/yaml', euFileType: 'YAML' },
  { ending: '.txt', mediaType: 'text/plain', euFileType: 'TXT' },
  // IANA registers no TypeScript type and the EU list has none: a .d.ts is plain text to a harvester
  { ending: '.d.ts', mediaType: 'text/plain', euFileType: 'TXT' },
  { ending: '.zip', mediaType: 'application/zip', euFileType: 'ZIP' },
];

/** The file's type by its name's ending, or undefined when the table has none. */
export function fileTypeOf(path: string): FileType | undefined {
  const lower = path.toLowerCase();
  return FILE_TYPES.find((t) => lower.endsWith(t.ending));
}
