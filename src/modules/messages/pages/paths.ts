export const INTERACTION_PATH = '/interaction';
export const NEW_MESSAGE_PATH = '/messages/new';
export const TRACK_PATH = '/messages/track';
export const QA_PATH = '/qa';
export const trackPath = (code: string): string => `${TRACK_PATH}/${encodeURIComponent(code)}`;
export const ratingPath = (code: string): string => `${trackPath(code)}/rating`;
export const qaPath = (id: string): string => `${QA_PATH}/${encodeURIComponent(id)}`;
