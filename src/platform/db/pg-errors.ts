/** PostgreSQL's unique_violation (23505) on a given constraint or index, e.g. `users_email_key`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string } | null;
  return pgError?.code === '23505' && pgError.constraint === constraint;
}
