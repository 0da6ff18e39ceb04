import { z } from 'zod';

// What the feature's buttons and modals carry (`value`, `private_metadata`), as the listeners read it back.

const roundKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A "Check in" / "Edit check-in" button's value: the round. */
export const checkinButtonValue = roundKey;

/** The check-in modal's `private_metadata`: the round and the key results on the form. */
export const checkinModalMetadata = z.object({
  r: roundKey,
  k: z.array(z.string().min(1).max(64)).min(1).max(50),
});

/** The "Reply to …" button's value and the reply modal's `private_metadata`: whose check-in, which round. */
export const helpReplyMetadata = z.object({
  o: z.string().regex(/^[UW][A-Z0-9]+$/),
  r: roundKey,
});
