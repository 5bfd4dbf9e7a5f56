import type { StorageLike } from '../shared/storage.js';
import type { OutboxFailure } from './outbox-store.js';

/*
 * Receipts: which submissions Keen settled (stored or refused), written by
 * the tab that got Keen's answer before it removes the item from the outbox.
 * A tab that still holds a lead in memory and no longer finds it in storage
 * reads them to tell "another tab delivered it" from "it vanished" (site code
 * cleared storage or overwrote the outbox key): only a receipt counts as
 * delivered; a vanished lead is put back and sent.
 *
 * A receipt holds the random submission id, the outcome, the attempt count,
 * the time and, for a refusal, the failure's kind and status: nothing the
 * visitor typed, and not Keen's error text (it may quote their input). Old
 * receipts expire and the list is capped, so it never grows.
 */

/** Longer than any wait of a tab that holds a lead (retries, `Retry-After`), short enough to mean nothing later. */
export const RECEIPT_TTL_MS = 24 * 60 * 60 * 1000;
/** Enough for every lead a busy site sends from one browser within the TTL. */
export const RECEIPTS_MAX = 50;

export interface DeliveryReceipt {
  readonly id: string;
  readonly outcome: 'delivered' | 'rejected';
  readonly at: number;
  readonly attempts: number;
  /** For a refusal: its kind and status, without the message. */
  readonly failure?: Omit<OutboxFailure, 'message'>;
}

export function receiptsStorageKey(endpoint: string): string {
  return `keen-lead-form:receipts:v1:${endpoint}`;
}

export class DeliveryReceipts {
  readonly key: string;
  private readonly storage: StorageLike;
  private readonly now: () => number;

  constructor({ storage, endpoint, now = Date.now }: { storage: StorageLike; endpoint: string; now?: () => number }) {
    this.storage = storage;
    this.key = receiptsStorageKey(endpoint);
    this.now = now;
  }

  /** Records a receipt, dropping expired ones and the oldest beyond the cap. False when storage refused. */
  record(receipt: DeliveryReceipt): boolean {
    const kept = this.list().filter((other) => other.id !== receipt.id);
    try {
      this.storage.setItem(this.key, JSON.stringify([...kept, receipt].slice(-RECEIPTS_MAX)));
      return true;
    } catch {
      return false;
    }
  }

  find(id: string): DeliveryReceipt | undefined {
    return this.list().find((receipt) => receipt.id === id);
  }

  /** Unexpired receipts, oldest first; unreadable data counts as none. */
  list(): DeliveryReceipt[] {
    let data: unknown;
    try {
      data = JSON.parse(this.storage.getItem(this.key) ?? '[]');
    } catch {
      return [];
    }
    const now = this.now();
    return Array.isArray(data) ? data.filter((receipt): receipt is DeliveryReceipt => isReceipt(receipt) && Math.abs(now - receipt.at) < RECEIPT_TTL_MS) : [];
  }
}

function isReceipt(value: unknown): value is DeliveryReceipt {
  if (typeof value !== 'object' || value === null) return false;
  const { id, outcome, at, attempts } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    (outcome === 'delivered' || outcome === 'rejected') &&
    typeof at === 'number' &&
    typeof attempts === 'number'
  );
}
