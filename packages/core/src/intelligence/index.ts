export { forecastCsv, parseSeriesCsv, type SeriesInput } from './forecast/forecast-csv';
export {
  combinedForecast,
  type Forecast,
  type ForecastBasis,
  forecastSeries,
  seasonalAtLevel,
} from './forecast/forecast-series';
export {
  dampedHolt,
  type MethodForecast,
  naive,
  seasonalNaive,
  ses,
  theta,
} from './forecast/methods';
export { type YearlySeason, yearlySeason } from './forecast/yearly-season';
export { dot, fitLeastSquares, quantileSorted } from './least-squares';
export {
  type ListingKeyword,
  type ListingProposal,
  proposeListing,
} from './listing/propose-listing';
export {
  type ClusterInput,
  clusterKeywords,
  type KeywordCluster,
} from './related/cluster-keywords';
export {
  findRelated,
  type RelatedCandidate,
  type RelatedKeyword,
  type Relation,
} from './related/find-related';
export { diceSimilarity, lemma, topicTokens } from './related/tokens';
export { type CpcEstimate, estimateCpc } from './scores/estimate-cpc';
export {
  type Competition,
  type CompetitionLevel,
  scoreCompetition,
  topListingStrength,
} from './scores/score-competition';
export { type KeywordScores, scoreKeyword } from './scores/score-keyword';
export { averageRanks, spearman } from './stats/spearman';
export { analyzeTrend, type TrendAnalysis, type WeeklyPoint } from './trends/analyze-trend';
export { estimateVolume, type VolumeEstimate } from './volume/estimate-volume';
export { searchEvidence } from './volume/search-evidence';
export {
  type EvidenceKind,
  evidenceKind,
  type VolumeEvidence,
  volumeFeatures,
} from './volume/volume-features';
export {
  EVIDENCE_KINDS,
  fitVolumeModel,
  type VolumeFit,
  type VolumeModel,
  type VolumeSample,
} from './volume/volume-model';
