import { encodedPieces, joinPieces, type FileContent } from '../../pipeline/publish/context.js';

/** A writer's files made whole, as bytes: what the release holds of each. */
export const inMemory = (files: ReadonlyMap<string, FileContent>): Map<string, Uint8Array> => new Map([...files].map(([path, content]) => [path, joinPieces(encodedPieces(content))]));
