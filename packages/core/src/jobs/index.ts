export { type BullOptions, type BullWorkers, createBullQueue, startBullWorkers } from './bullmq';
export { JOBS, type JobId, type JobPayload, PRIORITY, QUEUES, type QueueName } from './catalog';
export { createInProcessRunner, type JobEvent } from './in-process-runner';
export type { EnqueueOptions, EnqueueResult, JobQueue } from './job-queue';
export type { JobDeps } from './processors';
