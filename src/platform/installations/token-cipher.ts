import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for what okrbot keeps of an installation (bot and refresh tokens). The stored text is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url: a fresh 12-byte IV each time, and the tag makes any change to
 * the row (or a wrong key) fail to decrypt instead of yielding a wrong token.
 */
export function encryptText(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain text back; throws when the key is not the one it was encrypted with or the text was changed. */
export function decryptText(key: Buffer, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined)
    throw new Error('an installation is stored in an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error(
      'an installation cannot be decrypted: OKRBOT_ENCRYPTION_KEY is not the key it was stored with',
    );
  }
}
