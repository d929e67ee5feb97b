import { BadUserInputError } from './errors';

/**
 * Global object identification (Relay): an opaque, URL-safe id that names both the type and the row,
 * so that `node(id)` can find any object. Clients must treat it as an opaque string.
 */
export function encodeGlobalId(typeName: string, id: number): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedGlobalId {
  typeName: string;
  id: number;
}

/** Decodes a global id, throwing BAD_USER_INPUT (naming `argumentPath`) when it is not one of ours. */
export function decodeGlobalId(globalId: string, argumentPath: ReadonlyArray<string | number>): DecodedGlobalId {
  const decoded = /^[A-Za-z0-9_-]+$/.test(globalId) ? Buffer.from(globalId, 'base64url').toString('utf8') : '';
  const match = /^([A-Z][A-Za-z]*):([1-9]\d{0,9})$/.exec(decoded);
  if (!match || Number(match[2]) > 2_147_483_647) {
    throw new BadUserInputError(`"${truncate(globalId)}" is not a valid ID.`, argumentPath);
  }
  return { typeName: match[1], id: Number(match[2]) };
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
