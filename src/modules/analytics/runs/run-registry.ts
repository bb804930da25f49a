import { AppError } from '../../../platform/errors/index.js';
import { basketRunner } from '../basket/cross-sell-runner.js';
import { churnRunner } from '../churn/churn-runner.js';
import { clustersRunner } from '../clusters/clusters-runner.js';
import { clvRunner } from '../clv/clv-runner.js';
import { leadscoreRunner } from '../leadscore/leadscore-runner.js';
import { rfmRunner } from '../rfm/rfm-runner.js';
import { type AnyModelRunner, registryEntry } from './model-runner.js';

/** Every model runnable as an analysis run. Add one line per model. */
export const MODEL_RUNNERS: ReadonlyMap<string, AnyModelRunner> = new Map([registryEntry(rfmRunner), registryEntry(clvRunner), registryEntry(churnRunner), registryEntry(clustersRunner), registryEntry(leadscoreRunner), registryEntry(basketRunner)].map((r) => [r.model, r]));

export function modelRunner(model: string): AnyModelRunner {
  const runner = MODEL_RUNNERS.get(model);
  if (runner === undefined) throw new AppError('field.invalid_value', { field: 'model', params: { field: 'model', reason: `one of ${[...MODEL_RUNNERS.keys()].join(', ')}` } });
  return runner;
}
