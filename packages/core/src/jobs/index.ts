export { type BullOptions, type BullWorkers, createBullQueue, startBullWorkers } from './bullmq';
export { JOBS, type JobId, type JobPayload, PRIORITY, QUEUES, type QueueName } from './catalog';
export { createInProcessRunner, type JobEvent } from './in-process-runner';
export {
  type EnqueueOptions,
  type EnqueueResult,
  type JobQueue,
  MAX_RETRIED,
  type RetriedJobs,
} from './job-queue';
export type { JobDeps } from './processors';
export { resumeInterruptedJobs } from './resume-interrupted-jobs';
export { retryFailedJobs } from './retry-failed-jobs';
