/** Every static document, for the schema-validation tests. */
export * as deployments from './deployments';
export * as domains from './domains';
export * as fragments from './fragments';
export * as logs from './logs';
export * as projects from './projects';
export * as services from './services';
export * as variables from './variables';
