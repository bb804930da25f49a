import { AnalysisInputError } from '../analysis-input.js';

/**
 * Area under the ROC curve by the Mann–Whitney statistic: the probability that a random positive
 * scores higher than a random negative, ties counting one half (midranks). O(n log n). Pure.
 *
 * Example: `rocAuc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0])` → (1 + 1 + 0.5 + 1) / 4 = 0.875.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midrank = (start + end) / 2 + 1; // ranks are 1-based
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += midrank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new AnalysisInputError('AUC needs both outcomes: the labels have a single class', 'analysis.too_little_data');
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
