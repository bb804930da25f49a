export { MODEL_TAG_PRESETS, type ModelTagPreset, type ModelTagSource, modelTagRule } from './model-tag-mapping.js';
export { type CustomerTag, customerTagsRead, tagsOfCustomer } from './tag-definition-repository.js';
export { TagDefinitionService } from './tag-definition-service.js';
export { refreshAllTags, refreshTagById, TAGS_HANDLER, TAGS_TOPICS, tagSweepJob, tagSweepSchedule, tagsSubscription } from './tag-refresh.js';
export { tagRoutes } from './tag-routes.js';
