-- The weekly series (keyword_observations.search_volume) holds each week's searches: the
-- sandbox's and the demo's history, the trends chart ("weekly searches"), the forecast and the
-- global trends read it so. The estimates job wrote its monthly volume there instead, so a
-- keyword with weekly history ended in a point about 4.35 times too high (a spike on every chart,
-- a "trending now" that was only the change of unit). Its points are now the week's share of the
-- monthly volume (30.44 / 7 weeks a month); those written before are converted the same way.
UPDATE "keyword_observations"
SET "search_volume" = round("search_volume" * 7 / 30.44)
WHERE "source" = 'estimate' AND "search_volume" IS NOT NULL;
