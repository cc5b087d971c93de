// The parts of rdflib the catalogue needs: a store, its terms and the RDF/XML serializer.
// `import 'rdflib'` also loads its fetcher and parsers (undici, jsonld, n3: about 70 more modules,
// a tenth of a second at start-up) that writing RDF/XML never uses.
import type { Literal as LiteralTerm, NamedNode as NamedNodeTerm, Store as StoreType } from 'rdflib';
import extendedTermFactory from 'rdflib/lib/factories/extended-term-factory.js';
import literalModule from 'rdflib/lib/literal.js';
import namedNodeModule from 'rdflib/lib/named-node.js';
import serializeModule from 'rdflib/lib/serialize.js';
import storeModule from 'rdflib/lib/store.js';

export type Store = StoreType;
export type NamedNode = NamedNodeTerm;
export type Literal = LiteralTerm;

/**
 * rdflib's lib/ is CommonJS compiled by Babel, its class on `exports.default`. Node gives an ES
 * module the whole `module.exports`; bundlers and vitest give the `default` itself: take either.
 */
function babelDefault<T>(module: { default: T }): T {
  return (module.default ?? module) as T;
}

const StoreClass = babelDefault(storeModule);
const NamedNodeClass = babelDefault(namedNodeModule);
const LiteralClass = babelDefault(literalModule);
const termFactory = babelDefault(extendedTermFactory);

/** An empty store, made as rdflib's `graph()` makes it. */
export const graph = (): Store => new StoreClass(undefined, { rdfFactory: termFactory });

/** A named node, as rdflib's `sym`. */
export const sym = (iri: string): NamedNode => new NamedNodeClass(iri);

/** A literal with a language or a datatype, as rdflib's `lit` makes one from a string. */
export const lit = (value: string, language?: string, datatype?: NamedNode): Literal => (language ? new LiteralClass(value, language) : new LiteralClass(value, null, datatype));

export const serialize = babelDefault(serializeModule);
