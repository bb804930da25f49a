import { RFM_SEGMENTS } from '../analytics/index.js';

/** A model score value that becomes a tag: `score` is a text score of `customer_scores`. */
export interface ModelTagSource {
  score: 'churn_level' | 'rfm_segment' | 'lead_grade';
  value: string;
}

export interface ModelTagPreset extends ModelTagSource {
  name: string;
  nameEn: string;
}

export const MODEL_SCORES: readonly ModelTagSource['score'][] = ['churn_level', 'rfm_segment', 'lead_grade'];

/**
 * The declarative mapping from model scores to predictive tags (DOMAIN.md §3). Pure data: the web
 * page offers these as presets, and any other `{score, value}` pair may be saved too.
 */
export const MODEL_TAG_PRESETS: readonly ModelTagPreset[] = [
  { score: 'churn_level', value: 'high', name: '高流失风险', nameEn: 'High churn risk' },
  { score: 'churn_level', value: 'medium', name: '中流失风险', nameEn: 'Medium churn risk' },
  { score: 'lead_grade', value: 'A', name: '优质线索', nameEn: 'Quality lead' },
  ...RFM_SEGMENTS.map((s) => ({ score: 'rfm_segment' as const, value: s.key, name: s.nameZh, nameEn: s.nameEn })),
];

/** The segment rule a model tag stands for: customers whose score has exactly that value. */
export function modelTagRule(source: ModelTagSource): { version: 1; rule: { score: string; op: 'eq'; value: string } } {
  return { version: 1, rule: { score: source.score, op: 'eq', value: source.value } };
}
