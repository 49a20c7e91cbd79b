import type { ErrorDetail } from '@ssp/schemas';
import { unprocessable } from '../errors.ts';

/**
 * Collects what is wrong with a batch so that one 422 names every failing item and
 * why (`data.3.customerId: unknown customer`), rather than only the first.
 */
export class Issues {
  private readonly list: ErrorDetail[] = [];

  constructor(private readonly prefix: (index: number) => (string | number)[]) {}

  add(index: number, path: (string | number)[], message: string): void {
    this.list.push({ path: [...this.prefix(index), ...path].join('.') || '(root)', message });
  }

  get size(): number {
    return this.list.length;
  }

  /** Throws the 422 if anything was added; nothing of the batch is written then. */
  throwIfAny(): void {
    if (this.list.length) {
      const count = this.list.length;
      throw unprocessable(count === 1 ? this.list[0]!.message.replace(/^/, `${this.list[0]!.path}: `) : `${count} problems in the request`, this.list.slice(0, 100));
    }
  }
}

/** Ids that appear more than once, so a batch cannot upsert the same record twice. */
export function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return repeated;
}
