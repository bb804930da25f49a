import { AnalysisInputError } from '../analysis-input.js';

/**
 * Area under the ROC curve by the Mann–Whitney statistic: the probability that a random positive
 * scores higher than a random negative, ties counting one half (the midrank formula). The scores of
 * each class are sorted (native numeric sort) and walked together: O(n log n), 1M rows in about a
 * second. Pure.
 *
 * Example: `rocAuc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0])` → (1 + 1 + 0.5 + 1) / 4 = 0.875.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) throw new AnalysisInputError('AUC needs both outcomes: the labels have a single class', 'analysis.too_little_data');
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < scores.length; i++) {
    if (labels[i] === 1) positiveScores[p++] = scores[i]!;
    else negativeScores[q++] = scores[i]!;
  }
  positiveScores.sort();
  negativeScores.sort();
  let wins = 0;
  let below = 0; // negatives scoring lower than the current positive
  for (let p = 0; p < positives; ) {
    const score = positiveScores[p]!;
    while (below < negatives && negativeScores[below]! < score) below++;
    let tied = below;
    while (tied < negatives && negativeScores[tied] === score) tied++;
    let sameScore = 0;
    while (p < positives && positiveScores[p] === score) {
      sameScore++;
      p++;
    }
    wins += sameScore * (below + (tied - below) / 2);
  }
  return wins / (positives * negatives);
}
