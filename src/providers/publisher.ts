// The npmjs.com publisher settings of GitLab and CircleCI: the PublisherSettings of model.ts,
// narrowed to these providers (they always allow `npm publish`).
import type { PublisherSettings } from '../core/model.js';

export type ProviderPublisher = PublisherSettings & { provider: 'GitLab CI/CD' | 'CircleCI'; allow: 'npm publish' };
