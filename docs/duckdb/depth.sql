-- Interaction depth and purchase rate across every participant's export, with 95 % intervals and the lift over the
-- posts only seen: the table the dashboard's researcher view shows (utils/metrics/lift.ts). Run from the folder
-- holding exports/<participant>/events.ndjson:
--   duckdb -c ".read docs/duckdb/depth.sql"
-- For Parquet, read 'exports/*/events.parquet' with read_parquet instead; the rest is the same.
-- Unit: participant × guide post seen (its card's or the post's own exposure, or an interaction with it).
-- A purchase counts for the post it was placed from, else (last touch, 15 days) the post whose card was last clicked
-- for that item, else the one whose card was last seen.
WITH events AS (
  SELECT DISTINCT ON (event_id) *
  FROM read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)
),
touches AS (
  SELECT participant_id, type, ts, item_id, post_id FROM events
  WHERE type IN ('exposure', 'click') AND post_id IS NOT NULL AND post_id <> '' AND item_id IS NOT NULL
),
purchases AS (
  SELECT participant_id, event_id, ts, item_id, nullif(post_id, '') AS post_id FROM events
  WHERE type = 'purchase' AND item_id IS NOT NULL AND item_id <> ''
),
attributed AS (
  SELECT p.participant_id,
    coalesce(p.post_id, (
      SELECT t.post_id FROM touches t
      WHERE t.participant_id = p.participant_id AND t.item_id = p.item_id
        AND t.ts BETWEEN p.ts - 15 * 86400000 AND p.ts
      ORDER BY (t.type = 'click') DESC, t.ts DESC
      LIMIT 1
    )) AS post_id
  FROM purchases p
),
bought AS (SELECT DISTINCT participant_id, post_id FROM attributed WHERE post_id IS NOT NULL),
seen AS (
  SELECT DISTINCT participant_id, post_id FROM events
  WHERE type IN ('exposure', 'post_exposure', 'interaction') AND post_id IS NOT NULL AND post_id <> ''
),
acts AS (
  SELECT participant_id, post_id,
    bool_or(action = 'like') AS liked,
    bool_or(action = 'repost') AS reposted,
    bool_or(action = 'comment') AS commented
  FROM events WHERE type = 'interaction' AND post_id IS NOT NULL AND post_id <> ''
  GROUP BY participant_id, post_id
),
units AS (
  SELECT s.participant_id, s.post_id,
    coalesce(a.liked, false) AS liked,
    coalesce(a.reposted, false) AS reposted,
    coalesce(a.commented, false) AS commented,
    a.post_id IS NOT NULL AS acted,
    b.post_id IS NOT NULL AS converted
  FROM seen s
  LEFT JOIN acts a USING (participant_id, post_id)
  LEFT JOIN bought b USING (participant_id, post_id)
),
groups AS (
  SELECT 1 AS ord, 'like' AS grp, count(*) FILTER (WHERE liked) AS n,
    count(*) FILTER (WHERE liked AND converted) AS k FROM units
  UNION ALL SELECT 2, 'repost', count(*) FILTER (WHERE reposted), count(*) FILTER (WHERE reposted AND converted) FROM units
  UNION ALL SELECT 3, 'comment', count(*) FILTER (WHERE commented), count(*) FILTER (WHERE commented AND converted) FROM units
  UNION ALL SELECT 4, 'any', count(*) FILTER (WHERE acted), count(*) FILTER (WHERE acted AND converted) FROM units
  UNION ALL SELECT 5, 'seen-only', count(*) FILTER (WHERE NOT acted), count(*) FILTER (WHERE NOT acted AND converted) FROM units
),
-- z = 1.959963984540054 (two-sided 95 %); pooled = purchase rate of every post seen.
stats AS (
  SELECT g.*, 1.959963984540054 AS z,
    (SELECT count(*) FILTER (WHERE converted) / nullif(count(*), 0) FROM units) AS pooled,
    b.n AS n0, b.k AS k0
  FROM groups g, (SELECT n, k FROM groups WHERE grp = 'seen-only') b
),
rated AS (
  SELECT *,
    k / nullif(n, 0) AS rate,
    k / nullif(n, 0) / nullif(k0 / nullif(n0, 0), 0) AS ratio,
    sqrt(1.0 / nullif(k, 0) - 1.0 / n + 1.0 / nullif(k0, 0) - 1.0 / n0) AS log_se,
    n < 30 OR pooled IS NULL OR least(n * pooled, n * (1 - pooled)) < 5 AS small,
    n0 < 30 OR pooled IS NULL OR least(n0 * pooled, n0 * (1 - pooled)) < 5 AS base_small
  FROM stats
)
SELECT
  grp AS "group",
  n,
  k AS converted,
  rate,
  CASE WHEN n > 0 THEN greatest(0, ((rate + z * z / (2 * n)) / (1 + z * z / n))
    - z * sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)) END AS rate_lo,
  CASE WHEN n > 0 THEN least(1, ((rate + z * z / (2 * n)) / (1 + z * z / n))
    + z * sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)) END AS rate_hi,
  CASE WHEN grp = 'seen-only' THEN (CASE WHEN n > 0 THEN 1.0 END) ELSE ratio END AS lift,
  CASE WHEN grp <> 'seen-only' THEN ratio * exp(-z * log_se) END AS lift_lo,
  CASE WHEN grp <> 'seen-only' THEN ratio * exp(z * log_se) END AS lift_hi,
  small,
  CASE WHEN grp = 'seen-only' THEN base_small ELSE small OR base_small END AS lift_small
FROM rated
ORDER BY ord;
