-- Study funnel across every participant's export. Run from the folder holding exports/<participant>/events.ndjson:
--   duckdb -c ".read docs/duckdb/funnel.sql"
-- read_json_auto reads newline-delimited JSON; the glob takes every participant at once. BigQuery (NEWLINE_DELIMITED_JSON)
-- and Spark (spark.read.json) read the same files as they are; for Parquet, use read_parquet('exports/*/events.parquet').
-- As the dashboard counts: a row sent twice (two exports of one participant) once; clicks as click-throughs (card,
-- link, buy, view-item), once per page view, post and item.
WITH events AS (
  SELECT DISTINCT ON (event_id) *
  FROM read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)
),
through AS (
  SELECT * FROM events WHERE type = 'click' AND (target IS NULL OR target IN ('card', 'link', 'buy', 'view-item'))
)
SELECT
  (SELECT count(DISTINCT participant_id) FROM events)               AS participants,
  (SELECT count(*) FROM events WHERE type = 'post_exposure')       AS post_exposures,
  (SELECT count(*) FROM events WHERE type = 'exposure')            AS exposures,
  (SELECT count(DISTINCT (participant_id, page_id, post_id, item_id)) FILTER (WHERE page_id IS NOT NULL)
     + count(*) FILTER (WHERE page_id IS NULL) FROM through)        AS clicks,
  (SELECT count(*) FROM events WHERE type = 'save')                AS saves,
  (SELECT count(*) FROM events WHERE type = 'purchase')            AS purchases,
  (SELECT sum(amount_fen) FROM events WHERE type = 'purchase')     AS gmv_fen;
