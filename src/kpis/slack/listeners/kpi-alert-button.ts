import { z } from 'zod';
import type { AlertButtonValue } from '../views/kpi-alert-message.js';

const buttonValue = z.object({
  a: z.string().regex(/^alert_[a-z0-9]+$/),
  m: z.enum(['dm', 'channel', 'escalation']),
});

/** The alert and copy an alert button names, or undefined for a value that is not ours. */
export function parseAlertButton(value: string | undefined): AlertButtonValue | undefined {
  try {
    const parsed = buttonValue.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
