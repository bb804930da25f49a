import { TypeCompiler, ValueErrorType } from '@sinclair/typebox/compiler';
import { OrderInput } from './order-schemas.js';
import { type ItemError, type NormalizedOrder, normalizeOrder } from './order-validation.js';

const checker = TypeCompiler.Compile(OrderInput);

/** '/lines/0/sku' → 'lines.0.sku', the platform's field notation. */
function fieldOf(path: string): string | undefined {
  return path.replace(/^\//, '').replace(/\//g, '.') || undefined;
}

/**
 * One item of a batch, checked as the single-order route's schema would check it, then normalized.
 * The first problem wins, with the same codes the platform answers for a whole body.
 */
export function checkItem(item: unknown): { ok: true; value: NormalizedOrder } | { ok: false; error: ItemError } {
  if (!checker.Check(item)) {
    const first = checker.Errors(item).First();
    if (first?.type === ValueErrorType.ObjectAdditionalProperties) {
      return { ok: false, error: { code: 'request.unknown_property', field: fieldOf(first.path) } };
    }
    return { ok: false, error: { code: 'request.invalid', field: fieldOf(first?.path ?? '') } };
  }
  return normalizeOrder(item);
}
