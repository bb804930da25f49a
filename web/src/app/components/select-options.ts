// antd renders Select options in a portal; giving each option a data-testid keeps them easy to find in
// browser tests: <Select data-testid="filter-field"> has options "filter-field-option-<value>".
export interface LabeledOption<V extends string | number = string> {
  value: V;
  label: string;
  disabled?: boolean;
}

export function withTestIds<V extends string | number>(testId: string | undefined, options: readonly LabeledOption<V>[]) {
  return options.map((option) => ({
    ...option,
    title: option.label,
    ...(testId ? { 'data-testid': `${testId}-option-${option.value}` } : {}),
  }));
}

/** Props every Select gets: all options rendered (no virtual list) and search on the visible label. */
export const findableSelectProps = {
  virtual: false,
  optionFilterProp: 'label',
} as const;
