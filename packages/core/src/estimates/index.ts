export { type ComputeEstimatesInput, computeKeywordEstimates } from './compute-keyword-estimates';
export { type ComputePendingInput, computePendingEstimates } from './compute-pending-estimates';
export { estimateKeyword, type KeywordEstimates, type KeywordFacts } from './estimate-keyword';
