/**
 * data-testid for props objects (okButtonProps, onRow…), where TypeScript would reject a literal
 * 'data-testid' key; JSX attributes can take data-testid directly.
 */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
