import pino from 'pino';

/**
 * Structured JSON logs. Personal data never goes in: request bodies are not logged, and the
 * redaction list covers the headers and fields that could carry credentials or PII.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { app: 'relata' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        'token',
        'mobile',
        'email',
        'idNumber',
        '*.password',
        '*.mobile',
        '*.email',
        '*.idNumber',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
