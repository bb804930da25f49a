import { type ErrorCode, errorCatalogue } from './error-catalogue.js';

export interface ErrorDetail {
  field?: string;
  code: string;
  message?: string;
}

/**
 * An error as a value with a stable code (`customer.not_found`), the field at fault and params for
 * the message. HTTP status and wording come from the catalogue, in one place.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; params?: Record<string, string | number>; details?: ErrorDetail[] } = {},
  ) {
    super(code);
    this.status = errorCatalogue[code].status;
  }
  get field(): string | undefined {
    return this.options.field;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
