// The server's reference lists (plain data modules without Node imports), shared so that pickers offer exactly
// what the API accepts.
export { TOPICS, topicByCode, type Topic } from '../../../../src/modules/publishing/reference/topics.js';
export { GENRE_NAMES } from '../../../../src/modules/publishing/reference/genres.js';
export { DISCLOSURE_MODES, EXEMPTIONS, VALIDITIES } from '../../../../src/modules/publishing/reference/disclosure.js';
export { STATE_LABELS } from '../../../../src/modules/publishing/reference/states.js';
