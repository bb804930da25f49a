export { AppError, isAppError, type ErrorDetail } from './app-error.js';
export { errorCatalogue, errorMessage, type ErrorCode, type Locale } from './error-catalogue.js';
