export { ownedBatch } from './batch-access';
export { createBatch } from './create-batch';
export { exportBatchResults, findBatchResults } from './find-batch-results';
export { runBatch } from './run-batch';
